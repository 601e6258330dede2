package io.keel.binding.websocket;

import io.keel.ops.KeelMetrics;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import jakarta.websocket.Session;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Makes the endpoint and connection of each new WebSocket, server or client side, with what they share. */
final class ConnectionFactory {
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> intake;
    private final KeelMetrics metrics;
    private final Connections registry;
    private final Timer timer;
    private final int maxMessageBytes;
    private final long idleTimeoutMillis;

    /**
     * @param maxMessageBytes   the largest message read, as for an HTTP body; a larger one closes the connection
     *                          with 1009 (RFC 6455 7.4.1)
     * @param idleTimeoutMillis how long a connection may be silent before it is closed; 0 for never (TS-0020 6.3:
     *                          connections should be kept open for as long as possible)
     */
    /** @param intake handles a request read from a connection (the binding's {@link io.keel.binding.Intake}) */
    ConnectionFactory(Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> intake, KeelMetrics metrics, Connections registry, ScheduledExecutorService scheduler,
                      int maxMessageBytes, long idleTimeoutMillis) {
        this.intake = intake;
        this.metrics = metrics;
        this.registry = registry;
        this.timer = (task, delay) -> {
            try {
                var scheduled = scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
                return () -> scheduled.cancel(false);
            } catch (RejectedExecutionException e) {
                task.run(); // the binding stops: nothing waits for an answer any more
                return () -> { };
            }
        };
        this.maxMessageBytes = maxMessageBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** The endpoint of a connection this CSE opens to a server. */
    WebSocketEndpoint endpoint(String remoteAddress, Admission admission) {
        Handshakes.Peer peer = new Handshakes.Peer(remoteAddress, admission);
        return new WebSocketEndpoint(this, session -> peer);
    }

    /** The endpoint of a connection a client opened: its peer is the handshake the session's token names. */
    WebSocketEndpoint endpoint(Handshakes handshakes) {
        return new WebSocketEndpoint(this, session -> handshakes.take(session.getPathParameters().get(Handshakes.TOKEN)));
    }

    Connection open(Session session, Subprotocol protocol, String remoteAddress, Admission admission) {
        session.setMaxTextMessageBufferSize(maxMessageBytes);
        session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        session.setMaxIdleTimeout(idleTimeoutMillis);
        return new Connection(protocol, new SessionFrames(session, protocol.binary()), remoteAddress, admission,
                intake, rsc -> metrics.refused(Connection.BINDING, rsc), registry, timer);
    }
}
