package io.keel.core;

import io.keel.core.resource.RemoteResources;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceStore;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Requests this CSE originates for an entity of another CSE — a notification to a remote AE or CSE, its verification
 * request, a non-blocking result for a remote originator (TS-0004 7.3.2.6, 7.5.1.2.2, 7.3.3.9.2): addressed (To) to
 * that entity's ID and passed to the next hop exactly as a forwarded request is, so one routing decides for both. The
 * next hop is looked up when the request is sent, so a retried notification follows a changed registration. It also
 * retrieves other CSEs' resources for the types that validate them (a group's members, TS-0004 7.4.13.2.1).
 */
public final class RemoteRequests implements RemoteResources {
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

    @Override
    public boolean ofAnotherCse(String id) {
        try {
            return id != null && !id.isEmpty() && router.isRemote(id);
        } catch (OneM2MException e) {
            return false;
        }
    }

    /**
     * A Retrieve of the resource as the original originator (made SP-relative on the way, as forwarding does), so the
     * hosting CSE's access control judges the originator; it waits no longer than forwarding does.
     */
    @Override
    public Retrieved retrieve(String id, RequestPrimitive original) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.to = id;
        req.from = original.from;
        req.requestIdentifier = "member-" + Identifiers.random(12);
        req.releaseVersionIndicator = original.releaseVersionIndicator;
        ResponsePrimitive rsp = send(req).join();
        if (rsp.responseStatusCode == ResponseStatusCode.OK && rsp.content instanceof Map<?, ?> m && m.size() == 1
                && m.values().iterator().next() instanceof Map<?, ?> resource && resource.get("ty") instanceof Number ty) {
            return new Retrieved(ResponseStatusCode.OK, ty.intValue(), null);
        }
        String reason = rsp.content instanceof Map<?, ?> m && m.get("m2m:dbg") != null ? String.valueOf(m.get("m2m:dbg"))
                : "answered " + rsp.responseStatusCode.code();
        ResponseStatusCode rsc = rsp.responseStatusCode == ResponseStatusCode.OK ? ResponseStatusCode.TARGET_NOT_REACHABLE
                : rsp.responseStatusCode;
        return new Retrieved(rsc, null, rsp.responseStatusCode == ResponseStatusCode.OK ? "no resource in the answer" : reason);
    }
}
