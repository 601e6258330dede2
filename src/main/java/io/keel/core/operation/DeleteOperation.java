package io.keel.core.operation;

import io.keel.core.Representations;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.routing.Route;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Delete (TS-0004 7.3.3.8): access, the resource's readability, filter criteria and preconditions are checked where
 * the request was routed; the resource and its whole subtree go in one write transaction. A virtual child is deleted
 * as the resource it stands for ({@code la}: the newest instance).
 */
public final class DeleteOperation implements OperationHandler {
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES,
            ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES, ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES,
            ResultContent.CHILD_RESOURCE_REFERENCES, ResultContent.CHILD_RESOURCES);
    private final OperationContext ctx;
    private final FilterLinks links;

    /** @param dispatcher reads the descriptors of other CSEs a semanticsFilter links (fu=2) */
    public DeleteOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.links = new FilterLinks(ctx, dispatcher);
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        OperationContext.resultContent(req, ResultContent.NOTHING, ALLOWED);
    }

    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        if (route instanceof Route.Local local && !ctx.types.typeOf(local.resource()).deletable()) {
            // Refused on Recv-1.0, before anything else is checked (TS-0004 7.4.3.2.4).
            throw OneM2MException.notAllowed(ctx.types.typeOf(local.resource()).rootElement() + " cannot be deleted");
        }
        Resource r = ctx.actedOn(tx.tree(), req, route, Operation.DELETE);
        if (r == null) {
            Route.Virtual v = (Route.Virtual) route;
            return () -> v.child().delete(req, v.parent(), ctx.targetRemoval());
        }
        Set<String> far = links.ofTarget(tx, req, r);
        if (far.isEmpty()) {
            ctx.requireMatch(tx, req, r);
        }
        ConditionalRequests.notModified(req.preconditions, r, Operation.DELETE);
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.NOTHING, ALLOWED);
        // A Delete waits for a blocked Update of the resource in progress (TS-0001 table 9.6.8-3, Blocking_Update); a
        // semanticsFilter's linked descriptors of other CSEs are read before, holding no lock.
        return () -> links.read(req, far).thenApply(fetched -> ctx.notifications.blockingUpdates().after(r.ri, () -> ctx.store.write(w -> {
            if (!far.isEmpty()) {
                ctx.requireMatch(w, req, r, fetched);
            }
            Representations.Built built = ctx.representations.build(w, r, rcn, null, ctx.readableChildren(w, req), ctx.viewer(req));
            if (!delete(w, r, req, ctx.clock.now())) {
                throw OneM2MException.notFound("resource " + r.ri + " was deleted meanwhile");
            }
            ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.DELETED, built.content());
            rsp.contentStatus = built.status();
            return rsp;
        })));
    }

    /**
     * Deletes a resource and its subtree, letting its type update what depends on it (container counters); also what
     * the expiry sweeper and an expirationCounter run out delete.
     *
     * @return false when it was gone by the time its parent was locked: another request, the expiry sweeper or
     *         another CSE on the same database deleted it first, and counted it.
     */
    public boolean delete(Transaction tx, Resource r, RequestPrimitive req, Instant now) {
        Resource parent = tx.tree().lock(r.pi);
        Resource current = tx.tree().lock(r.ri);
        if (current == null) {
            return false;
        }
        ResourceOperation op = new ResourceOperation(tx, req, ctx.cse, now, parent, current, Map.of(),
                ctx.references(tx.tree(), req), Map.of(), ctx.management(tx));
        ResourceType deleted = ctx.types.typeOf(current);
        deleted.beforeDelete(op);
        ctx.announcements.deleting(tx, deleted, current);
        ctx.types.forEach(type -> type.beforeAnyDelete(op));
        ctx.notifications.events().deleting(tx, current);
        tx.tree().deleteSubtree(current, ctx.types.childless());
        for (Resource other : op.alsoDeleted()) {
            delete(tx, other, req, now);
        }
        if (deleted.registersCse()) { // a <remoteCSE> is a child of the CSEBase, never in the subtree of a deletable resource
            Runnable removed = ctx.remoteCseRemoved();
            tx.listener(RemoteCseRemoval.class, () -> new RemoteCseRemoval(removed));
        }
        return true;
    }
}
