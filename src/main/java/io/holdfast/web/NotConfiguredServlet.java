package io.holdfast.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers Slack's path with a plain 404 while Slack is off, so a misconfigured app says why. */
final class NotConfiguredServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(404);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().println("Slack is off on this Holdfast: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN and restart.");
    }
}
