package io.keel.core;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import java.util.concurrent.CompletableFuture;

/**
 * Requests this CSE sends to other entities (notifications, forwarded Notify, requests for other CSEs). The HTTP binding implements it, so
 * the core speaks primitives only (TS-0009 6.1 use cases 1 and 4).
 */
public interface Outbound extends AutoCloseable {
    /**
     * Sends a request primitive to a point of access URL, its content in the given serialization. Never blocks and
     * never fails exceptionally: an unreachable receiver completes with 5103 TARGET_NOT_REACHABLE, one that does
     * not answer in time with 4008 REQUEST_TIMEOUT, each with the reason in {@code m2m:dbg}.
     */
    CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization);

    /**
     * Passes a request on to another CSE (TS-0004 7.3.2.6): to its point of access, the Request-Target taken from the
     * request's To and every parameter sent as the binding carries it (TS-0009 6.2.2), with the hop's credential and
     * timeout. Never blocks and never fails exceptionally, like {@link #send}.
     */
    CompletableFuture<ResponsePrimitive> forward(RequestPrimitive request, Serialization serialization, Hop hop);

    /** Whether this CSE has a binding for the scheme of a point of access or notification URL. */
    boolean reaches(String pointOfAccess);

    /**
     * The connection the entity itself opens to this CSE (a WebSocket, TS-0020 5.2, TS-0009 Annex B), as a URL
     * {@link #send} takes, or null when it never opened one. Requests for the entity go there before its
     * pointOfAccess: it is how an entity that runs no server of its own is reached. While the entity has no
     * connection open, {@link #send} answers 5103, so the rules for an unreachable receiver apply.
     *
     * @param entityId the AE-ID or CSE-ID the entity registered with
     */
    default String connectionTo(String entityId) {
        return null;
    }

    /**
     * @param pointOfAccess the next hop's point of access, e.g. {@code http://127.0.0.1:8080}
     * @param authorization the Authorization header value to present, or null
     * @param timeoutMillis how long the next hop has to answer
     * @param cseId         the next hop's CSE-ID ({@code /id-in} or {@code id-in}), or null when unknown: a binding
     *                      whose messages name their receiver needs it (MQTT topics, TS-0010 6.4.2)
     */
    record Hop(String pointOfAccess, String authorization, long timeoutMillis, String cseId) {
        public Hop(String pointOfAccess, String authorization, long timeoutMillis) {
            this(pointOfAccess, authorization, timeoutMillis, null);
        }
    }

    @Override
    void close();
}
