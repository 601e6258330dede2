package io.keel.core.resource;

import io.keel.primitive.ResponsePrimitive;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** The requests queued for an AE in its pollingChannel (TS-0004 7.4.21), as the pcu virtual resource serves them. */
public interface PolledRequests {
    /**
     * The long-polling Retrieve of pcu: the oldest queued request as {@code m2m:rqp}, or 4008 when none comes by
     * {@code expires} (the poll's Request Expiration Timestamp; null: the CSE's polling timeout).
     */
    CompletableFuture<ResponsePrimitive> poll(String pollingChannel, Instant expires);

    /** The AE's answer to a request it fetched; false when nobody waits for it. */
    boolean respond(ResponsePrimitive answer);
}
