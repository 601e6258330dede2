package io.keel.binding;

import io.keel.core.Cse;
import io.keel.core.RequestValidation;
import io.keel.ops.KeelMetrics;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The receiving side the message bindings share (WebSocket, MQTT, CoAP): a request primitive read from a message
 * is checked as TS-0004 7.3.2.1 asks before anything is looked up (rqi, expiry, release), and against the
 * originator's rate, then handed to the CSE. What it refuses is answered with the oneM2M error and counted under the
 * binding's name. Never fails: every request completes with a response primitive. (The HTTP binding does the same
 * in its servlet filter, where it must answer before the JAX-RS layer.)
 */
public final class Intake {
    private final Cse cse;
    private final KeelMetrics metrics;
    private final OriginatorRateLimit rateLimit;

    /** @param rateLimit shared with the other bindings, or null when unlimited */
    public Intake(Cse cse, KeelMetrics metrics, OriginatorRateLimit rateLimit) {
        this.cse = cse;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
    }

    /** A request the binding has read; its {@code binding} names the binding. */
    public CompletableFuture<ResponsePrimitive> handle(RequestPrimitive req) {
        try {
            OneM2MException overRate = rateLimit == null ? null : rateLimit.refusal(req.from);
            if (overRate != null) {
                throw overRate;
            }
            RequestValidation.checkEnvelope(req, Instant.now());
        } catch (OneM2MException e) {
            return CompletableFuture.completedFuture(refused(req.binding, ResponsePrimitive.error(e.rsc(), e.getMessage()).echo(req)));
        }
        return cse.handle(req); // the core turns every outcome, a bug included, into a response
    }

    /**
     * A request message: decoded, given the binding's metadata ({@code binding}, {@code originatorAddress}, ...) by
     * {@code metadata}, and handled; one that is not a valid request primitive is answered with 4000 and the reason.
     */
    public CompletableFuture<ResponsePrimitive> handle(byte[] message, Serialization serialization, String binding,
                                                       Consumer<RequestPrimitive> metadata) {
        RequestPrimitive req;
        try {
            req = PrimitiveCodec.decodeRequest(message, serialization, Instant.now());
        } catch (OneM2MException e) {
            return CompletableFuture.completedFuture(refused(binding, PrimitiveCodec.errorResponse(e)));
        }
        req.binding = binding;
        metadata.accept(req);
        return handle(req);
    }

    private ResponsePrimitive refused(String binding, ResponsePrimitive rsp) {
        metrics.refused(binding, rsp.responseStatusCode.code());
        return rsp;
    }
}
