package io.keel.binding.websocket;

import io.keel.primitive.Serialization;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connections this CSE opens as a WebSocket client, to entities whose point of access is a ws:// or wss:// URL
 * (TS-0020 5.2: an IN-CSE is also a client on Mcc'; an AE may run a WebSocket server): one per URL, opened when the
 * first request goes there and again after it closed.
 */
final class ClientConnections {
    private final WebSocketContainer container;
    private final ConnectionFactory factory;
    private final Admission admission;
    private final ExecutorService connecting;
    private final long connectTimeoutMillis;
    private final Map<String, CompletableFuture<Connection>> byUrl = new ConcurrentHashMap<>();

    /**
     * @param connecting where the (blocking) opening handshakes run
     * @param admission  what requests arriving over these connections are admitted by
     */
    ClientConnections(WebSocketContainer container, ConnectionFactory factory, Admission admission,
                      ExecutorService connecting, long connectTimeoutMillis) {
        this.container = container;
        this.factory = factory;
        this.admission = admission;
        this.connecting = connecting;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /**
     * The open connection to a URL, opened now if there is none, offering the given serialization's subprotocol first
     * and presenting {@code authorization}, when given, in the handshake. Completes exceptionally when it cannot open.
     */
    CompletableFuture<Connection> to(String url, Serialization preferred, String authorization) {
        return byUrl.compute(url, (u, existing) -> usable(existing) ? existing
                : CompletableFuture.supplyAsync(() -> open(u, preferred, authorization), connecting));
    }

    private static boolean usable(CompletableFuture<Connection> c) {
        return c != null && (!c.isDone() || !c.isCompletedExceptionally() && c.join().isOpen());
    }

    private Connection open(String url, Serialization preferred, String authorization) {
        URI uri = URI.create(url);
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            uri = uri.resolve("/"); // TS-0020 6.2.2.1: the request target is "/"
        }
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Subprotocol.preferring(preferred))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (authorization != null && !authorization.isEmpty()) {
                            headers.put("Authorization", List.of(authorization));
                        }
                    }
                })
                .build();
        WebSocketEndpoint endpoint = factory.endpoint(uri.getHost(), admission);
        try {
            container.connectToServer(endpoint, config, uri);
            return endpoint.opened().get(connectTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot open a WebSocket connection to " + url + ": " + cause.getMessage(), cause);
        }
    }

    void close() {
        for (CompletableFuture<Connection> c : byUrl.values()) {
            c.thenAccept(connection -> connection.close("the CSE stops"));
        }
        byUrl.clear();
    }
}
