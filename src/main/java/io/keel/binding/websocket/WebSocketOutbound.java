package io.keel.binding.websocket;

import io.keel.core.Outbound;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * What the CSE sends over WebSocket: to an entity over the connection it holds open to this CSE (TS-0009 Annex B,
 * TS-0020 5.2; addressed as {@code ws-connection:<entity ID>}, see {@link #connectionTo}), or to a ws:// or wss://
 * point of access over a connection this CSE opens. The whole request primitive goes in one message; the response
 * is the message with its rqi.
 */
public final class WebSocketOutbound implements Outbound {
    /** The scheme of the URLs {@link #connectionTo} gives: a connection an entity opened, not a server to connect to. */
    public static final String CONNECTION_SCHEME = "ws-connection";
    private static final Logger LOG = Logger.getLogger(WebSocketOutbound.class.getName());
    private final Connections connections;
    private final ClientConnections clients;
    private final long timeoutMillis;
    private final Runnable stop;

    /**
     * @param timeoutMillis how long a receiver has to answer a request sent with {@link #send}
     * @param stop          releases the binding's threads when it closes
     */
    WebSocketOutbound(Connections connections, ClientConnections clients, long timeoutMillis, Runnable stop) {
        this.connections = connections;
        this.clients = clients;
        this.timeoutMillis = timeoutMillis;
        this.stop = stop;
    }

    /**
     * The connection of an entity that holds or held one since this CSE started: resolved when a request is sent, so
     * a notification kept while the entity was away goes over the connection it opens again.
     */
    @Override
    public String connectionTo(String entityId) {
        return connections.knows(entityId) ? CONNECTION_SCHEME + ":" + entityId : null;
    }

    @Override
    public boolean reaches(String pointOfAccess) {
        String p = pointOfAccess.toLowerCase(Locale.ROOT);
        return p.startsWith("ws://") || p.startsWith("wss://") || p.startsWith(CONNECTION_SCHEME + ":");
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization) {
        return over(url, serialization, null, request, timeoutMillis);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive request, Serialization serialization, Hop hop) {
        return over(hop.pointOfAccess(), serialization, hop.authorization(), request, hop.timeoutMillis());
    }

    private CompletableFuture<ResponsePrimitive> over(String url, Serialization serialization, String authorization,
                                                      RequestPrimitive request, long timeout) {
        if (url.regionMatches(true, 0, CONNECTION_SCHEME + ":", 0, CONNECTION_SCHEME.length() + 1)) {
            String entity = url.substring(CONNECTION_SCHEME.length() + 1);
            Connection c = connections.of(entity);
            // The entity closed its connection since the receiver was resolved: the core's rules for an unreachable
            // receiver apply (the next point of access, pending notifications, 5103).
            return c == null ? unreachable("the WebSocket connection of " + entity + " is closed") : c.request(request, timeout);
        }
        return clients.to(url, serialization, authorization)
                .thenCompose(c -> c.request(request, timeout))
                .exceptionally(e -> {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    LOG.warning(() -> request.operation + " request " + request.requestIdentifier + " not sent: " + cause.getMessage());
                    return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, cause.getMessage());
                });
    }

    private static CompletableFuture<ResponsePrimitive> unreachable(String reason) {
        return CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, reason));
    }

    @Override
    public void close() {
        clients.close();
        stop.run();
    }
}
