package io.keel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver of notifications on loopback, started by a test: records each request to one of its URLs and
 * answers as told (2000 OK by default; another RSC; or not at all, to play a receiver that hangs). Its URLs lie under
 * a path of its own ({@link OwnPath}): a request for any other path is meant for a server of an earlier test that had
 * the same port, and is answered 404 and not recorded, so it cannot fail this test.
 */
final class NotificationReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new CBORMapper();

    /** One request as the receiver saw it. */
    record Received(String method, String target, Map<String, String> headers, byte[] body, long nanos) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as a tree: JSON or CBOR by Content-Type (XML bodies are checked as text). */
        JsonNode json() {
            try {
                return header("Content-Type").contains("cbor") ? CBOR.readTree(body) : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("unreadable notification body: " + text(), e);
            }
        }

        JsonNode sgn() {
            return json().path("m2m:sgn");
        }
    }

    /** Where a receiver listens, known before it starts: for a receiver that comes later, or back, to a given URL. */
    record Address(int port, OwnPath own) {
        static Address unused() {
            return new Address(KeelProcess.freePort(), OwnPath.random());
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + own.prefix() + path;
        }
    }

    private final HttpServer server;
    private final OwnPath own;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int answerRsc = 2000;
    private volatile boolean hang;
    private volatile long delayMillis;
    private final CountDownLatch released = new CountDownLatch(1);

    NotificationReceiver() {
        this(0, OwnPath.random());
    }

    NotificationReceiver(Address at) {
        this(at.port(), at.own());
    }

    /** A receiver that plays a forward proxy: it records every request, whose target is in absolute-form (any URL). */
    static NotificationReceiver forwardProxy() {
        return new NotificationReceiver(0, OwnPath.EVERYTHING);
    }

    /** On the given port (0: any free one), serving the URLs under {@code own}. */
    private NotificationReceiver(int port, OwnPath own) {
        this.own = own;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = own.within(exchange.getRequestURI().toString());
            if (target == null) {
                OwnPath.notFound(exchange);
                return;
            }
            received.add(new Received(exchange.getRequestMethod(), target, headers, body, System.nanoTime()));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (hang) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int rsc = answerRsc;
            exchange.getResponseHeaders().add("X-M2M-RSC", String.valueOf(rsc));
            exchange.getResponseHeaders().add("X-M2M-RI", headers.getOrDefault("X-M2M-RI", ""));
            exchange.sendResponseHeaders(rsc == 2000 ? 200 : rsc == 4101 ? 403 : 400, -1);
            exchange.close();
        });
        server.start();
    }

    /** A URL of this receiver: {@code path} under its own path; {@link Received#target()} shows it as {@code path}. */
    String url(String path) {
        return new Address(server.getAddress().getPort(), own).url(path);
    }

    String url() {
        return url("/notify");
    }

    NotificationReceiver answering(int rsc) {
        answerRsc = rsc;
        return this;
    }

    /** From now on the receiver answers each request only after the given time. */
    NotificationReceiver slow(long millis) {
        delayMillis = millis;
        return this;
    }

    /** From now on the receiver reads requests but never answers them. */
    NotificationReceiver hanging() {
        hang = true;
        return this;
    }

    /** The next request, or an AssertionError when none arrives in time. */
    Received next(Duration timeout) {
        try {
            Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("no notification arrived within " + timeout);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Received next() {
        return next(Duration.ofSeconds(10));
    }

    /** {@code n} requests in arrival order. */
    List<Received> next(int n, Duration timeout) {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            long left = deadline - System.nanoTime();
            out.add(next(Duration.ofNanos(Math.max(left, 1))));
        }
        return out;
    }

    /** Nothing (more) arrives within the time given. */
    void expectNothing(Duration during) {
        try {
            Received r = received.poll(during.toMillis(), TimeUnit.MILLISECONDS);
            if (r != null) {
                throw new AssertionError("unexpected request: " + r.method() + " " + r.target() + " " + r.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
