package io.keel.core;

import io.keel.core.operation.CreateOperation;
import io.keel.core.operation.DeleteOperation;
import io.keel.core.operation.DiscoveryOperation;
import io.keel.core.operation.NotifyOperation;
import io.keel.core.operation.Operations;
import io.keel.core.operation.RetrieveOperation;
import io.keel.core.operation.UpdateOperation;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.PreconditionFailedException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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

    public Dispatcher(Operations ops, Clock clock) {
        this.ops = ops;
        this.clock = clock;
        this.create = new CreateOperation(ops);
        this.retrieve = new RetrieveOperation(ops);
        this.discovery = new DiscoveryOperation(ops);
        this.update = new UpdateOperation(ops);
        this.delete = new DeleteOperation(ops);
        this.notify = new NotifyOperation(ops);
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
        CompletableFuture<ResponsePrimitive> rsp;
        try {
            checkCommon(req, clock.now());
            rsp = switch (req.operation) {
                case CREATE -> CompletableFuture.completedFuture(create.execute(req));
                case RETRIEVE -> req.isDiscovery() ? CompletableFuture.completedFuture(discovery.execute(req)) : retrieve.execute(req);
                case UPDATE -> CompletableFuture.completedFuture(update.execute(req));
                case DELETE -> CompletableFuture.completedFuture(delete.execute(req));
                case NOTIFY -> notify.execute(req);
            };
        } catch (RuntimeException e) {
            rsp = CompletableFuture.completedFuture(failure(req, e));
        }
        return rsp.exceptionally(e -> failure(req, e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e))
                .thenApply(r -> {
                    if (req.originatingTimestamp != null) {
                        r.originatingTimestamp = clock.now();
                    }
                    return r.echo(req);
                });
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
        if (req.operationExecutionTime != null && req.operationExecutionTime.isAfter(now)) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "delayed execution (X-M2M-OET) is not supported by this CSE yet");
        }
        if (req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH) {
            throw new OneM2MException(ResponseStatusCode.NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED,
                    "non-blocking requests (rt=1) are not supported by this CSE yet");
        }
        if (req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH || req.responseType == ResponseTypeValue.NO_RESPONSE) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                    "response type " + req.responseType.value() + " is not supported by this CSE yet");
        }
    }
}
