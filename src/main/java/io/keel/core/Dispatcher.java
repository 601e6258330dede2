package io.keel.core;

import io.keel.core.operation.CreateOperation;
import io.keel.core.operation.DeleteOperation;
import io.keel.core.operation.DiscoveryOperation;
import io.keel.core.operation.FanOutOperation;
import io.keel.core.operation.NotifyOperation;
import io.keel.core.operation.Operations;
import io.keel.core.operation.RetrieveOperation;
import io.keel.core.operation.UpdateOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.PreconditionFailedException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the core: checks what every request must satisfy (shared/spec §10.1, steps 1–2), hands it to its
 * operation, and turns every outcome — including a bug — into a response primitive.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private final Operations ops;
    private final Clock clock;
    private final CreateOperation create;
    private final RetrieveOperation retrieve;
    private final DiscoveryOperation discovery;
    private final UpdateOperation update;
    private final DeleteOperation delete;
    private final NotifyOperation notify;
    private final FanOutOperation fanOut;

    private final NonBlockingRequests nonBlocking;
    private final ResourceTypes types;
    private final Consumer<RequestOutcome> outcomes;

    /** @param outcomes told about every request answered, for metrics; called on the thread that completes it */
    public Dispatcher(Operations ops, Clock clock, NonBlockingRequests nonBlocking, ResourceTypes types,
                      Consumer<RequestOutcome> outcomes) {
        this.nonBlocking = nonBlocking;
        this.types = types;
        this.outcomes = outcomes;
        this.ops = ops;
        this.clock = clock;
        this.create = new CreateOperation(ops);
        this.retrieve = new RetrieveOperation(ops);
        this.discovery = new DiscoveryOperation(ops);
        this.update = new UpdateOperation(ops);
        this.delete = new DeleteOperation(ops);
        this.notify = new NotifyOperation(ops);
        this.fanOut = new FanOutOperation(ops, this::handle);
        ops.notifications().deleteWith((tx, r) -> delete.delete(tx, r, null, clock.now()));
    }

    public DeleteOperation deletes() {
        return delete;
    }

    /**
     * Completes at once for most requests; a long-polling Retrieve of pcu and a Notify passed on to an AE complete
     * when their answer arrives, holding no thread meanwhile.
     */
    public CompletableFuture<ResponsePrimitive> handle(RequestPrimitive req) {
        long started = System.nanoTime();
        CompletableFuture<ResponsePrimitive> rsp;
        try {
            checkCommon(req, clock.now());
            if (req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH
                    || req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH) {
                rsp = CompletableFuture.completedFuture(nonBlocking.accept(req, this::blocking));
            } else {
                rsp = blocking(req);
            }
        } catch (RuntimeException e) {
            rsp = CompletableFuture.completedFuture(failure(req, e));
        }
        return rsp.thenApply(r -> {
            if (req.resultExpirationTimestamp != null && r.responseStatusCode.code() >= 2000
                    && req.resultExpirationTimestamp.isBefore(clock.now())) {
                return ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT,
                        "the result expired (X-M2M-RST) before it could be returned; the operation was executed");
            }
            return r;
        }).exceptionally(e -> failure(req, e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e))
                .thenApply(r -> {
                    if (req.originatingTimestamp != null) {
                        r.originatingTimestamp = clock.now();
                    }
                    r.echo(req);
                    outcomes.accept(RequestOutcome.of(req, r, System.nanoTime() - started, types));
                    return r;
                });
    }

    /**
     * Runs a request as a blocking one, not before its operation execution time (X-M2M-OET) and not after its
     * request expiration time (X-M2M-RET): an expired request is 4008 and nothing is executed.
     */
    private CompletableFuture<ResponsePrimitive> blocking(RequestPrimitive req) {
        long wait = req.operationExecutionTime == null ? 0 : Duration.between(clock.now(), req.operationExecutionTime).toMillis();
        if (wait > 0) {
            if (req.requestExpirationTimestamp != null && req.requestExpirationTimestamp.isBefore(req.operationExecutionTime)) {
                throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT,
                        "the request expires (X-M2M-RET) before its operation execution time (X-M2M-OET)");
            }
            return CompletableFuture.supplyAsync(() -> req, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(this::blocking);
        }
        try {
            if (req.requestExpirationTimestamp != null && !req.requestExpirationTimestamp.isAfter(clock.now())) {
                throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT, "the request expired (X-M2M-RET) before it was executed");
            }
            CompletableFuture<ResponsePrimitive> fannedOut = fanOut.execute(req);
            if (fannedOut != null) {
                return fannedOut;
            }
            return switch (req.operation) {
                case CREATE -> CompletableFuture.completedFuture(create.execute(req));
                case RETRIEVE -> req.isDiscovery() ? CompletableFuture.completedFuture(discovery.execute(req)) : retrieve.execute(req);
                case UPDATE -> CompletableFuture.completedFuture(update.execute(req));
                case DELETE -> CompletableFuture.completedFuture(delete.execute(req));
                case NOTIFY -> notify.execute(req);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(req, e));
        }
    }

    private static ResponsePrimitive failure(RequestPrimitive req, Throwable e) {
        if (e instanceof OneM2MException o) {
            ResponsePrimitive rsp = ResponsePrimitive.error(o.rsc(), o.getMessage());
            if (o instanceof PreconditionFailedException) {
                rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.PRECONDITION_FAILED;
            }
            return rsp;
        }
        LOG.log(Level.SEVERE, "request " + req.requestIdentifier + " failed", e);
        return ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                "internal error while processing request " + req.requestIdentifier + "; the CSE log has the details");
    }

    private void checkCommon(RequestPrimitive req, Instant now) {
        if (req.operation == null) {
            throw OneM2MException.badRequest("operation is missing");
        }
        RequestValidation.checkEnvelope(req, now);
        boolean registration = req.operation == io.keel.primitive.Operation.CREATE
                && req.resourceType != null && req.resourceType == io.keel.core.resource.ResourceTypes.AE;
        if ((req.from == null || req.from.isEmpty()) && !registration) {
            throw OneM2MException.badRequest("originator (X-M2M-Origin) is missing");
        }
        if (req.responseType == ResponseTypeValue.NO_RESPONSE) {
            // S4 6.3.4.2.x: noResponse exists for 3GPP interworking (TS-0026) only; an HTTP request always has one.
            throw OneM2MException.badRequest("response type 5 (noResponse) is defined for 3GPP interworking only, not for HTTP");
        }
    }
}
