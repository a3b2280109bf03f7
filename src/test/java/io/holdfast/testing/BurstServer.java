package io.holdfast.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback server that holds every request of a burst until the whole burst has arrived, so each one holds a
 * connection of its own, then answers each with the same JSON. It notes the client port of every request: how many
 * connections a client opened.
 */
public final class BurstServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService answering = Executors.newCachedThreadPool();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CountDownLatch> burst = new AtomicReference<>(new CountDownLatch(0));

    public BurstServer(String path, String json) {
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the burst server", e);
        }
        server.setExecutor(answering);
        server.createContext(path, exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            CountDownLatch arrived = burst.get();
            arrived.countDown();
            try {
                arrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** One post of a burst, the {@code i}th, made on a thread of its own as delivery makes it. */
    public interface Post {
        void send(int i) throws Exception;
    }

    /**
     * Sends {@code size} posts at once, each from a thread of its own, answers them once all have arrived (or after
     * 10 s), and returns when every post has been answered.
     */
    public void burst(int size, Post post) throws Exception {
        burst.set(new CountDownLatch(size));
        ExecutorService posters = Executors.newFixedThreadPool(size);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int n = i;
                posts.add(posters.submit(() -> {
                    post.send(n);
                    return null;
                }));
            }
            for (Future<?> sent : posts) {
                sent.get(20, TimeUnit.SECONDS);
            }
        } finally {
            posters.shutdownNow();
        }
    }

    /** How many connections requests came on so far. */
    public int connections() {
        return clientPorts.size();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        answering.shutdownNow();
    }
}
