package io.keel.core;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import java.util.concurrent.CompletableFuture;

/**
 * Requests this CSE sends to other entities (notifications, forwarded Notify). The HTTP binding implements it, so
 * the core speaks primitives only (TS-0009 6.1 use cases 1 and 4).
 */
public interface Outbound extends AutoCloseable {
    /**
     * Sends a request primitive to a point of access URL, its content in the given serialization. Never blocks and
     * never fails exceptionally: an unreachable receiver completes with 5103 TARGET_NOT_REACHABLE, one that does
     * not answer in time with 4008 REQUEST_TIMEOUT, each with the reason in {@code m2m:dbg}.
     */
    CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization);

    @Override
    void close();
}
