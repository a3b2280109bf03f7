package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.BusinessCalendar;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Posts in flight at once each need a connection to Slack, and against real Slack each new one costs a TLS
 * handshake. The client keeps as many as it may have in flight, so a second burst of posts (the next
 * delivery pass) goes out on the connections the first one opened.
 */
class SlackConnectionsTest {
    private static final int IN_FLIGHT = 8;
    private static final Tenant WORKSPACE = new Tenant(1, Platform.SLACK, "T1", ZoneOffset.UTC, BusinessCalendar.weekdays());

    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CountDownLatch> burst = new AtomicReference<>();
    private final ExecutorService posters = Executors.newFixedThreadPool(IN_FLIGHT);
    private final ExecutorService answering = Executors.newCachedThreadPool();
    private HttpServer slack;

    @AfterEach
    void stop() {
        posters.shutdownNow();
        slack.stop(0);
        answering.shutdownNow();
    }

    @Test
    void aSecondBurstOfPostsReusesTheConnectionsOfTheFirst() throws Exception {
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.setExecutor(answering);
        // Each answer waits until the whole burst has arrived, so every post of a burst holds its own connection.
        slack.createContext("/api/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            CountDownLatch arrived = burst.get();
            arrived.countDown();
            try {
                arrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1764000000.000100\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        slack.start();
        SlackChat chat = new SlackChat(SlackApp.client("http://127.0.0.1:" + slack.getAddress().getPort() + "/api/", IN_FLIGHT), new SlackTokens() {
            @Override
            public Optional<String> botToken(String teamId) {
                return Optional.of("xoxb-connections-test");
            }

            @Override
            public void invalidate(String teamId) {
            }
        });

        postBurst(chat);
        postBurst(chat);

        assertEquals(IN_FLIGHT, clientPorts.size(), "connections opened for two bursts of " + IN_FLIGHT + " posts: " + clientPorts);
    }

    private void postBurst(SlackChat chat) throws Exception {
        burst.set(new CountDownLatch(IN_FLIGHT));
        List<Future<?>> posts = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            String channel = "C" + i;
            posts.add(posters.submit(() -> chat.post(WORKSPACE, channel, null, Message.of("Promise to Acme"))));
        }
        for (Future<?> post : posts) {
            post.get(20, TimeUnit.SECONDS);
        }
    }
}
