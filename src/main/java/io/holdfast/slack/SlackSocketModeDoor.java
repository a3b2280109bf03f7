package io.holdfast.slack;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /slack/events} while Slack comes over Socket Mode: closed, and saying why. Slack sends an app
 * with Socket Mode on nothing over HTTP, and with no signing secret a request here couldn't be verified.
 */
public final class SlackSocketModeDoor extends HttpServlet {
    /** Nothing to verify in front of a closed door. */
    public static final Filter NO_FILTER = (request, response, chain) -> chain.doFilter(request, response);

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(404);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().println("Slack reaches this Holdfast over Socket Mode (SLACK_APP_TOKEN is set), not at this URL. "
                + "Unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET to serve Slack here.");
    }
}
