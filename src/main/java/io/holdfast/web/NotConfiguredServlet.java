package io.holdfast.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers a platform's path with a plain 404 while that platform is off, so a misconfigured app says why. */
final class NotConfiguredServlet extends HttpServlet {
    private final String why;

    NotConfiguredServlet(String why) {
        this.why = why;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(404);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().println(why);
    }
}
