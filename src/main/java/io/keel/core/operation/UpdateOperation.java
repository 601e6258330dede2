package io.keel.core.operation;

import io.keel.core.access.GoverningPolicies;
import io.keel.core.resource.types.DynamicAuthorizationConsultationType;
import io.keel.core.access.Permission;
import io.keel.core.notification.BlockingUpdates;
import io.keel.core.resource.AttributeValidator;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.RemoteResources;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.routing.Route;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Update (TS-0004 7.3.3.4, 7.3.3.7): access is decided where the request was routed (a change of acpi by the policies'
 * selfPrivileges, TS-0001 9.6.1.3.2), the type's work before the transaction follows (new notification targets are
 * verified); then, with the resource locked: filter criteria, preconditions, only updatable attributes, null deletes
 * an optional one, st and lt advance.
 */
public final class UpdateOperation implements OperationHandler {
    private static final Set<ResultContent> ALLOWED =
            EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES, ResultContent.MODIFIED_ATTRIBUTES);
    private final OperationContext ctx;
    private final FilterLinks links;

    /** @param dispatcher reads the descriptors of other CSEs a semanticsFilter links (fu=2) */
    public UpdateOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.links = new FilterLinks(ctx, dispatcher);
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
    }

    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        Resource current = route.resource();
        ResourceType type = ctx.types.typeOf(current);
        // Refused at Recv-1.0, whoever asks (TS-0004 7.4.7.2.3, 7.4.27.2.3, 7.4.28.2.3).
        if (route instanceof Route.Virtual v) {
            throw v.child().refused(Operation.UPDATE);
        }
        if (!type.updatable()) {
            throw OneM2MException.notAllowed(type.rootElement() + " cannot be updated");
        }
        type.checkSyntax(Operation.UPDATE, type.sentAttributes(req.content));
        boolean acpiChange = type.hasAccessControlPolicyIds()
                && names(type, req.content, ResourceType.ACCESS_CONTROL_POLICY_IDS);
        if (acpiChange) {
            if (!ctx.access.allowsAcpiChange(tx.tree(), req, current)) {
                throw OneM2MException.noPrivilege("originator " + req.from + " may not change the acpi of " + current.srn
                        + ": that needs update in the selfPrivileges (pvs) of the policies it names now");
            }
        } else {
            ctx.requireAccess(tx.tree(), req, Permission.UPDATE, current);
            type.checkOriginator(tx.tree(), req, current);
        }
        // A request of a release that does not know cstn is refused by the attribute checks (4000), not here.
        if (type.attribute(ResourceType.CUSTODIAN) != null && type.attribute(ResourceType.CUSTODIAN).knownTo(req.releaseVersionIndicator)
                && names(type, req.content, ResourceType.CUSTODIAN)
                && !ctx.access.allowsCustodianChange(tx.tree(), req, current)) {
            throw OneM2MException.noPrivilege("originator " + req.from + " may not change the cstn (custodian) of " + current.srn
                    + ": only its custodian may, or its creator while it has none");
        }
        PendingWrite pending = type.worksBeforeTransaction()
                ? new PendingWrite(req, current, AttributeValidator.forUpdate(type, req.content, OperationContext.fromText(req),
                        req.releaseVersionIndicator), current.pi == null ? null : tx.tree().find(current.pi),
                        ctx.notifications, ctx.remote(), new java.util.concurrent.ConcurrentHashMap<>())
                : null;
        Resource blocking = ctx.notifications.blockingSubscription(tx, current, type.sentAttributes(req.content).keySet());
        if (blocking != null && pending == null) {
            // Only an Update that would be applied is put to the subscriber (TS-0001 table 9.6.8-3): invalid ones are 4000 first.
            AttributeValidator.forUpdate(type, req.content, OperationContext.fromText(req), req.releaseVersionIndicator);
        }
        Set<String> far = links.ofTarget(tx, req, current);
        return () -> {
            Supplier<ResponsePrimitive> work = () -> {
                // Before the write transaction, holding no lock: what other CSEs are asked.
                FetchedDescriptors fetched = links.read(req, far).join();
                if (pending != null) {
                    type.beforeTransaction(pending);
                }
                Map<String, RemoteResources.Retrieved> retrieved = pending == null ? Map.of() : pending.retrieved();
                return ctx.store.write(w -> update(w, req, current.ri, acpiChange, retrieved, fetched));
            };
            BlockingUpdates gates = ctx.notifications.blockingUpdates();
            // TS-0004 7.5.1.2.19: the subscriber decides before the Update is performed, no lock held while it decides;
            // other Updates of the resource wait meanwhile.
            return CompletableFuture.completedFuture(blocking == null ? gates.after(current.ri, work) : gates.blocked(current.ri, () -> {
                ctx.notifications.askBlockingSubscriber(blocking, req);
                return work.get();
            }));
        };
    }

    private ResponsePrimitive update(Transaction tx, RequestPrimitive req, String ri, boolean acpiChange,
                                     Map<String, RemoteResources.Retrieved> retrieved, FetchedDescriptors fetched) {
        ResourceTree tree = tx.tree();
        Resource r = tree.lock(ri);
        if (r == null) {
            throw OneM2MException.notFound("the resource was deleted meanwhile");
        }
        ResourceType type = ctx.types.typeOf(r);
        ctx.requireMatch(tx, req, r, fetched);
        ConditionalRequests.notModified(req.preconditions, r, Operation.UPDATE);
        Map<String, Object> given = AttributeValidator.forUpdate(type, req.content, OperationContext.fromText(req),
                req.releaseVersionIndicator);
        if (acpiChange) {
            if (given.size() > 1) {
                throw OneM2MException.badRequest("acpi must be the only attribute of its update (TS-0001 9.6.1.3.2)");
            }
            GoverningPolicies.checkReferences(tree, given.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        }
        DynamicAuthorizationConsultationType.checkReferences(tree, given.get(ResourceType.DYNAMIC_AUTHORIZATION_CONSULTATION_IDS));
        if (given.get("et") instanceof Instant et && r.et != null && et.isBefore(r.et)) {
            requireNoChildExpiringAfter(tx, r, et);
        }
        Instant now = ctx.clock.after(r.lt); // lt only advances, also when another CSE made the last change
        Object announcedTo = r.attributes.get(ResourceType.ANNOUNCE_TO);
        Map<String, Object> previous = new LinkedHashMap<>();
        given.keySet().stream().filter(r.attributes::containsKey).forEach(k -> previous.put(k, r.attributes.get(k)));
        apply(r, given, now, r.pi == null ? null : tree.find(r.pi));
        r.lt = now;
        if (type.hasStateTag()) {
            r.st++;
        }
        ResourceOperation op = new ResourceOperation(tx, req, ctx.cse, now, null, r, given, ctx.references(tree, req, retrieved), previous,
                ctx.management(tx));
        type.prepareUpdate(op);
        ctx.announcements.writing(tx, type, r, announcedTo);
        OperationContext.orderAttributes(type, r);
        tree.update(r);
        ctx.types.forEach(t -> t.afterAnyUpdate(op));
        if (acpiChange) {
            ctx.policies.acpiChanged(tx.policyIndex(), r);
        }
        ctx.notifications.events().updated(tx, r, given.keySet(), previous);
        op.created().forEach(c -> ctx.notifications.events().created(tx, c.parent(), c.child()));
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.ATTRIBUTES, ALLOWED);
        Object content = switch (rcn) {
            case NOTHING -> null;
            case MODIFIED_ATTRIBUTES -> {
                Map<String, Object> all = type.representation(r, ctx.viewer(req));
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
            default -> ctx.representations.attributes(r, ctx.viewer(req));
        };
        content = withAnswered(content, type, op.answered());
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.UPDATED, content);
        rsp.entityTag = ConditionalRequests.entityTag(r);
        rsp.lastModified = r.lt;
        return rsp;
    }

    /**
     * An et brought forward may not leave a child expiring after its parent (TS-0004 7.3.3.4): 4000 while one does.
     * The store keeps times to the microsecond, so "later" starts one microsecond after.
     */
    private static void requireNoChildExpiringAfter(Transaction tx, Resource r, Instant et) {
        FilterCriteria laterThanEt = new FilterCriteria();
        laterThanEt.expireAfter = et.plus(1, ChronoUnit.MICROS);
        List<Resource> child = tx.search().discoverReferences(r, laterThanEt, Visibility.EVERYTHING, r.depth() + 1, 0, 1);
        if (!child.isEmpty()) {
            throw OneM2MException.badRequest("et " + et + " is earlier than the et of the child " + child.get(0).srn
                    + "; bring the children's et forward first");
        }
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

    /** The response content with what the type answers but does not keep added to its representation. */
    @SuppressWarnings("unchecked")
    private static Object withAnswered(Object content, ResourceType type, Map<String, Object> answered) {
        if (answered.isEmpty() || !(content instanceof Map<?, ?> root) || !(root.get(type.rootElement()) instanceof Map<?, ?> rep)) {
            return content;
        }
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) rep);
        out.putAll(answered);
        return Map.of(type.rootElement(), out);
    }
}
