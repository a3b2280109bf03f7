package io.holdfast.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local stand-in for Slack's Socket Mode server: the WebSocket that {@code apps.connections.open} hands
 * out. It greets each connection with {@code hello}, sends envelopes shaped as Slack sends them, and records
 * every message the app sends back (the acks) for tests to wait on.
 *
 * <p>Give {@link #nextUrl} to {@link FakeSlackApi#socketModeAt}; each call is a new ticket, as with Slack.
 */
public final class FakeSocketModeServer implements AutoCloseable {
    static final String PATH = "/link/";

    private final Server server;
    private final ServerConnector connector;
    private final List<Session> open = new CopyOnWriteArrayList<>();
    // Hellos and acks in arrival order: a hello is {"type":"hello"}, an ack is what the app sent.
    private final CallLog<JsonObject> received = new CallLog<>(JsonObject::toString);
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong envelopes = new AtomicLong();
    private volatile boolean refusing;

    public FakeSocketModeServer() {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> container.addMapping(PATH + "*", (request, response, callback) -> {
            if (refusing) {
                response.setStatus(503);
                callback.succeeded();
                return null;
            }
            return new Link();
        })));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake Socket Mode server", e);
        }
    }

    /** A fresh connection URL, as {@code apps.connections.open} answers. */
    public String nextUrl() {
        return "ws://127.0.0.1:" + connector.getLocalPort() + PATH + "?ticket=fake-ticket-" + tickets.incrementAndGet() + "&app_id=" + FakeSlackApi.APP_ID;
    }

    /** How many connections are open now. */
    public int openConnections() {
        return (int) open.stream().filter(Session::isOpen).count();
    }

    /** Waits until {@code count} connections in all have been greeted with {@code hello}. */
    public void awaitHellos(int count, Duration timeout) {
        received.await(all -> all.stream().filter(FakeSocketModeServer::isHello).count() >= count ? Optional.of(true) : Optional.empty(),
                timeout, "fewer than " + count + " Socket Mode connections");
    }

    /**
     * Sends a {@code slash_commands} envelope whose payload is the command's fields (the same as the HTTP form's),
     * and returns the app's ack: {@code {"envelope_id":..., "payload":{...}}}.
     */
    public JsonObject slashCommand(JsonObject payload, Duration timeout) {
        return send("slash_commands", payload, true, timeout);
    }

    /** Sends an {@code interactive} envelope (e.g. {@code block_actions}) and returns the app's ack. */
    public JsonObject interactive(JsonObject payload, Duration timeout) {
        return send("interactive", payload, false, timeout);
    }

    /** Tells every connection to go away, as Slack does before it refreshes one; the app should open a new one. */
    public void askToReconnect() {
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "applink-fake");
        JsonObject disconnect = new JsonObject();
        disconnect.addProperty("type", "disconnect");
        disconnect.addProperty("reason", "refresh_requested");
        disconnect.add("debug_info", debug);
        open.forEach(session -> sendNow(session, disconnect.toString()));
    }

    /** Drops every connection and refuses new ones (as a lost network would), until {@link #acceptAgain}. */
    public void dropAndRefuse() {
        refusing = true;
        open.forEach(session -> session.close(StatusCode.SERVER_ERROR, "fake outage", Callback.NOOP));
    }

    public void acceptAgain() {
        refusing = false;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private JsonObject send(String type, JsonObject payload, boolean acceptsResponsePayload, Duration timeout) {
        String envelopeId = "fake-envelope-" + envelopes.incrementAndGet();
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.add("payload", payload);
        envelope.addProperty("type", type);
        envelope.addProperty("accepts_response_payload", acceptsResponsePayload);
        Session session = newest().orElseThrow(() -> new AssertionError("no Socket Mode connection is open to send " + type + " on"));
        sendNow(session, envelope.toString());
        return received.await(all -> all.stream().filter(ack -> envelopeId.equals(text(ack, "envelope_id"))).findFirst(),
                timeout, "no ack for " + type + " envelope " + envelopeId);
    }

    private Optional<Session> newest() {
        List<Session> sessions = new ArrayList<>(open);
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (sessions.get(i).isOpen()) {
                return Optional.of(sessions.get(i));
            }
        }
        return Optional.empty();
    }

    // One message at a time per connection, each written before the next is queued.
    private static void sendNow(Session session, String text) {
        synchronized (session) {
            Callback.Completable sent = new Callback.Completable();
            session.sendText(text, sent);
            try {
                sent.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending to the app", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not send to the app: " + e, e);
            }
        }
    }

    private static boolean isHello(JsonObject message) {
        return "hello".equals(text(message, "type"));
    }

    private static String text(JsonObject json, String field) {
        JsonElement value = json.get(field);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    /** One app connection, greeted the way Slack greets it; public because Jetty calls it through method handles. */
    public final class Link implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            open.add(session);
            JsonObject debug = new JsonObject();
            debug.addProperty("host", "applink-fake");
            debug.addProperty("build_number", 1);
            debug.addProperty("approximate_connection_time", 18060);
            JsonObject connection = new JsonObject();
            connection.addProperty("app_id", FakeSlackApi.APP_ID);
            JsonObject hello = new JsonObject();
            hello.addProperty("type", "hello");
            hello.addProperty("num_connections", openConnections());
            hello.add("debug_info", debug);
            hello.add("connection_info", connection);
            sendNow(session, hello.toString());
            received.record(hello);
        }

        @Override
        public void onWebSocketText(String message) {
            JsonElement parsed = JsonParser.parseString(message);
            if (!parsed.isJsonObject()) {
                throw new IllegalStateException("the app sent something that isn't a JSON object: " + message);
            }
            received.record(parsed.getAsJsonObject());
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            open.remove(session);
        }
    }
}
