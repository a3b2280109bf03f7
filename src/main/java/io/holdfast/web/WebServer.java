package io.holdfast.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The one HTTP server: Slack's endpoint behind its signature filter, the health endpoints and the
 * metrics, with each answer at a platform's door timed.
 * Stopping it is graceful: new requests are refused while in-flight ones finish.
 */
public final class WebServer implements AutoCloseable {
    public static final String SLACK_PATH = "/slack/events";
    public static final String TEAMS_PATH = "/api/messages";
    /** Shown on /readyz while unauthenticated Teams traffic is accepted, so nobody runs that way by accident. */
    static final String INSECURE_WARNING = "WARNING: Teams insecure dev mode: unauthenticated Bot Framework traffic is accepted";

    private final Server server;
    private final ServerConnector connector;

    public WebServer(int port, Readiness readiness, SlackEndpoint slack, TeamsEndpoint teams, Metrics metrics) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HealthServlet()), "/healthz");
        context.addServlet(new ServletHolder(new ReadinessServlet(readiness, teams != null && teams.insecure() ? INSECURE_WARNING : "")), "/readyz");
        context.addServlet(new ServletHolder(new MetricsServlet(metrics)), "/metrics");
        if (slack != null) {
            context.addServlet(new ServletHolder(slack.servlet()), SLACK_PATH);
            context.addFilter(new FilterHolder(slack.filter()), SLACK_PATH, EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
            if (slack.install() != null) {
                // A person's browser opens these, so they carry no Slack signature; the OAuth state protects the redirect.
                ServletHolder install = new ServletHolder(slack.install());
                slack.installPaths().forEach(path -> context.addServlet(install, path));
            }
        } else {
            context.addServlet(new ServletHolder(new NotConfiguredServlet("Slack is off on this Holdfast: set SLACK_SIGNING_SECRET and "
                    + "SLACK_BOT_TOKEN (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and HOLDFAST_ENCRYPTION_KEY) and restart.")), SLACK_PATH);
        }
        context.addServlet(new ServletHolder(teams != null ? teams.servlet() : new NotConfiguredServlet("Teams is off on this Holdfast: set "
                + "MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (and MICROSOFT_APP_TENANT_ID for a single-tenant bot) and restart.")), TEAMS_PATH);
        server.setHandler(new GracefulHandler(new AckTimer(context, Map.of(SLACK_PATH, "slack", TEAMS_PATH, "teams"), metrics)));
        server.setStopTimeout(20_000);
        server.setStopAtShutdown(false);
    }

    /**
     * The Slack door: Bolt's servlet with the filter that verifies each request first, and with OAuth the
     * servlet of the install pages and the paths it serves ({@code null} and none for a single-workspace install).
     */
    public record SlackEndpoint(HttpServlet servlet, Filter filter, HttpServlet install, List<String> installPaths) {
        public SlackEndpoint(HttpServlet servlet, Filter filter) {
            this(servlet, filter, null, List.of());
        }
    }

    /** The Teams door: the Bot Framework endpoint, which authenticates each activity itself. */
    public record TeamsEndpoint(HttpServlet servlet, boolean insecure) {}

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
