package io.holdfast.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install pages ({@link SlackApp#INSTALL_PATH}, {@link SlackApp#REDIRECT_PATH}), which a person's
 * browser opens, so nothing here is signed. Bolt decides what a request is from its body before its path,
 * and a body shaped like a slash command, a button press or an event would reach those handlers unverified
 * from here. So only a GET or HEAD without a body gets through, Bolt is handed an empty body whatever was
 * sent, and only the start or the end of an install is run.
 */
public final class SlackInstallServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(SlackInstallServlet.class);
    /** The paths this servlet serves. */
    public static final List<String> PATHS = List.of(SlackApp.INSTALL_PATH, SlackApp.REDIRECT_PATH);
    private static final Set<RequestType> INSTALL_STEPS = Set.of(RequestType.OAuthStart, RequestType.OAuthCallback);

    private final transient App app;
    private final transient SlackAppServletAdapter adapter;

    public SlackInstallServlet(SlackApp app) {
        this.app = app.bolt();
        this.adapter = new SlackAppServletAdapter(this.app.config()) {
            @Override
            protected String doReadRequestBodyAsString(HttpServletRequest req) {
                return "";
            }
        };
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            text(resp, 405, "Open " + SlackApp.INSTALL_PATH + " in a browser to add Holdfast to Slack; this address takes only GET. "
                    + "Slack's commands and events go to /slack/events.");
            return;
        }
        if (req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null) {
            text(resp, 400, "A request to this address has no body: open " + SlackApp.INSTALL_PATH + " in a browser to add Holdfast to Slack. "
                    + "Slack's commands and events go to /slack/events.");
            return;
        }
        super.service(req, resp);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Request<?> request = adapter.buildSlackRequest(req);
        if (request == null || !INSTALL_STEPS.contains(request.getRequestType())) {
            text(resp, 404, "Nothing here: open " + SlackApp.INSTALL_PATH + " in a browser to add Holdfast to Slack.");
            return;
        }
        Response response;
        try {
            response = app.run(request);
        } catch (Exception e) {
            log.error("an install page failed", e);
            text(resp, 500, "Something went wrong; try again from " + SlackApp.INSTALL_PATH + ".");
            return;
        }
        ServletAdapterOps.writeResponse(resp, response);
    }

    private static void text(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
