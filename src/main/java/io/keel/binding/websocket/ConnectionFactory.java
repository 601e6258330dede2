package io.keel.binding.websocket;

import io.keel.binding.Intake;
import io.keel.ops.KeelMetrics;
import jakarta.websocket.Session;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Makes the endpoint and connection of each new WebSocket, server or client side, with what they share. */
final class ConnectionFactory {
    private final Intake intake;
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
    ConnectionFactory(Intake intake, KeelMetrics metrics, Connections registry, ScheduledExecutorService scheduler,
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

    WebSocketEndpoint endpoint(String remoteAddress, Admission admission) {
        return new WebSocketEndpoint(this, remoteAddress, admission);
    }

    Connection open(Session session, Subprotocol protocol, String remoteAddress, Admission admission) {
        session.setMaxTextMessageBufferSize(maxMessageBytes);
        session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        session.setMaxIdleTimeout(idleTimeoutMillis);
        return new Connection(protocol, new SessionFrames(session, protocol.binary()), remoteAddress, admission,
                intake::handle, rsc -> metrics.refused(Connection.BINDING, rsc), registry, timer);
    }
}
