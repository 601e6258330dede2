package io.keel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real dynamic authorization decision point (a DAS Server, TS-0003 7.3.2.2) on loopback, started by a test: records
 * each Dynamic Authorization Request (the m2m:dynAuthDasRequest it received) and answers as told: a grant of a
 * setOfAcrs with a privilegesLifetime, a refusal (no content), garbage, or nothing at all. Its URL lies under a path of
 * its own ({@link OwnPath}): a request for any other path is meant for a server of an earlier test that had the same
 * port, and is answered 404 and not recorded, so it cannot count as a consultation of this decision point.
 */
final class DecisionPointServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final OwnPath own = OwnPath.random();
    private final LinkedBlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String body;
    private volatile boolean hang;

    DecisionPointServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            if (!"/das".equals(own.within(exchange.getRequestURI().getRawPath()))) {
                OwnPath.notFound(exchange);
                return;
            }
            try {
                requests.add(JSON.readTree(in).path("m2m:sei"));
            } catch (IOException e) {
                requests.add(JSON.getNodeFactory().textNode(new String(in, StandardCharsets.UTF_8)));
            }
            if (hang) {
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String answer = body;
            exchange.getResponseHeaders().add("X-M2M-RSC", "2000");
            exchange.getResponseHeaders().add("X-M2M-RI", String.valueOf(exchange.getRequestHeaders().getFirst("X-M2M-RI")));
            if (answer == null) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + own.prefix() + "/das";
    }

    /** Grants the rules (the JSON of the acr list's items) for the lifetime (an m2m:absRelTimestamp, or null for none). */
    DecisionPointServer granting(String rules, String lifetime) {
        body = "{\"m2m:sei\":{\"sit\":2,\"dres\":{\"dai\":{\"gp\":{\"acr\":[" + rules + "]}"
                + (lifetime == null ? "" : ",\"pl\":\"" + lifetime + "\"") + "}}}}";
        return this;
    }

    /** Grants nothing: a Notify response without content (TS-0001 11.5.2 step 3.2). */
    DecisionPointServer refusing() {
        body = null;
        return this;
    }

    DecisionPointServer answering(String raw) {
        body = raw;
        return this;
    }

    DecisionPointServer hanging() {
        hang = true;
        return this;
    }

    /** The m2m:securityInfo of the next request, or null when none arrives within the time. */
    JsonNode next(long millis) {
        try {
            return requests.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    int pending() {
        return requests.size();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
