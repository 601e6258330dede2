package io.keel.core.operation;

import io.keel.core.Target;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeValidator;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
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
import java.util.Set;

/** Update (TS-0004 7.3.3.5): only updatable attributes; null deletes an optional one; st and lt advance. */
public final class UpdateOperation {
    private static final Set<ResultContent> ALLOWED =
            EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES, ResultContent.MODIFIED_ATTRIBUTES);
    private final Operations ops;

    public UpdateOperation(Operations ops) {
        this.ops = ops;
    }

    public ResponsePrimitive execute(RequestPrimitive req) {
        ResultContent rcn = Operations.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        verifyNewTargets(req);
        return ops.store.write(tx -> {
            Target target = ops.resolver.resolve(tx, req.to);
            Resource r = tx.lock(target.resource().ri);
            if (r == null) {
                throw OneM2MException.notFound("the resource was deleted meanwhile");
            }
            ResourceType type = ops.types.require(r.ty);
            boolean acpiChange = type.hasAccessControlPolicyIds() && names(type, req.content, ResourceType.ACCESS_CONTROL_POLICY_IDS);
            if (acpiChange && !ops.access.allowsAcpiChange(tx, req, r)) {
                throw OneM2MException.noPrivilege("originator " + req.from + " may not change the acpi of " + r.srn
                        + ": that needs update in the selfPrivileges (pvs) of the policies it names now");
            }
            if (!acpiChange) {
                ops.requireAccess(tx, req, Permission.UPDATE, r);
            }
            ops.requireMatch(tx, req, r);
            ConditionalRequests.notModified(req.preconditions, r, Operation.UPDATE);
            if (target.isVirtual() || !type.updatable()) {
                throw OneM2MException.notAllowed((target.isVirtual() ? target.virtualChild() : type.rootElement())
                        + " cannot be updated");
            }
            Map<String, Object> given = AttributeValidator.forUpdate(type, req.content, Operations.fromText(req));
            if (acpiChange) {
                if (given.size() > 1) {
                    throw OneM2MException.badRequest("acpi must be the only attribute of its update (TS-0001 9.6.1.3.2)");
                }
                GoverningPolicies.checkReferences(tx, given.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
            }
            Instant now = ops.clock.after(r.lt); // lt only advances, also when another CSE made the last change
            apply(r, given, now, r.pi == null ? null : tx.find(r.pi));
            r.lt = now;
            if (type.hasStateTag()) {
                r.st++;
            }
            type.prepareUpdate(new ResourceOperation(tx, req, ops.cse, now, null, r, given, ops.references(tx, req)));
            Operations.orderAttributes(type, r);
            tx.update(r);
            if (acpiChange) {
                ops.policies.acpiChanged(tx, r);
            }
            ops.notifications.events().updated(tx, r, given.keySet());
            Object content = switch (rcn) {
                case NOTHING -> null;
                case MODIFIED_ATTRIBUTES -> {
                    Map<String, Object> all = r.representation(type);
                    Map<String, Object> modified = new LinkedHashMap<>();
                    for (String k : given.keySet()) {
                        modified.put(k, all.get(k));
                    }
                    modified.put("lt", all.get("lt"));
                    if (type.hasStateTag()) {
                        modified.put("st", all.get("st"));
                    }
                    yield Map.of(type.rootElement(), modified);
                }
                default -> ops.representations.attributes(r);
            };
            ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.UPDATED, content);
            rsp.entityTag = ConditionalRequests.entityTag(r);
            rsp.lastModified = r.lt;
            return rsp;
        });
    }

    /**
     * Notification targets an Update adds to a subscription are verified like those of a Create, before the update
     * and without holding a lock (shared/spec §10.6).
     */
    private void verifyNewTargets(RequestPrimitive req) {
        if (!(req.content instanceof Map<?, ?> m) || !(m.get("m2m:sub") instanceof Map<?, ?> sub) || sub.get("nu") == null) {
            return;
        }
        Resource current = ops.store.read(tx -> {
            Resource r = ops.resolver.resolve(tx, req.to).resource();
            ops.requireAccess(tx, req, Permission.UPDATE, r);
            return r.ty == ResourceTypes.SUBSCRIPTION ? r : null;
        });
        if (current == null) {
            return;
        }
        ResourceType type = ops.types.require(current.ty);
        Map<String, Object> given = AttributeValidator.forUpdate(type, req.content, Operations.fromText(req));
        List<String> added = new java.util.ArrayList<>();
        if (given.get("nu") instanceof List<?> nu) {
            for (Object entry : nu) {
                if (!CreateOperation.nuList(current).contains(entry)) {
                    added.add((String) entry);
                }
            }
        }
        ops.notifications.verify(current, req, added);
    }

    /** Whether the Content of the update names the attribute (before it is validated: access depends on it). */
    private static boolean names(ResourceType type, Object content, String sn) {
        return content instanceof Map<?, ?> root && root.get(type.rootElement()) instanceof Map<?, ?> attributes
                && attributes.containsKey(sn);
    }

    @SuppressWarnings("unchecked")
    private static void apply(Resource r, Map<String, Object> given, Instant now, Resource parent) {
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "et" -> {
                    if (v == null) {
                        throw OneM2MException.badRequest("et cannot be deleted");
                    }
                    Instant et = (Instant) v;
                    if (!et.isAfter(now)) {
                        throw OneM2MException.badRequest("et lies in the past");
                    }
                    r.et = parent != null && parent.et != null && et.isAfter(parent.et) ? parent.et : et;
                }
                case "lbl" -> {
                    r.lbl.clear();
                    if (v != null) {
                        r.lbl.addAll((List<String>) v);
                    }
                }
                default -> {
                    if (v == null) {
                        r.attributes.remove(e.getKey());
                    } else {
                        r.attributes.put(e.getKey(), v);
                    }
                }
            }
        }
    }
}
