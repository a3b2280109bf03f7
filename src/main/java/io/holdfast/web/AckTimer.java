package io.holdfast.web;

import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times each request to a platform's door from its arrival on the connection to its answer's last
 * byte written: the time Slack waits for an acknowledgement (3 s at most). Costs a map lookup and a
 * timer update per request, nothing more.
 */
final class AckTimer extends Handler.Wrapper {
    /** Door label by request path. */
    private final Map<String, String> doors;
    private final Metrics metrics;

    AckTimer(Handler next, Map<String, String> doors, Metrics metrics) {
        super(next);
        this.doors = Map.copyOf(doors);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String door = doors.get(request.getHttpURI().getPath());
        if (door == null) {
            return super.handle(request, response, callback);
        }
        long arrived = request.getBeginNanoTime();
        return super.handle(request, response,
                Callback.from(callback, () -> metrics.acknowledged(door, response.getStatus(), System.nanoTime() - arrived)));
    }
}
