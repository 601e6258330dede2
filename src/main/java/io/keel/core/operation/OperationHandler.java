package io.keel.core.operation;

import io.keel.core.routing.Route;
import io.keel.core.store.Transaction;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import java.util.concurrent.CompletableFuture;

/**
 * One oneM2M operation on this CSE's resources (TS-0004 7.3.3), in the order the dispatcher runs it: the request's
 * own parameters are checked before it is routed; then, in the read transaction that routed it, access and whatever
 * the store can answer without a lock; last, outside that transaction, what remains — a write transaction, a
 * notification target's verification, a long poll.
 */
public interface OperationHandler {
    /** Checks of the request alone (rcn, ty, filter usage, …), before any lookup: 4000 and the like. */
    void checkParameters(RequestPrimitive req);

    /**
     * An answer for a request whose target is not stored (yet), or null to route it as usual: a verification request
     * to a crossResourceSubscription being created (TS-0004 7.4.58.2.1 c) ii) 2)).
     */
    default Prepared beforeRoute(RequestPrimitive req) {
        return null;
    }

    /**
     * Runs in the read transaction that routed the request to a stored resource or a virtual child of one ({@link
     * Route.Local}, {@link Route.Virtual}); returns what completes the operation.
     */
    Prepared prepare(Transaction tx, RequestPrimitive req, Route route);

    /** The rest of an operation, run after the routing transaction has ended. */
    @FunctionalInterface
    interface Prepared {
        CompletableFuture<ResponsePrimitive> finish();

        static Prepared answered(ResponsePrimitive rsp) {
            CompletableFuture<ResponsePrimitive> done = CompletableFuture.completedFuture(rsp);
            return () -> done;
        }
    }
}
