package io.keel.core;

import io.keel.core.operation.CreateOperation;
import io.keel.core.operation.DeleteOperation;
import io.keel.core.operation.DiscoveryOperation;
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

    public Dispatcher(Operations ops, Clock clock) {
        this.ops = ops;
        this.clock = clock;
        this.create = new CreateOperation(ops);
        this.retrieve = new RetrieveOperation(ops);
        this.discovery = new DiscoveryOperation(ops);
        this.update = new UpdateOperation(ops);
        this.delete = new DeleteOperation(ops);
    }

    public DeleteOperation deletes() {
        return delete;
    }

    public ResponsePrimitive handle(RequestPrimitive req) {
        ResponsePrimitive rsp;
        try {
            checkCommon(req, clock.now());
            rsp = switch (req.operation) {
                case CREATE -> create.execute(req);
                case RETRIEVE -> req.isDiscovery() ? discovery.execute(req) : retrieve.execute(req);
                case UPDATE -> update.execute(req);
                case DELETE -> delete.execute(req);
                case NOTIFY -> throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                        "this CSE does not accept Notify requests yet");
            };
        } catch (OneM2MException e) {
            rsp = ResponsePrimitive.error(e.rsc(), e.getMessage());
            if (e instanceof PreconditionFailedException) {
                rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.PRECONDITION_FAILED;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request " + req.requestIdentifier + " failed", e);
            rsp = ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                    "internal error while processing request " + req.requestIdentifier + "; the CSE log has the details");
        }
        if (req.originatingTimestamp != null) {
            rsp.originatingTimestamp = clock.now();
        }
        return rsp.echo(req);
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
