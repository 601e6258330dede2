package io.keel.core;

import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceStore;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.concurrent.CompletableFuture;

/**
 * Requests this CSE originates for an entity of another CSE — a notification to a remote AE or CSE, its verification
 * request, a non-blocking result for a remote originator (TS-0004 7.3.2.6, 7.5.1.2.2, 7.3.3.9.2): addressed (To) to
 * that entity's ID and passed to the next hop exactly as a forwarded request is, so one routing decides for both. The
 * next hop is looked up when the request is sent, so a retried notification follows a changed registration.
 */
public final class RemoteRequests {
    private final ResourceStore store;
    private final Router router;
    private final Forwarding forwarding;

    public RemoteRequests(ResourceStore store, Router router, Forwarding forwarding) {
        this.store = store;
        this.router = router;
        this.forwarding = forwarding;
    }

    /** Never fails exceptionally: what stops the request on this CSE (no next hop, 4004/5103) is its answer. */
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive request) {
        try {
            Route route = store.read(tx -> router.route(tx, request.to));
            if (!(route instanceof Route.Remote remote)) {
                return CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                        request.to + " is no entity of another CSE"));
            }
            return forwarding.forward(request, remote, false);
        } catch (OneM2MException e) {
            return CompletableFuture.completedFuture(ResponsePrimitive.error(e.rsc(), e.getMessage()));
        }
    }
}
