package io.keel.core.operation;

import io.keel.core.Target;
import io.keel.core.resource.AttributeValidator;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
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
        return ops.store.write(tx -> {
            Target target = ops.resolver.resolve(tx, req.to);
            Resource r = tx.lock(target.resource().ri);
            if (r == null) {
                throw OneM2MException.notFound("the resource was deleted meanwhile");
            }
            ops.requireAccess(tx, req, Operation.UPDATE, r);
            ops.requireMatch(tx, req, r);
            ConditionalRequests.notModified(req.preconditions, r, Operation.UPDATE);
            ResourceType type = ops.types.require(r.ty);
            if (target.isVirtual() || !type.updatable()) {
                throw OneM2MException.notAllowed((target.isVirtual() ? target.virtualChild() : type.rootElement())
                        + " cannot be updated");
            }
            Map<String, Object> given = AttributeValidator.forUpdate(type, req.content, Operations.fromText(req));
            Instant now = ops.clock.after(r.lt); // lt only advances, also when another CSE made the last change
            apply(r, given, now, r.pi == null ? null : tx.find(r.pi));
            r.lt = now;
            if (type.hasStateTag()) {
                r.st++;
            }
            type.prepareUpdate(new ResourceOperation(tx, req, ops.cse, now, null, r, given));
            Operations.orderAttributes(type, r);
            tx.update(r);
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
