package io.keel.core.operation;

import io.keel.core.Representations;
import io.keel.core.Target;
import io.keel.core.access.Permission;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.ContainerType;
import io.keel.core.resource.types.PollingChannelType;
import io.keel.persistence.TreeTransaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Retrieve (TS-0004 7.3.3.4), including the la/ol virtual resources and partial retrieve (atrl). */
public final class RetrieveOperation {
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.ATTRIBUTES,
            ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES, ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES,
            ResultContent.CHILD_RESOURCE_REFERENCES, ResultContent.ORIGINAL_RESOURCE, ResultContent.CHILD_RESOURCES);
    private static final Set<ResultContent> CHILD_RESULTS = EnumSet.of(ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES,
            ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES, ResultContent.CHILD_RESOURCE_REFERENCES,
            ResultContent.CHILD_RESOURCES);
    private final Operations ops;

    public RetrieveOperation(Operations ops) {
        this.ops = ops;
    }

    /** What the one read transaction found: a response, or the pollingChannel whose pcu is to be polled. */
    private record Outcome(ResponsePrimitive response, String pollingChannel) {
    }

    /** Completes at once, except for the long-polling Retrieve of a pollingChannel's pcu. */
    public CompletableFuture<ResponsePrimitive> execute(RequestPrimitive req) {
        ResultContent rcn = Operations.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        List<String> attributeList = attributeList(req);
        if (attributeList != null && rcn != ResultContent.ATTRIBUTES) {
            throw OneM2MException.badRequest("a partial retrieve (atrl) returns attributes only: rcn must be 1");
        }
        Outcome outcome = ops.store.read(tx -> {
            Target target = ops.resolver.resolve(tx, req.to);
            if (PollingChannelType.POLLING_CHANNEL_URI.equals(target.virtualChild())) {
                ops.requireAccess(tx, req, Permission.RETRIEVE, target.resource());
                return new Outcome(null, target.resource().ri);
            }
            return new Outcome(retrieve(tx, req, target, rcn, attributeList), null);
        });
        return outcome.pollingChannel() == null ? CompletableFuture.completedFuture(outcome.response())
                : ops.notifications.pollingChannels().poll(outcome.pollingChannel());
    }

    private ResponsePrimitive retrieve(TreeTransaction tx, RequestPrimitive req, Target target, ResultContent rcn,
                                       List<String> attributeList) {
        Resource r = readable(tx, req, target, ops);
        if (!CHILD_RESULTS.contains(rcn)) {
            ops.requireMatch(tx, req, r);
        } else if (req.filterCriteria != null) {
            // With child results the filter criteria select the children; what Keel cannot filter by is still refused.
            FilterCriteriaCheck.check(req.filterCriteria, ops.types);
        }
        if (ConditionalRequests.notModified(req.preconditions, r, Operation.RETRIEVE)) {
            ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, null);
            rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.NOT_MODIFIED;
            rsp.entityTag = ConditionalRequests.entityTag(r);
            rsp.lastModified = r.lt;
            return rsp;
        }
        Representations.Built built = attributeList != null
                ? new Representations.Built(ops.representations.partial(r, attributeList), null)
                : ops.representations.build(tx, r, rcn, req.filterCriteria, ops.readableChildren(tx, req));
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, built.content());
        rsp.contentStatus = built.status();
        rsp.entityTag = ConditionalRequests.entityTag(r);
        rsp.lastModified = r.lt;
        return rsp;
    }

    /**
     * The resource a Retrieve or Delete acts on once access is checked: the target itself, or for la/ol the newest
     * or oldest contentInstance of the container (4004 when it has none).
     */
    static Resource readable(TreeTransaction tx, RequestPrimitive req, Target target, Operations ops) {
        Resource r = target.resource();
        ops.requireAccess(tx, req, Permission.of(req.operation), r);
        if (PollingChannelType.POLLING_CHANNEL_URI.equals(target.virtualChild())) {
            throw OneM2MException.notAllowed("pcu is only polled (Retrieve) and answered (Notify)");
        }
        if (target.isVirtual()) {
            Operations.checkRetrievalEnabled(r);
            Resource instance = tx.newestOrOldestChild(r.ri, ResourceTypes.CONTENT_INSTANCE,
                    ContainerType.LATEST.equals(target.virtualChild()));
            if (instance == null) {
                throw OneM2MException.notFound("the container holds no contentInstance");
            }
            return instance;
        }
        if (r.ty == ResourceTypes.CONTENT_INSTANCE) {
            Operations.checkRetrievalEnabled(tx.find(r.pi));
        }
        return r;
    }


    @SuppressWarnings("unchecked")
    private static List<String> attributeList(RequestPrimitive req) {
        if (req.content == null) {
            return null;
        }
        if (req.content instanceof Map<?, ?> m && m.size() == 1 && m.get("m2m:atrl") instanceof List<?> l) {
            return (List<String>) l;
        }
        throw OneM2MException.badRequest("a retrieve may only carry an attribute list (m2m:atrl)");
    }
}
