package io.holdfast.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** {@code GET /readyz}: 200 "ready" or 503 "not ready", then one line per dependency, for a person or a probe. */
final class ReadinessServlet extends HttpServlet {
    private final Readiness readiness;
    private final String warning;

    /** @param warning a line shown on every answer (empty for none), e.g. that unauthenticated traffic is accepted */
    ReadinessServlet(Readiness readiness, String warning) {
        this.readiness = readiness;
        this.warning = warning;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Readiness.Report report = readiness.check();
        resp.setStatus(report.ready() ? 200 : 503);
        resp.setContentType("text/plain;charset=utf-8");
        PrintWriter out = resp.getWriter();
        out.println(report.ready() ? "ready" : "not ready");
        report.lines().forEach(out::println);
        if (!warning.isEmpty()) {
            out.println(warning);
        }
    }
}
