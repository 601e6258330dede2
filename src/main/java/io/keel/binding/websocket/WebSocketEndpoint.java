package io.keel.binding.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The Jakarta WebSocket endpoint of one connection, either side: the connection it opens takes the negotiated
 * subprotocol, and every whole message, text or binary, goes to it.
 */
public final class WebSocketEndpoint extends Endpoint {
    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private final ConnectionFactory factory;
    private final String remoteAddress;
    private final Admission admission;
    private final CompletableFuture<Connection> opened = new CompletableFuture<>();

    WebSocketEndpoint(ConnectionFactory factory, String remoteAddress, Admission admission) {
        this.factory = factory;
        this.remoteAddress = remoteAddress;
        this.admission = admission;
    }

    /** The connection once open; exceptionally when the peers agreed on no oneM2M subprotocol. */
    CompletableFuture<Connection> opened() {
        return opened;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Subprotocol protocol = Subprotocol.named(session.getNegotiatedSubprotocol());
        if (protocol == null) {
            // Only a server this CSE connected to can agree on none (RFC 6455 4.2.2): it cannot carry primitives.
            opened.completeExceptionally(new IllegalStateException("the WebSocket server agreed to none of the subprotocols "
                    + "oneM2M.json, oneM2M.xml, oneM2M.cbor (TS-0020 6.2.3.5)"));
            new SessionFrames(session, false).close("no oneM2M subprotocol");
            return;
        }
        Connection connection = factory.open(session, protocol, remoteAddress, admission);
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
}
