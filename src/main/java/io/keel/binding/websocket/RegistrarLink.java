package io.keel.binding.websocket;

import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps the connection to a registrar reached over {@code ws://} or {@code wss://} open (TS-0020 6.3: as long as
 * possible): the registrar reaches this CSE only over it (TS-0020 5.2), so when it closes, e.g. because the registrar
 * restarted, this CSE connects again, at growing intervals until it succeeds, and retrieves the registrar's CSEBase
 * over the new connection: a request from this CSE that the registrar accepts is what binds this CSE to the connection.
 */
final class RegistrarLink {
    private static final Logger LOG = Logger.getLogger(RegistrarLink.class.getName());
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 60_000;
    private final ClientConnections clients;
    private final CseIdentity.Registrar registrar;
    private final String ownCseId;
    private final ScheduledExecutorService scheduler;
    private final long timeoutMillis;
    private volatile boolean stopped;

    RegistrarLink(ClientConnections clients, CseIdentity.Registrar registrar, String ownCseId, ScheduledExecutorService scheduler,
                  long timeoutMillis) {
        this.clients = clients;
        this.registrar = registrar;
        this.ownCseId = ownCseId;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
    }

    /** Whether a connection to this URL is the one to the registrar. */
    boolean isRegistrar(String url) {
        return registrar.poa().equals(url);
    }

    /** A connection to the registrar is open: when it closes while the CSE runs, connect again. */
    void opened(Connection connection) {
        connection.whenClosed(() -> reconnect(FIRST_RETRY_MILLIS));
    }

    void stop() {
        stopped = true;
    }

    private void reconnect(long delay) {
        if (stopped) {
            return;
        }
        try {
            scheduler.schedule(() -> attempt(delay), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The binding stops.
        }
    }

    private void attempt(long delay) {
        if (stopped) {
            return;
        }
        // A new connection is reported to opened() by ClientConnections: its closing starts the next round.
        clients.to(registrar.poa(), Serialization.JSON, registrar.authorization())
                .thenCompose(c -> c.request(retrieveCseBase(), timeoutMillis))
                .whenComplete((rsp, e) -> {
                    if (e == null && rsp.responseStatusCode == ResponseStatusCode.OK) {
                        LOG.info(() -> "connected again to the registrar /" + registrar.cseId() + " at " + registrar.poa());
                        return;
                    }
                    String why = e != null ? String.valueOf(e.getCause() == null ? e : e.getCause()) : rsp.responseStatusCode + " " + rsp.content;
                    long next = Math.min(delay * 2, MAX_RETRY_MILLIS);
                    LOG.warning(() -> "no WebSocket connection to the registrar at " + registrar.poa() + ": " + why
                            + "; trying again in " + next + " ms");
                    reconnect(next);
                });
    }

    private RequestPrimitive retrieveCseBase() {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.to = "/" + registrar.cseId() + (registrar.cseName() == null ? "" : "/" + registrar.cseName());
        req.from = "/" + ownCseId;
        req.requestIdentifier = "ws-reconnect-" + Identifiers.random(12);
        req.releaseVersionIndicator = "3";
        return req;
    }
}
