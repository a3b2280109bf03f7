package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Failures;
import io.holdfast.home.HomeService;
import io.holdfast.store.TenantStore;
import java.util.concurrent.ExecutorService;

/**
 * Wires Bolt for one workspace. Bolt's own signature check is switched off because
 * {@link SlackSignatureFilter} does it better in front of the servlet (two-sided clock window,
 * constant-time comparison), so a bad request is refused before Bolt parses anything.
 */
public final class SlackApp {
    private final App app;

    private SlackApp(App app) {
        this.app = app;
    }

    public static Slack client(String apiUrl) {
        return Slack.getInstance(config(apiUrl));
    }

    /**
     * A client for lookups made before the 3-second acknowledgement (users.info): it gives up after a
     * second, and the caller falls back to what it already knows rather than making Slack time out.
     */
    public static Slack quickClient(String apiUrl) {
        SlackConfig config = config(apiUrl);
        config.setHttpClientCallTimeoutMillis(1_000);
        return Slack.getInstance(config);
    }

    private static SlackConfig config(String apiUrl) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setPrettyResponseLoggingEnabled(false);
        // The SDK otherwise sends its own auth.test per token just to label its metrics.
        config.getMethodsConfig().setStatsEnabled(false);
        return config;
    }

    /**
     * Builds the Bolt app for one workspace. Bolt calls {@code auth.test} on the first request (in Socket Mode, when
     * it connects), so the Web API at {@code SLACK_API_URL} must answer then. {@code signingSecret} is null in Socket
     * Mode, where nothing is signed. The OAuth client id and secret are cleared because
     * Bolt otherwise reads them from the environment and silently switches to multi-workspace mode.
     */
    public static SlackApp create(Slack slack, String signingSecret, String botToken, CommandRouter router, TenantStore tenants,
                                  SlackPeople people, ExecutorService afterAck, SlackTokens tokens, HomeService home) {
        App app = new App(AppConfig.builder()
                .slack(slack)
                .signingSecret(signingSecret)
                .singleTeamBotToken(botToken)
                .clientId(null)
                .clientSecret(null)
                .requestVerificationEnabled(false)
                .build());
        SlackInvocations invocations = new SlackInvocations(tenants, people);
        SlackModals modals = new SlackModals();
        SlackReplies replies = new SlackReplies(modals);
        Failures failures = new Failures("/promise list");
        SlackCommands commands = new SlackCommands(router, invocations, replies, failures);
        for (String name : router.commandNames()) {
            app.command("/" + name, commands);
        }
        SlackHomeTab homeTab = new SlackHomeTab(slack, tokens, home, invocations);
        app.event(AppHomeOpenedEvent.class, new SlackHomeOpened(homeTab, afterAck));
        SlackActions actions = new SlackActions(router, invocations, replies, failures, afterAck, homeTab);
        router.actionIds().forEach(id -> app.blockAction(id, actions));
        SlackForms forms = new SlackForms(router, invocations, replies, modals, failures, afterAck, homeTab);
        router.formIds().forEach(id -> app.viewSubmission(id, forms));
        return new SlackApp(app);
    }

    public App bolt() {
        return app;
    }
}
