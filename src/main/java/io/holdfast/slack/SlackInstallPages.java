package io.holdfast.slack;

import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthInstallPageRenderer;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthRedirectUriPageRenderer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The pages a person sees while installing Holdfast in a workspace: the Add to Slack page, and what
 * happened afterwards with what to do next. Everything that came from outside (a workspace name, an
 * error code) is escaped.
 */
final class SlackInstallPages implements OAuthInstallPageRenderer, OAuthRedirectUriPageRenderer {
    static final String EXPIRED_OR_USED = "invalid_state";
    static final String ORG_WIDE = "org_wide_install";
    static final String NOT_SAVED = "not_saved";

    private final String installPath;

    SlackInstallPages(String installPath) {
        this.installPath = installPath;
    }

    /** The Add to Slack page; {@code authorizeUrl} carries this browser's state. */
    @Override
    public String render(String authorizeUrl) {
        return page("Add Holdfast to Slack",
                "<h1>Add Holdfast to your Slack workspace</h1>"
                        + "<p>Holdfast keeps the promises your team makes to clients visible, owned and kept: each one gets a card in its "
                        + "channel, a single owner and a due date, and is chased when it slips.</p>"
                        + "<p><a class=\"button\" href=\"" + escape(authorizeUrl) + "\">Add to Slack</a></p>"
                        + "<p class=\"small\">Slack asks you to pick the workspace and shows what Holdfast may do there. "
                        + "This link works once, for the next 10 minutes.</p>");
    }

    @Override
    public String renderSuccessPage(Installer installer, String completionUrl) {
        String workspace = installer.getTeamId();
        if (installer instanceof DefaultInstaller d && d.getTeamName() != null) {
            workspace = d.getTeamName();
        }
        String open = "https://slack.com/app_redirect?app=" + urlEncode(installer.getAppId()) + "&team=" + urlEncode(installer.getTeamId());
        return page("Holdfast is installed",
                "<h1>Holdfast is installed in " + escape(workspace) + "</h1>"
                        + "<p>Next, in any channel, type <code>/promise help</code> to see what it does, or make the first one: "
                        + "<code>/promise Acme Corp: send the SOC2 report by friday</code>.</p>"
                        + "<p>It posts in public channels on its own; in a private channel, <code>/invite @holdfast</code> first. "
                        + "Workspace admins set the time zone and holidays with <code>/holdfast help</code>.</p>"
                        + "<p><a class=\"button\" href=\"" + escape(open) + "\">Open Slack</a></p>");
    }

    @Override
    public String renderFailurePage(String installPath, String reason) {
        String again = "<p><a class=\"button\" href=\"" + escape(this.installPath) + "\">Start again</a></p>";
        return switch (reason == null ? "" : reason) {
            case "access_denied" -> page("Holdfast was not installed",
                    "<h1>Holdfast was not installed</h1><p>The install was cancelled in Slack, so nothing changed in your workspace.</p>"
                            + "<p>Changed your mind? Start again and choose <b>Allow</b>.</p>" + again);
            case EXPIRED_OR_USED -> page("This install link has expired",
                    "<h1>This install link has expired or was already used</h1>"
                            + "<p>Each Add to Slack link works once, for 10 minutes, in the browser that opened it. "
                            + "Nothing was installed. Start again from the Add to Slack page.</p>" + again);
            case ORG_WIDE -> page("Install Holdfast in a workspace",
                    "<h1>Holdfast installs in one workspace at a time</h1>"
                            + "<p>It was not installed for the whole organisation. Start again and pick a workspace; "
                            + "install it in each workspace that should use it.</p>" + again);
            default -> page("Holdfast was not installed",
                    "<h1>Holdfast was not installed</h1><p>Slack did not complete the install (" + escape(reason) + "). "
                            + "Nothing changed in your workspace. Try again; if it keeps failing, tell whoever runs Holdfast, "
                            + "with the time you tried.</p>" + again);
        };
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}"
                + "a.button{display:inline-block;background:#4a154b;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none;font-weight:600}"
                + "code{background:#f4f4f4;padding:0 .2rem}.small{color:#616061;font-size:.9rem}</style></head><body>" + body + "</body></html>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
