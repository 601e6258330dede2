package io.keel.core.operation;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.Representations;
import io.keel.core.announcement.Announcements;
import io.keel.core.access.AccessDecision;
import io.keel.core.access.AccessPolicy;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.access.Permission;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.management.ManagementActions;
import io.keel.core.management.ManagementTransaction;
import io.keel.core.notification.NotificationService;
import io.keel.core.resource.NotificationTargetRemoval;
import io.keel.core.resource.References;
import io.keel.core.resource.RemoteResources;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.Viewer;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every operation works with, built once by the CSE: the store, the types, the router, access control,
 * representations, filtered search and notifications; and the checks operations share.
 */
public final class OperationContext {
    final CseIdentity cse;
    final ResourceStore store;
    final TypeRegistry types;
    final Router router;
    final AccessPolicy access;
    final Representations representations;
    final GoverningPolicies policies;
    final FilteredSearch search;
    final NotificationService notifications;
    /** Resources of other CSEs, retrieved through forwarding; set by the composition (none until then). */
    private volatile RemoteResources remote = RemoteResources.NONE;
    /** What the CSE does after a {@code <remoteCSE>} was removed; set by the composition (nothing until then). */
    private volatile Runnable remoteCseRemoved = () -> { };
    /** Management actions on devices; set by the composition (none until then: every device unreachable). */
    private volatile ManagementActions management;
    /** The removal of notification targets at their request; set by the composition (none until then: refused). */
    private volatile NotificationTargetRemoval targetRemoval = (req, sub) -> {
        throw OneM2MException.notAllowed("this CSE removes no notification target at its request");
    };
    final Clock clock;
    final Announcements announcements;

    public OperationContext(CseIdentity cse, ResourceStore store, TypeRegistry types, Router router, AccessPolicy access,
                            Representations representations, FilteredSearch search, NotificationService notifications,
                            Clock clock) {
        this(cse, store, types, router, access, representations, search, notifications, clock, Announcements.NONE);
    }

    public OperationContext(CseIdentity cse, ResourceStore store, TypeRegistry types, Router router, AccessPolicy access,
                            Representations representations, FilteredSearch search, NotificationService notifications,
                            Clock clock, Announcements announcements) {
        this.cse = cse;
        this.announcements = announcements;
        this.store = store;
        this.types = types;
        this.router = router;
        this.access = access;
        this.representations = representations;
        this.policies = new GoverningPolicies(types);
        this.search = search;
        this.notifications = notifications;
        this.clock = clock;
        search.linksWith(new RoutedDescriptorLinks(router)); // relatedSemantics in semantic discovery
    }

    /** Who this CSE is. */
    /** Whom a response's representations are for: the CSE's own view for the admin originator and the CSE itself. */
    Viewer viewer(RequestPrimitive req) {
        return req.from == null || req.from.equals(cse.adminOriginator()) || req.from.equals(cse.cseId())
                ? Viewer.CSE : new Viewer(req.from);
    }

    /** The access decisions, also for what the dispatcher adds to answers (Assigned Token Identifiers). */
    public AccessPolicy access() {
        return access;
    }

    public CseIdentity cse() {
        return cse;
    }

    public NotificationService notifications() {
        return notifications;
    }

    /** 4103 unless the originator has the permission on the resource (TS-0004 7.3.3.15). */
    void requireAccess(ResourceTree tree, RequestPrimitive req, Permission permission, Resource target) {
        AccessDecision decision = access.decide(tree, req, permission, target);
        if (!decision.granted()) {
            String why = decision.refusal();
            Map<String, Object> tqf = Boolean.TRUE.equals(req.tokenRequestIndicator)
                    ? access.tokenRequestInformation(tree, req, permission, target) : null;
            if (tqf != null) {
                throw new io.keel.primitive.TokenRequestRefusal("originator " + req.from + " has no " + permission.name().toLowerCase()
                        + " privilege on " + target.srn + "; it may request tokens from the servers the response names", tqf);
            }
            throw OneM2MException.noPrivilege("originator " + req.from + " has no " + permission.name().toLowerCase()
                    + " privilege on " + target.srn + (why == null ? "" : ": " + why));
        }
    }

    /**
     * The stored resource a Retrieve or Delete acts on, once the originator's privilege is checked: the routed resource
     * when it may be read now, or the one a virtual child stands for ({@code la}); null when the virtual child stands
     * for none ({@code pcu}).
     */
    Resource actedOn(ResourceTree tree, RequestPrimitive req, Route route, Operation op) {
        if (route instanceof Route.Virtual v) {
            // What la/ol stand for is found before access is decided, as a stored target is, and must be readable as
            // that target must (TS-0004 7.4.27.2.2: Recv-6.2, then Recv-6.3 with disr).
            Resource standsFor = v.child().standsFor(tree, v.parent());
            requireVirtualAccess(tree, req, v, op);
            if (standsFor != null) {
                types.typeOf(standsFor).checkReadable(tree, standsFor);
            }
            return standsFor;
        }
        Resource r = route.resource();
        requireAccess(tree, req, Permission.of(op), r);
        ResourceType type = types.typeOf(r);
        type.checkOriginator(tree, req, r);
        type.checkReadable(tree, r);
        return r;
    }

    /** The privilege an operation on a virtual child needs on its parent, and the child's own rule on originators. */
    void requireVirtualAccess(ResourceTree tree, RequestPrimitive req, Route.Virtual v, Operation op) {
        Permission permission = v.child().permission(op);
        if (permission != null) {
            requireAccess(tree, req, permission, v.parent());
        }
        v.child().checkOriginator(req, v.parent());
    }

    /** Other resources as the request's originator sees them, for the hooks of resource types. */
    /** How types reach resources of other CSEs before their transaction (a group's remote members). */
    public void remoteWith(RemoteResources remote) {
        this.remote = remote;
    }

    RemoteResources remote() {
        return remote;
    }

    /** How a notification target leaves a subscription through its ntsr (TS-0004 7.4.33.2.4). */
    public void targetRemovalWith(NotificationTargetRemoval removal) {
        this.targetRemoval = removal;
    }

    NotificationTargetRemoval targetRemoval() {
        return targetRemoval;
    }

    /** How types start management actions on devices (TS-0004 7.3.4). */
    public void managementWith(ManagementActions management) {
        this.management = management;
    }

    /** The management actions as the hooks of a write transaction see them. */
    ManagementTransaction management(Transaction tx) {
        ManagementActions m = management;
        return m == null ? ManagementTransaction.none() : m.in(tx);
    }

    /** Run after each committed transaction that removed a {@code <remoteCSE>}, however it was removed. */
    public void onRemoteCseRemoved(Runnable removed) {
        this.remoteCseRemoved = removed;
    }

    Runnable remoteCseRemoved() {
        return remoteCseRemoved;
    }

    References references(ResourceTree tree, RequestPrimitive req) {
        return references(tree, req, Map.of());
    }

    /** @param retrieved resources of other CSEs retrieved before the transaction, by ID */
    References references(ResourceTree tree, RequestPrimitive req, Map<String, RemoteResources.Retrieved> retrieved) {
        return new References() {
            @Override
            public RemoteResources.Retrieved retrieved(String id) {
                return retrieved.get(id);
            }

            @Override
            public Route route(String id) {
                return router.route(tree, id);
            }

            @Override
            public boolean retrievable(Resource r) {
                return access.allows(tree, req, Permission.RETRIEVE, r);
            }

            @Override
            public void requirePolicies(Object ids) {
                GoverningPolicies.checkReferences(tree, ids);
            }
        };
    }

    /** Child lists show only the children the originator may retrieve; the predicate is built only when needed. */
    Supplier<Visibility> readableChildren(Transaction tx, RequestPrimitive req) {
        return () -> visible(tx.tree(), req, Permission.RETRIEVE);
    }

    /** What the originator may see with the permission, less what nobody is shown (disr). */
    Visibility visible(ResourceTree tree, RequestPrimitive req, Permission permission) {
        return access.visible(tree, req, permission).hiding(types.hiddenChildren());
    }

    /** The Result Content of a request, its default for the operation, or 4000 when the operation does not allow it. */
    static ResultContent resultContent(RequestPrimitive req, ResultContent defaultValue, Set<ResultContent> allowed) {
        ResultContent rcn = req.resultContent == null ? defaultValue : req.resultContent;
        if (!allowed.contains(rcn)) {
            throw OneM2MException.badRequest("rcn " + rcn.value() + " is not valid for " + req.operation.name().toLowerCase());
        }
        return rcn;
    }

    /** Whether the attribute values came as text (XML), which the validator converts to their types. */
    static boolean fromText(RequestPrimitive req) {
        return req.contentSerialization == Serialization.XML;
    }

    /** Puts a resource's type-specific attributes back in the order its type declares them. */
    static void orderAttributes(ResourceType type, Resource r) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        type.specificAttributes().forEach(d -> {
            if (r.attributes.containsKey(d.sn())) {
                ordered.put(d.sn(), r.attributes.get(d.sn()));
            }
        });
        r.attributes.forEach(ordered::putIfAbsent);
        r.attributes = ordered;
    }

    /**
     * Conditional operation (filterUsage 2, the default): the target must meet the filter conditions, else 4004
     * (TS-0004 7.3.3.1). Other filter usages are not for Update and Delete.
     */
    void requireMatch(Transaction tx, RequestPrimitive req, Resource target) {
        requireMatch(tx, req, target, FetchedDescriptors.NONE);
    }

    /**
     * The same, with the descriptors of other CSEs the target's descriptors link as read before ({@link FilterLinks}):
     * when one could not be read and the target does not meet the conditions without it, whether it meets them is not
     * known: TARGET_NOT_REACHABLE (5103) naming it, rather than a 4004 that may be wrong (TS-0004 7.3.3.18).
     */
    void requireMatch(Transaction tx, RequestPrimitive req, Resource target, FetchedDescriptors fetched) {
        FilterCriteria fc = req.filterCriteria;
        if (fc == null) {
            return;
        }
        if (fc.filterUsageOrDefault() != FilterUsage.CONDITIONAL_RETRIEVAL) {
            throw new OneM2MException(fc.filterUsage == FilterUsage.DISCOVERY ? ResponseStatusCode.BAD_REQUEST
                    : ResponseStatusCode.NOT_IMPLEMENTED, "filterUsage " + fc.filterUsage.value() + " is not valid for this request");
        }
        FilterCriteriaCheck.check(fc, types);
        FilteredSearch.Condition met = search.condition(tx, target, fc, visible(tx.tree(), req, Permission.DISCOVERY), fetched);
        if (met.undecided()) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "whether the target meets the semanticsFilter"
                    + " depends on the linked descriptors " + String.join(", ", fetched.unavailable()) + " of another CSE,"
                    + " which could not be read");
        }
        if (!met.met()) {
            throw OneM2MException.notFound("the target does not meet the filter criteria");
        }
    }
}
