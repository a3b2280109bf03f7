package io.holdfast.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.builtin.oauth.OAuthV2AccessErrorHandler;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth side of the Bolt app: our installation and state services, the pages a person sees, and the
 * handlers for {@code app_uninstalled} and {@code tokens_revoked}. Bolt's own failure handlers log the
 * whole redirect (its one-time code included) and answer 200 whatever happened; these log only what an
 * operator needs and answer with a status that says what happened.
 */
final class SlackOAuthFlow {
    private static final Logger log = LoggerFactory.getLogger(SlackOAuthFlow.class);

    private SlackOAuthFlow() {
    }

    static void configure(App app, SlackInstallations installations, SlackOAuthStates states, SlackInstallPages pages) {
        app.asOAuthApp(true);
        // service(InstallationService) replaces the success handler, so the callbacks below are set after it.
        app.service(installations);
        app.service(states);
        // Registered in place of Bolt's (enableTokenRevocationHandlers), which revoke after the acknowledgement.
        SlackRevocations revocations = new SlackRevocations(installations);
        app.event(AppUninstalledEvent.class, revocations::appUninstalled);
        app.event(TokensRevokedEvent.class, revocations::tokensRevoked);
        app.oauthPersistenceErrorCallback(args -> {
            boolean orgWide = args.getError() instanceof SlackInstallations.OrgWideInstallException;
            if (orgWide) {
                log.info("refused an org-wide install for Enterprise Grid {}: Holdfast installs per workspace", args.getInstaller().getEnterpriseId());
            } else {
                log.error("storing the Slack install of workspace {} failed", args.getInstaller().getTeamId(), args.getError());
            }
            page(args.getResponse(), orgWide ? 400 : 500, pages.renderFailurePage(SlackApp.INSTALL_PATH,
                    orgWide ? SlackInstallPages.ORG_WIDE : SlackInstallPages.NOT_SAVED));
        });
        app.oauthCallbackStateError((request, response) -> {
            log.info("refused an OAuth redirect: its state is unknown, expired, already used, or not this browser's");
            return page(response, 400, pages.renderFailurePage(SlackApp.INSTALL_PATH, SlackInstallPages.EXPIRED_OR_USED));
        });
        app.oauthCallbackError((request, response) -> {
            // The error comes from the browser's address bar, so only the characters of Slack's error codes are logged.
            log.info("a Slack install ended without installing: {}", request.getPayload().getError().replaceAll("[^a-z_]", ""));
            return page(response, 200, pages.renderFailurePage(SlackApp.INSTALL_PATH, request.getPayload().getError()));
        });
        OAuthV2AccessErrorHandler accessError = (request, response, api) -> {
            log.warn("oauth.v2.access refused the install code: {}", api.getError());
            return page(response, 502, pages.renderFailurePage(SlackApp.INSTALL_PATH, api.getError()));
        };
        app.oauthCallbackAccessError(accessError);
        app.oauthCallbackException((request, response, e) -> {
            log.error("a Slack install failed", e);
            return page(response, 502, pages.renderFailurePage(SlackApp.INSTALL_PATH, "slack_unreachable"));
        });
    }

    private static Response page(Response response, int status, String html) {
        response.setStatusCode(status);
        response.setContentType("text/html; charset=utf-8");
        response.setBody(html);
        return response;
    }
}
