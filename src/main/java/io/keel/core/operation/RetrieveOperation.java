package io.keel.core.operation;

import io.keel.core.Representations;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.AnnouncedType;
import io.keel.core.routing.Route;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.store.Transaction;
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
import java.util.function.Function;

/**
 * Retrieve (TS-0004 7.3.3.6) in the transaction that routed it, including partial retrieve (atrl); a virtual child is
 * retrieved as the resource it stands for ({@code la}), or answers itself ({@code pcu}, a long poll).
 */
public final class RetrieveOperation implements OperationHandler {
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.ATTRIBUTES,
            ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES, ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES,
            ResultContent.CHILD_RESOURCE_REFERENCES, ResultContent.ORIGINAL_RESOURCE, ResultContent.CHILD_RESOURCES);
    private static final Set<ResultContent> CHILD_RESULTS = EnumSet.of(ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES,
            ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES, ResultContent.CHILD_RESOURCE_REFERENCES,
            ResultContent.CHILD_RESOURCES);
    /** The Result Contents whose Retrieve of a container without contentInstance raises net 5 (TS-0004 table 6.3.4.2.19-1). */
    private static final Set<ResultContent> NO_CONTENT_INSTANCE_EVENT = EnumSet.of(ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES,
            ResultContent.CHILD_RESOURCES);
    private final OperationContext ctx;
    /** Handles a request as any other: the Retrieve of an original resource through its announced one's lnk. */
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher;
    private final FilterLinks links;

    public RetrieveOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.links = new FilterLinks(ctx, dispatcher);
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        if (attributeList(req) != null && rcn != ResultContent.ATTRIBUTES) {
            throw OneM2MException.badRequest("a partial retrieve (atrl) returns attributes only: rcn must be 1");
        }
    }

    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        if (route instanceof Route.Virtual v) {
            Runnable before = v.child().beforeRetrieve(tx.tree(), v.parent());
            if (before != null) {
                // Only an originator that may retrieve it sets the work off; then the Retrieve reads afresh.
                ctx.requireVirtualAccess(tx.tree(), req, v, Operation.RETRIEVE);
                return () -> {
                    before.run();
                    return CompletableFuture.completedFuture(ctx.store.read(t -> retrieve(t, req,
                            ctx.actedOn(t.tree(), req, ctx.router.route(t.tree(), req.to), Operation.RETRIEVE),
                            FetchedDescriptors.NONE)));
                };
            }
        }
        Resource r = ctx.actedOn(tx.tree(), req, route, Operation.RETRIEVE);
        if (r == null) {
            Route.Virtual v = (Route.Virtual) route;
            return () -> v.child().retrieve(req, v.parent(), ctx.notifications.pollingChannels());
        }
        if (OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED) == ResultContent.ORIGINAL_RESOURCE
                && r.get(AnnouncedType.LINK) instanceof String link) {
            return () -> original(req, link);
        }
        Set<String> far = links.ofRetrieve(tx, req, r, OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED));
        if (far.isEmpty()) {
            return Prepared.answered(retrieve(tx, req, r, FetchedDescriptors.NONE));
        }
        // A semanticsFilter whose descriptors link descriptors of other CSEs: those are read first, then the Retrieve
        // reads afresh.
        return () -> links.read(req, far).thenApply(fetched -> ctx.store.read(t -> retrieve(t, req,
                ctx.actedOn(t.tree(), req, ctx.router.route(t.tree(), req.to), Operation.RETRIEVE), fetched)));
    }

    /**
     * rcn=7 on an announced resource (TS-0004 7.4.26.2.3, Recv-6.5): the original, read where its lnk points, as the
     * originator of this request, so the original's hosting CSE applies its own access control.
     */
    private CompletableFuture<ResponsePrimitive> original(RequestPrimitive req, String link) {
        RequestPrimitive read = req.copy();
        read.to = link;
        read.resultContent = null;
        read.filterCriteria = null;
        read.preconditions = null;
        read.requestResourceId = null;
        read.responseType = null;
        read.responseTypeNotificationUris = null;
        return dispatcher.apply(read);
    }

    /** {@code fetched}: the descriptors of other CSEs a semanticsFilter's descriptors link ({@link FilterLinks}). */
    private ResponsePrimitive retrieve(Transaction tx, RequestPrimitive req, Resource r, FetchedDescriptors fetched) {
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        if (!CHILD_RESULTS.contains(rcn)) {
            ctx.requireMatch(tx, req, r, fetched);
        } else if (req.filterCriteria != null) {
            // With child results the filter criteria select the children; what Keel cannot filter by is still refused.
            FilterCriteriaCheck.check(req.filterCriteria, ctx.types);
        }
        if (ConditionalRequests.notModified(req.preconditions, r, Operation.RETRIEVE)) {
            ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, null);
            rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.NOT_MODIFIED;
            rsp.entityTag = ConditionalRequests.entityTag(r);
            rsp.lastModified = r.lt;
            return rsp;
        }
        List<String> attributeList = attributeList(req);
        Representations.Built built = attributeList != null
                ? new Representations.Built(ctx.representations.partial(r, attributeList, ctx.viewer(req)), null)
                : ctx.representations.build(tx, r, rcn, req.filterCriteria, ctx.readableChildren(tx, req), ctx.viewer(req),
                        fetched);
        if (NO_CONTENT_INSTANCE_EVENT.contains(rcn) && ctx.types.typeOf(r).holdsNoContentInstance(r)) {
            ctx.notifications.events().retrievedWithoutContentInstance(tx, r);
        }
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, built.content());
        rsp.contentStatus = built.status();
        rsp.entityTag = ConditionalRequests.entityTag(r);
        rsp.lastModified = r.lt;
        return rsp;
    }

    /** The attribute list of a partial retrieve, or null; anything else in a Retrieve's Content is 4000. */
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
