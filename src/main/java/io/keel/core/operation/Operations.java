package io.keel.core.operation;

import io.keel.core.Clock;
import io.keel.core.Outbound;
import io.keel.core.notification.NotificationSettings;
import io.keel.core.notification.Notifications;
import io.keel.core.CseIdentity;
import io.keel.core.Representations;
import io.keel.core.Target;
import io.keel.core.TargetResolver;
import io.keel.core.access.AccessPolicy;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.access.Permission;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.resource.References;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.persistence.ResourceStore;
import io.keel.persistence.TreeTransaction;
import io.keel.persistence.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** What every operation needs: the tree, the types, target resolution, access control and representations. */
public final class Operations {
    final CseIdentity cse;
    final ResourceStore store;
    final ResourceTypes types;
    final TargetResolver resolver;
    final AccessPolicy access;
    final Representations representations;
    final GoverningPolicies policies;
    final Clock clock;
    final Notifications notifications;
    final FilteredSearch search;

    public Operations(CseIdentity cse, ResourceStore store, ResourceTypes types, AccessPolicy access, Clock clock,
                      Outbound outbound, NotificationSettings notificationSettings) {
        this.cse = cse;
        this.store = store;
        this.types = types;
        this.resolver = new TargetResolver(cse, types);
        this.access = access;
        this.search = new FilteredSearch(cse.contentScanMax());
        this.representations = new Representations(types, cse.maxResultSize(), search);
        this.policies = new GoverningPolicies(types);
        this.clock = clock;
        this.notifications = new Notifications(cse, store, resolver, representations, access, outbound, clock,
                notificationSettings);
    }

    public Notifications notifications() {
        return notifications;
    }

    void requireAccess(TreeTransaction tx, RequestPrimitive req, Permission permission, Resource target) {
        if (!access.allows(tx, req, permission, target)) {
            throw OneM2MException.noPrivilege("originator " + req.from + " has no " + permission.name().toLowerCase()
                    + " privilege on " + target.srn);
        }
    }

    /** Other resources as the request's originator sees them, for the hooks of resource types. */
    References references(TreeTransaction tx, RequestPrimitive req) {
        return new References() {
            @Override
            public Target local(String id) {
                try {
                    return resolver.resolve(tx, id);
                } catch (OneM2MException e) {
                    if (e.rsc() == ResponseStatusCode.TARGET_NOT_REACHABLE) {
                        return null; // another CSE's
                    }
                    throw e;
                }
            }

            @Override
            public boolean retrievable(Resource r) {
                return access.allows(tx, req, Permission.RETRIEVE, r);
            }
        };
    }

    /** Child lists show only the children the originator may retrieve; the predicate is built only when needed. */
    Supplier<Visibility> readableChildren(TreeTransaction tx, RequestPrimitive req) {
        return () -> access.visible(tx, req, Permission.RETRIEVE);
    }

    /** The Result Content of a request, its default for the operation, or 4000 when the operation does not allow it. */
    static ResultContent resultContent(RequestPrimitive req, ResultContent defaultValue, Set<ResultContent> allowed) {
        ResultContent rcn = req.resultContent == null ? defaultValue : req.resultContent;
        if (!allowed.contains(rcn)) {
            throw OneM2MException.badRequest("rcn " + rcn.value() + " is not valid for " + req.operation.name().toLowerCase());
        }
        return rcn;
    }

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
    void requireMatch(TreeTransaction tx, RequestPrimitive req, Resource target) {
        FilterCriteria fc = req.filterCriteria;
        if (fc == null) {
            return;
        }
        if (fc.filterUsageOrDefault() != FilterUsage.CONDITIONAL_RETRIEVAL) {
            throw new OneM2MException(fc.filterUsage == FilterUsage.DISCOVERY ? ResponseStatusCode.BAD_REQUEST
                    : ResponseStatusCode.NOT_IMPLEMENTED, "filterUsage " + fc.filterUsage.value() + " is not valid for this request");
        }
        FilterCriteriaCheck.check(fc, types);
        if (!search.matches(tx, target, fc)) {
            throw OneM2MException.notFound("the target does not meet the filter criteria");
        }
    }

    /** A contentInstance cannot be read or deleted while its container disables retrieval (disr). */
    static void checkRetrievalEnabled(Resource container) {
        if (container != null && container.ty == ResourceTypes.CONTAINER && Boolean.TRUE.equals(container.get("disr"))) {
            throw OneM2MException.notAllowed("retrieval of the container's instances is disabled (disr=true)");
        }
    }
}
