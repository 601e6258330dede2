package io.keel.core.operation;

import io.keel.core.Identifiers;
import io.keel.core.Target;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeValidator;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.persistence.TreeTransaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Create (TS-0004 7.3.3.3; shared/spec §10.1 for the order of checks): resolve the parent, check the privilege,
 * the child type and the attributes, then let the type fill in its rules and store it in one transaction.
 */
public final class CreateOperation {
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES,
            ResultContent.HIERARCHICAL_ADDRESS, ResultContent.HIERARCHICAL_ADDRESS_AND_ATTRIBUTES,
            ResultContent.MODIFIED_ATTRIBUTES);
    private final Operations ops;

    public CreateOperation(Operations ops) {
        this.ops = ops;
    }

    public ResponsePrimitive execute(RequestPrimitive req) {
        if (req.resourceType == null) {
            throw OneM2MException.badRequest("a create needs the resource type: Content-Type ...;ty=<n>");
        }
        if (req.filterCriteria != null) {
            throw OneM2MException.badRequest("filter criteria are not allowed in a create");
        }
        ResultContent rcn = Operations.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        ResourceType type = typeOf(req.resourceType);
        String ri = null;
        if (type.ty() == ResourceTypes.SUBSCRIPTION) {
            // Verification goes out before anything is stored and while no lock is held (shared/spec §10.6).
            Resource sub = ops.store.read(tx -> prepare(tx, req, type, null, false).resource);
            ops.notifications.verify(sub, req, nuList(sub));
            ri = sub.ri;
        }
        String fixedRi = ri;
        return ops.store.write(tx -> {
            ResourceOperation op = prepare(tx, req, type, fixedRi, true);
            tx.insert(op.resource);
            ops.policies.created(tx, type, op.resource, op.parent);
            type.afterCreate(op);
            ops.notifications.events().created(tx, op.parent, op.resource);
            return response(type, op.resource, op.given, rcn);
        });
    }

    /**
     * Every check of a Create, and the new resource as it will be stored. {@code lock} is false for the dry run
     * before a subscription's verification, which must not hold the parent; {@code ri} keeps the dry run's ID.
     */
    private ResourceOperation prepare(TreeTransaction tx, RequestPrimitive req, ResourceType type, String ri, boolean lock) {
        Target target = ops.resolver.resolve(tx, req.to);
        if (target.isVirtual()) {
            throw OneM2MException.notAllowed("nothing can be created under the virtual resource " + target.virtualChild());
        }
        // Locking the parent serializes creates under it: unique names, exact counters and quotas.
        Resource parent = lock ? tx.lock(target.resource().ri) : target.resource();
        if (parent == null) {
            throw OneM2MException.notFound("the parent was deleted meanwhile");
        }
        boolean registration = type.ty() == ResourceTypes.AE;
        if (!registration) {
            ops.requireAccess(tx, req, Permission.CREATE, parent);
        }
        if (!type.creatableByRequest()) {
            throw OneM2MException.notAllowed(type.rootElement() + " is created by the CSE only");
        }
        ResourceType parentType = ops.types.require(parent.ty);
        if (!parentType.childTypes().contains(type.ty())) {
            if (type.ty() == ResourceTypes.SUBSCRIPTION) {
                throw new OneM2MException(ResponseStatusCode.TARGET_NOT_SUBSCRIBABLE, parentType.rootElement() + " is not subscribable");
            }
            throw new OneM2MException(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                    type.rootElement() + " cannot be created under " + parentType.rootElement());
        }
        if (type.ty() == ResourceTypes.SUBSCRIPTION) {
            // Subscribing means being told what the resource holds: it takes Retrieve privilege too (S4 7.4.8.2.1).
            ops.requireAccess(tx, req, Permission.RETRIEVE, parent);
        }
        Map<String, Object> given = AttributeValidator.forCreate(type, req.content, Operations.fromText(req));
        GoverningPolicies.checkReferences(tx, given.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        // After the parent's last change (each contentInstance sets its container's lt): children's creation
        // times follow the order of creation, whichever CSE on the database made them (la, ol, quota trimming).
        Instant now = ops.clock.after(parent.lt);
        Resource r = newResource(type, parentType, parent, given, req.from, now, ri);
        ResourceOperation op = new ResourceOperation(tx, req, ops.cse, now, parent, r, given, ops.references(tx, req));
        type.prepareCreate(op);
        Operations.orderAttributes(type, r); // CSE-set attributes (aei, cni, …) take their declared places
        return op;
    }

    @SuppressWarnings("unchecked")
    static List<String> nuList(Resource sub) {
        return (List<String>) sub.get("nu");
    }

    private ResourceType typeOf(int ty) {
        ResourceType type = ops.types.get(ty);
        if (type != null) {
            return type;
        }
        if (isDefinedType(ty)) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "resource type " + ty + " is not supported by this CSE");
        }
        throw OneM2MException.badRequest("unknown resource type " + ty);
    }

    /** Resource type numbers the standard defines (shared/spec §3.1), announced variants included. */
    private static boolean isDefinedType(int ty) {
        int base = ty > 10000 ? ty - 10000 : ty;
        return (base >= 1 && base <= 51) || (base >= 58 && base <= 66);
    }

    private Resource newResource(ResourceType type, ResourceType parentType, Resource parent, Map<String, Object> given,
                                 String originator, Instant now, String ri) {
        Resource r = new Resource();
        r.ty = type.ty();
        r.ri = ri != null ? ri : Identifiers.newResourceId(type.shortName());
        r.pi = parent.ri;
        r.rn = given.containsKey("rn") ? (String) given.get("rn") : r.ri;
        if (parentType.virtualChildren().contains(r.rn)) {
            throw OneM2MException.badRequest("rn " + r.rn + " is reserved for the virtual resource of " + parentType.rootElement());
        }
        r.srn = parent.srn + "/" + r.rn;
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
        for (var d : type.specificAttributes()) {
            if (given.get(d.sn()) != null) {
                r.attributes.put(d.sn(), given.get(d.sn()));
            }
        }
        return r;
    }

    /** et: the requested time (never in the past), else the default lifetime; never later than the parent's. */
    Instant expirationTime(Instant requested, Resource parent, Instant now) {
        Instant et = requested;
        if (et != null && !et.isAfter(now)) {
            throw OneM2MException.badRequest("et lies in the past");
        }
        if (et == null) {
            et = now.plusSeconds(ops.cse.defaultExpirationSeconds());
        }
        return parent.et != null && et.isAfter(parent.et) ? parent.et : et;
    }

    private ResponsePrimitive response(ResourceType type, Resource r, Map<String, Object> given, ResultContent rcn) {
        Object content = switch (rcn) {
            case NOTHING -> null;
            case HIERARCHICAL_ADDRESS -> Map.of("m2m:uri", r.srn);
            case HIERARCHICAL_ADDRESS_AND_ATTRIBUTES -> {
                Map<String, Object> rce = new LinkedHashMap<>(ops.representations.attributes(r));
                rce.put("uri", r.srn);
                yield Map.of("m2m:rce", rce);
            }
            case MODIFIED_ATTRIBUTES -> {
                // What the CSE set or changed: everything not given verbatim by the originator.
                Map<String, Object> all = r.representation(type);
                Map<String, Object> modified = new LinkedHashMap<>();
                all.forEach((k, v) -> {
                    if (!given.containsKey(k) || !java.util.Objects.equals(given.get(k), v)) {
                        modified.put(k, v);
                    }
                });
                yield Map.of(type.rootElement(), modified);
            }
            default -> ops.representations.attributes(r);
        };
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.CREATED, content);
        rsp.contentLocation = rcn == ResultContent.NOTHING ? null : r.srn;
        return rsp;
    }
}
