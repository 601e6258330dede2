package io.keel.core.operation;

import io.keel.core.Representations;
import io.keel.core.Target;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.persistence.TreeTransaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Delete (TS-0004 7.3.3.6): the resource and its whole subtree, in one transaction. */
public final class DeleteOperation {
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES,
            ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES, ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES,
            ResultContent.CHILD_RESOURCE_REFERENCES, ResultContent.CHILD_RESOURCES);
    private final Operations ops;

    public DeleteOperation(Operations ops) {
        this.ops = ops;
    }

    public ResponsePrimitive execute(RequestPrimitive req) {
        ResultContent rcn = Operations.resultContent(req, ResultContent.NOTHING, ALLOWED);
        return ops.store.write(tx -> {
            Target target = ops.resolver.resolve(tx, req.to);
            Resource r = RetrieveOperation.readable(tx, req, target, ops);
            ops.requireMatch(tx, req, r);
            ConditionalRequests.notModified(req.preconditions, r, io.keel.primitive.Operation.DELETE);
            ResourceType type = ops.types.require(r.ty);
            if (r.pi == null) {
                throw OneM2MException.notAllowed(type.rootElement() + " cannot be deleted");
            }
            Representations.Built built = ops.representations.build(tx, r, rcn, null, ops.readableChildren(tx, req));
            if (!delete(tx, r, req, ops.clock.now())) {
                throw OneM2MException.notFound("resource " + r.ri + " was deleted meanwhile");
            }
            ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.DELETED, built.content());
            rsp.contentStatus = built.status();
            return rsp;
        });
    }

    /**
     * Deletes a resource and its subtree, letting its type update what depends on it (container counters).
     *
     * @return false when it was gone by the time its parent was locked: another request, the expiry sweeper or
     *         another CSE on the same database deleted it first, and counted it.
     */
    public boolean delete(TreeTransaction tx, Resource r, RequestPrimitive req, Instant now) {
        Resource parent = tx.lock(r.pi);
        Resource current = tx.lock(r.ri);
        if (current == null) {
            return false;
        }
        ops.types.require(current.ty).beforeDelete(new ResourceOperation(tx, req, ops.cse, now, parent, current, java.util.Map.of(),
                ops.references(tx, req)));
        ops.notifications.events().deleting(tx, current);
        tx.deleteSubtree(current);
        return true;
    }
}
