package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.util.http.SlackHttpClient;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Failures;
import io.holdfast.home.HomeService;
import io.holdfast.store.TenantStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Wires Bolt for one workspace ({@code SLACK_BOT_TOKEN}) or for every workspace that installs it (OAuth). Bolt's own signature check is switched off because
 * {@link SlackSignatureFilter} does it better in front of the servlet (two-sided clock window,
 * constant-time comparison), so a bad request is refused before Bolt parses anything.
 */
public final class SlackApp implements AutoCloseable {
    /** Where a person starts an install (Add to Slack), and where Slack sends them back; browsers' GETs, not signed. */
    public static final String INSTALL_PATH = "/slack/install";
    public static final String REDIRECT_PATH = "/slack/oauth_redirect";

    private final App app;
    private final BoltThreads threads;

    private SlackApp(App app, BoltThreads threads) {
        this.app = app;
        this.threads = threads;
    }

    /**
     * The client every post, update and Bolt call goes through. OkHttp keeps five idle connections by
     * default; with more posts than that in flight, each pass closed the surplus and the next one opened
     * them again (a TLS handshake each against real Slack), so the pool keeps one per post in flight.
     *
     * @param inFlight how many calls may be under way at once
     */
    public static Slack client(String apiUrl, int inFlight) {
        SlackConfig config = config(apiUrl);
        OkHttpClient okHttp = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .connectionPool(new ConnectionPool(inFlight, 5, TimeUnit.MINUTES))
                .build();
        return Slack.getInstance(config, new SlackHttpClient(okHttp));
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
    public static SlackApp create(Slack slack, String signingSecret, String botToken, Parts parts) {
        BoltThreads threads = new BoltThreads();
        App app = withEventDedupe(AppConfig.builder()
                .slack(slack)
                .executorServiceProvider(threads)
                .signingSecret(signingSecret)
                .singleTeamBotToken(botToken)
                .clientId(null)
                .clientSecret(null)
                .requestVerificationEnabled(false)
                .build(), parts.events());
        return wire(app, threads, slack, parts);
    }

    /**
     * What every Slack door shares, however it is installed.
     *
     * @param tokens   the bot token of each workspace (the Home tab publishes with it)
     * @param events   the Events API deliveries already handled, so Slack's retries run once
     * @param afterAck where work that may outlast Slack's 3-second acknowledgement runs
     */
    public record Parts(CommandRouter router, TenantStore tenants, SlackPeople people, SlackTokens tokens, HomeService home,
                        SlackEventLog events, ExecutorService afterAck) {}

    /** What a multi-workspace (OAuth) install needs besides the signing secret. */
    public record OAuth(String clientId, String clientSecret, String scopes, Optional<String> redirectUri, SlackInstallations installations,
                        OAuthStateStore states) {}

    /**
     * Builds the Bolt app for every workspace that installs Holdfast through {@link #INSTALL_PATH}: each
     * request is answered with its own workspace's install, looked up (and cached) by
     * {@link SlackInstallations}. Every OAuth setting is given here, so none is read from the environment.
     */
    public static SlackApp createOAuth(Slack slack, String signingSecret, OAuth oauth, Parts parts) {
        SlackInstallPages pages = new SlackInstallPages(INSTALL_PATH);
        BoltThreads threads = new BoltThreads();
        App app = withEventDedupe(AppConfig.builder()
                .slack(slack)
                .executorServiceProvider(threads)
                .signingSecret(signingSecret)
                .singleTeamBotToken(null)
                .clientId(oauth.clientId())
                .clientSecret(oauth.clientSecret())
                .scope(oauth.scopes())
                .userScope(null)
                .redirectUri(oauth.redirectUri().orElse(null))
                .oauthStartPath(INSTALL_PATH)
                .oauthInstallPath(INSTALL_PATH)
                .oauthCallbackPath(REDIRECT_PATH)
                .oauthRedirectUriPath(REDIRECT_PATH)
                .oauthCompletionUrl(null)
                .oauthCancellationUrl(null)
                .oAuthInstallPageRenderer(pages)
                .oAuthRedirectUriPageRenderer(pages)
                // Bolt's authorization asks auth.test about each token; once a minute is plenty, and keeps it off the ack path.
                .authTestCacheEnabled(true)
                .authTestCacheExpirationMillis(60_000L)
                .requestVerificationEnabled(false)
                .build(), parts.events());
        SlackOAuthFlow.configure(app, oauth.installations(), new SlackOAuthStates(oauth.states()), pages);
        return wire(app, threads, slack, parts);
    }

    /**
     * Bolt builds its middleware (authorization first) on the first request; the event dedupe joins the end
     * of that list, so a repeated delivery is acknowledged before any handler runs.
     */
    private static App withEventDedupe(AppConfig config, SlackEventLog events) {
        SlackEventDedupe dedupe = new SlackEventDedupe(events);
        return new App(config) {
            @Override
            protected List<Middleware> buildDefaultMiddlewareList(AppConfig appConfig) {
                List<Middleware> middleware = super.buildDefaultMiddlewareList(appConfig);
                middleware.add(dedupe);
                return middleware;
            }
        };
    }

    private static SlackApp wire(App app, BoltThreads threads, Slack slack, Parts parts) {
        CommandRouter router = parts.router();
        ExecutorService afterAck = parts.afterAck();
        SlackInvocations invocations = new SlackInvocations(parts.tenants(), parts.people());
        SlackModals modals = new SlackModals();
        SlackReplies replies = new SlackReplies(modals);
        Failures failures = new Failures("/promise list");
        SlackCommands commands = new SlackCommands(router, invocations, replies, failures);
        for (String name : router.commandNames()) {
            app.command("/" + name, commands);
        }
        SlackHomeTab homeTab = new SlackHomeTab(slack, parts.tokens(), parts.home(), invocations);
        app.event(AppHomeOpenedEvent.class, new SlackHomeOpened(homeTab, afterAck));
        SlackActions actions = new SlackActions(router, invocations, replies, failures, afterAck, homeTab);
        router.actionIds().forEach(id -> app.blockAction(id, actions));
        SlackForms forms = new SlackForms(router, invocations, replies, modals, failures, afterAck, homeTab);
        router.formIds().forEach(id -> app.viewSubmission(id, forms));
        return new SlackApp(app, threads);
    }

    public App bolt() {
        return app;
    }

    /** Stops Bolt and ends every thread it started; call it once no request can reach Bolt any more. */
    @Override
    public void close() {
        app.stop();
        threads.stop();
    }
}
