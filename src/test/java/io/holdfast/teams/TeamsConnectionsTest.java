package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.sun.net.httpserver.HttpServer;
import io.holdfast.config.Config;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery posts to several channels at once, and every Teams conversation of a region is on one Bot Connector
 * host: OkHttp's defaults let five requests go to a host at a time and keep five idle connections, so the rest
 * queued, and each pass opened connections (a TLS handshake each) that the last one had closed. All of a pass's
 * posts now go at once, and the next pass reuses their connections.
 */
class TeamsConnectionsTest {
    private static final int IN_FLIGHT = 8;

    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CountDownLatch> burst = new AtomicReference<>();
    private final ExecutorService answering = Executors.newCachedThreadPool();
    private final ExecutorService posters = Executors.newFixedThreadPool(IN_FLIGHT);
    private HttpServer connector;

    @AfterEach
    void stop() {
        posters.shutdownNow();
        connector.stop(0);
        answering.shutdownNow();
    }

    @Test
    void postsInFlightGoAtOnceAndTheNextPassReusesTheirConnections() throws Exception {
        connector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        connector.setExecutor(answering);
        // Each answer waits until the whole burst has arrived, so every post of a burst holds its own connection.
        connector.createContext("/v3/conversations/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            CountDownLatch arrived = burst.get();
            arrived.countDown();
            try {
                arrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        connector.start();
        TeamsAdapter adapter = TeamsAdapter.create(Config.fromEnvironment(Map.of("HOLDFAST_TEAMS_INSECURE_DEV", "true")), IN_FLIGHT);

        postBurst(adapter);
        postBurst(adapter);

        assertEquals(IN_FLIGHT, clientPorts.size(), "connections opened for two bursts of " + IN_FLIGHT + " posts: " + clientPorts);
    }

    private void postBurst(TeamsAdapter adapter) throws Exception {
        burst.set(new CountDownLatch(IN_FLIGHT));
        List<Future<Void>> posts = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            ConversationReference reference = new ConversationReference();
            reference.setServiceUrl("http://127.0.0.1:" + connector.getAddress().getPort() + "/");
            reference.setChannelId("msteams");
            reference.setConversation(new ConversationAccount("19:channel" + i + "@thread.tacv2"));
            reference.setBot(new ChannelAccount("28:bot", "Holdfast"));
            reference.setUser(new ChannelAccount("29:user", "Dana"));
            // Each from a thread of its own, as delivery posts: the connector client sends on the caller's thread.
            posts.add(posters.submit(() -> adapter.continueConversation(reference,
                    turn -> turn.sendActivity(MessageFactory.text("Promise to Acme")).thenApply(sent -> null)).get()));
        }
        for (Future<Void> post : posts) {
            post.get(20, TimeUnit.SECONDS);
        }
    }
}
