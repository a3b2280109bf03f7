package io.holdfast.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** 200 with a one-word body while {@code check} holds, 503 otherwise; what orchestrators probe. */
final class HealthServlet extends HttpServlet {
    private final BooleanSupplier check;
    private final String word;

    HealthServlet(BooleanSupplier check, String word) {
        this.check = check;
        this.word = word;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean ok;
        try {
            ok = check.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        resp.setStatus(ok ? 200 : 503);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().println(ok ? word : "not " + word);
    }
}
