package io.keel.binding.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The Jakarta WebSocket endpoint of one connection, either side: the connection it opens takes the negotiated
 * subprotocol and what is known of the peer, and every whole message, text or binary, goes to it.
 */
public final class WebSocketEndpoint extends Endpoint {
    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private final ConnectionFactory factory;
    /** The peer of a session: known beforehand on the client side, from the accepted handshake on the server side. */
    private final Function<Session, Handshakes.Peer> peer;
    private final CompletableFuture<Connection> opened = new CompletableFuture<>();
    private volatile String remoteAddress = "";

    WebSocketEndpoint(ConnectionFactory factory, Function<Session, Handshakes.Peer> peer) {
        this.factory = factory;
        this.peer = peer;
    }

    /** The connection once open; exceptionally when the peers agreed on no oneM2M subprotocol. */
    CompletableFuture<Connection> opened() {
        return opened;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Handshakes.Peer from = peer.apply(session);
        if (from == null) {
            // An upgrade that did not pass the handshake filter at / (e.g. straight to the endpoint's own path).
            opened.completeExceptionally(new IllegalStateException("no oneM2M handshake accepted for this connection"));
            close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "open oneM2M WebSocket connections at /"));
            return;
        }
        remoteAddress = from.remoteAddress();
        Subprotocol protocol = Subprotocol.named(session.getNegotiatedSubprotocol());
        if (protocol == null) {
            // Only a server this CSE connected to can agree on none (RFC 6455 4.2.2): it cannot carry primitives.
            opened.completeExceptionally(new IllegalStateException("the WebSocket server agreed to none of the subprotocols "
                    + "oneM2M.json, oneM2M.xml, oneM2M.cbor (TS-0020 6.2.3.5)"));
            new SessionFrames(session, false).close("no oneM2M subprotocol");
            return;
        }
        Connection connection = factory.open(session, protocol, from.remoteAddress(), from.admission());
        session.addMessageHandler(String.class, text -> connection.onMessage(text.getBytes(StandardCharsets.UTF_8), false));
        session.addMessageHandler(ByteBuffer.class, data -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            connection.onMessage(bytes, true);
        });
        opened.complete(connection);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        opened.thenAccept(c -> c.closed("close code " + reason.getCloseCode().getCode()
                + (reason.getReasonPhrase() == null || reason.getReasonPhrase().isEmpty() ? "" : ", " + reason.getReasonPhrase())));
    }

    @Override
    public void onError(Session session, Throwable error) {
        // E.g. a message over the maximum size: the container closes the connection (1009), and onClose follows.
        LOG.fine(() -> "WebSocket connection from " + remoteAddress + ": " + error);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (java.io.IOException | RuntimeException e) {
            // Closed already.
        }
    }
}
