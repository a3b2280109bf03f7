package io.holdfast.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The one HTTP server: Slack's endpoint behind its signature filter, and the health endpoints.
 * Stopping it is graceful: new requests are refused while in-flight ones finish.
 */
public final class WebServer implements AutoCloseable {
    public static final String SLACK_PATH = "/slack/events";

    private final Server server;
    private final ServerConnector connector;

    public WebServer(int port, BooleanSupplier ready, SlackEndpoint slack) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HealthServlet(() -> true, "ok")), "/healthz");
        context.addServlet(new ServletHolder(new HealthServlet(ready, "ready")), "/readyz");
        if (slack != null) {
            context.addServlet(new ServletHolder(slack.servlet()), SLACK_PATH);
            context.addFilter(new FilterHolder(slack.filter()), SLACK_PATH, EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        } else {
            context.addServlet(new ServletHolder(new NotConfiguredServlet()), SLACK_PATH);
        }
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(20_000);
        server.setStopAtShutdown(false);
    }

    /** The Slack door: Bolt's servlet with the filter that verifies each request first. */
    public record SlackEndpoint(HttpServlet servlet, Filter filter) {}

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
