package io.keel.core.operation;

import io.keel.core.Identifiers;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.resource.types.DynamicAuthorizationConsultationType;
import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeValidator;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.RemoteResources;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.Viewer;
import io.keel.core.routing.Route;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Create (TS-0004 7.3.3.3, 7.3.3.5; the order of checks as in 7.2.2.2): the privilege on the parent, the child type and
 * the attributes are checked where the request was routed; the type's work before the transaction (a subscription's
 * verification) follows; then, with the parent locked, the type fills in its rules and the resource is stored, in one
 * write transaction.
 */
public final class CreateOperation implements OperationHandler {
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES,
            ResultContent.HIERARCHICAL_ADDRESS, ResultContent.HIERARCHICAL_ADDRESS_AND_ATTRIBUTES,
            ResultContent.MODIFIED_ATTRIBUTES);
    private final OperationContext ctx;

    public CreateOperation(OperationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        if (req.resourceType == null) {
            throw OneM2MException.badRequest("a create needs the resource type: Content-Type ...;ty=<n>");
        }
        if (req.filterCriteria != null) {
            throw OneM2MException.badRequest("filter criteria are not allowed in a create");
        }
        OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        ResourceType type = ctx.types.get(req.resourceType, req.content);
        if (type == null && !ResourceTypes.isDefined(req.resourceType)) {
            ctx.types.requested(req.resourceType); // an invalid ty is 4000 here (TS-0004 7.3.2.1)
        }
        if (type != null) {
            type.checkSyntax(Operation.CREATE, type.sentAttributes(req.content));
        }
    }

    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        if (route instanceof Route.Virtual v) {
            throw v.child().refused(io.keel.primitive.Operation.CREATE);
        }
        Resource parent = route.resource();
        if (ctx.types.get(req.resourceType) == null) {
            // A type the standard defines but Keel does not implement is 5001 once the target exists and the
            // originator may create there (TS-0004 7.2.2.2: Recv-6.4 after Recv-6.2 and Recv-6.3).
            ctx.requireAccess(tx.tree(), req, Permission.CREATE, parent);
        }
        ResourceType type = ctx.types.requested(req.resourceType, req.content);
        if (!type.creatableByRequest()) {
            // Whoever asks and wherever: the CSE alone creates these (TS-0004 7.4.3.2.1, 7.4.12.2.1).
            throw OneM2MException.notAllowed(type.rootElement() + " is created by the CSE only");
        }
        for (Permission permission : type.createPermissions()) {
            ctx.requireAccess(tx.tree(), req, permission, parent);
        }
        type.checkCreator(req, ctx.cse);
        ResourceType parentType = ctx.types.typeOf(parent);
        if (!parentType.childTypes().contains(type.ty())) {
            throw type.refusedUnder(parentType);
        }
        Map<String, Object> given = AttributeValidator.forCreate(type, req.content, OperationContext.fromText(req),
                req.releaseVersionIndicator);
        GoverningPolicies.checkReferences(tx.tree(), given.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        DynamicAuthorizationConsultationType.checkReferences(tx.tree(), given.get(ResourceType.DYNAMIC_AUTHORIZATION_CONSULTATION_IDS));
        String ri = Identifiers.newResourceId(type.shortName());
        // The resource as it would be now: what can be refused without the lock (a reserved rn, et in the past) is.
        Resource draft = newResource(type, parentType, parent, given, req.from, ctx.clock.now(), ri);
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        return () -> {
            Map<String, RemoteResources.Retrieved> retrieved = new java.util.concurrent.ConcurrentHashMap<>();
            if (type.worksBeforeTransaction()) {
                type.beforeTransaction(new PendingWrite(req, draft, given, parent, ctx.notifications, ctx.remote(), retrieved));
            }
            Function<Transaction, ResponsePrimitive> work = w -> create(w, req, type, parent.ri, ri, given, rcn, retrieved);
            return CompletableFuture.completedFuture(type.createsShareCommits() ? ctx.store.writeUnder(parent.ri, work)
                    : ctx.store.write(work));
        };
    }

    /** The write transaction: locking the parent serializes creates under it (unique names, exact counters, quotas). */
    private ResponsePrimitive create(Transaction tx, RequestPrimitive req, ResourceType type, String parentRi, String ri,
                                     Map<String, Object> given, ResultContent rcn,
                                     Map<String, RemoteResources.Retrieved> retrieved) {
        ResourceTree tree = tx.tree();
        Resource parent = tree.lock(parentRi);
        if (parent == null) {
            throw OneM2MException.notFound("the parent was deleted meanwhile");
        }
        GoverningPolicies.checkReferences(tree, given.get(ResourceType.ACCESS_CONTROL_POLICY_IDS)); // still there?
        DynamicAuthorizationConsultationType.checkReferences(tree, given.get(ResourceType.DYNAMIC_AUTHORIZATION_CONSULTATION_IDS));
        // After the parent's last change (each contentInstance sets its container's lt): children's creation
        // times follow the order of creation, whichever CSE on the database made them (la, ol, quota trimming).
        Instant now = ctx.clock.after(parent.lt);
        Resource r = newResource(type, ctx.types.typeOf(parent), parent, given, req.from, now, ri);
        ResourceOperation op = new ResourceOperation(tx, req, ctx.cse, now, parent, r, given, ctx.references(tree, req, retrieved),
                Map.of(), ctx.management(tx));
        type.prepareCreate(op);
        ctx.announcements.writing(tx, type, r, null);
        OperationContext.orderAttributes(type, r); // CSE-set attributes (aei, cni, …) take their declared places
        tree.insert(r);
        ctx.policies.created(tx.policyIndex(), type, r, parent);
        type.afterCreate(op);
        ctx.notifications.events().created(tx, parent, r);
        op.created().forEach(c -> ctx.notifications.events().created(tx, c.parent(), c.child()));
        return response(type, r, given, rcn, ctx.viewer(req));
    }

    /** The new resource with what the request gives. */
    private static Resource draft(ResourceType type, Resource parent, String ri, Map<String, Object> given) {
        Resource r = new Resource();
        r.ty = type.ty();
        r.ri = ri;
        r.pi = parent.ri;
        r.rn = given.containsKey("rn") ? (String) given.get("rn") : ri;
        r.srn = parent.srn + "/" + r.rn;
        for (var d : type.specificAttributes()) {
            if (given.get(d.sn()) != null) {
                r.attributes.put(d.sn(), given.get(d.sn()));
            }
        }
        return r;
    }

    private Resource newResource(ResourceType type, ResourceType parentType, Resource parent, Map<String, Object> given,
                                 String originator, Instant now, String ri) {
        Resource r = draft(type, parent, ri, given);
        if (parentType.virtualChildren().containsKey(r.rn)) {
            throw OneM2MException.badRequest("rn " + r.rn + " is reserved for the virtual resource of " + parentType.rootElement());
        }
        r.ct = now;
        r.lt = now;
        r.et = expirationTime((Instant) given.get("et"), parent, now);
        r.origin = originator;
        if (given.containsKey("cr")) {
            r.cr = originator;
        }
        @SuppressWarnings("unchecked")
        List<String> lbl = (List<String>) given.get("lbl");
        if (lbl != null) {
            r.lbl.addAll(lbl);
        }
        return r;
    }

    /** et: the requested time (never in the past), else the default lifetime; never later than the parent's. */
    private Instant expirationTime(Instant requested, Resource parent, Instant now) {
        Instant et = requested;
        if (et != null && !et.isAfter(now)) {
            throw OneM2MException.badRequest("et lies in the past");
        }
        if (et == null) {
            et = now.plusSeconds(ctx.cse.defaultExpirationSeconds());
        }
        return parent.et != null && et.isAfter(parent.et) ? parent.et : et;
    }

    private ResponsePrimitive response(ResourceType type, Resource r, Map<String, Object> given, ResultContent rcn,
                                       Viewer viewer) {
        Object content = switch (rcn) {
            case NOTHING -> null;
            case HIERARCHICAL_ADDRESS -> Map.of("m2m:uri", r.srn);
            case HIERARCHICAL_ADDRESS_AND_ATTRIBUTES -> {
                Map<String, Object> rce = new LinkedHashMap<>(ctx.representations.attributes(r, viewer));
                rce.put("uri", r.srn);
                yield Map.of("m2m:rce", rce);
            }
            case MODIFIED_ATTRIBUTES -> {
                // What the CSE set or changed: everything not given verbatim by the originator.
                Map<String, Object> all = type.representation(r, viewer);
                Map<String, Object> modified = new LinkedHashMap<>();
                all.forEach((k, v) -> {
                    if (!given.containsKey(k) || !Objects.equals(given.get(k), v)) {
                        modified.put(k, v);
                    }
                });
                yield Map.of(type.rootElement(), modified);
            }
            default -> ctx.representations.attributes(r, viewer);
        };
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.CREATED, content);
        rsp.contentLocation = rcn == ResultContent.NOTHING ? null : r.srn;
        return rsp;
    }
}
