package io.keel.core.operation;

import io.keel.core.access.Permission;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.GroupType;
import io.keel.core.routing.Route;
import io.keel.core.semantic.SemanticDiscovery;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import io.keel.primitive.SerializedText;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.store.Visibility;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request to a group's semanticFanOutPoint, {@code <group>/sfop} (TS-0004 7.4.35, 7.3.3.19.2): only a Retrieve,
 * allowed by the group's macp (else its acpi) as through fopt.
 *
 * <ul>
 * <li>With sqi true, the semantic query with explicit scope: one SPARQL evaluation over the union of the descriptors
 * at and below the members that the originator may retrieve (a pattern may join triples of two members), answered as
 * {@link SemanticQueryOperation} answers (m2m:qres).</li>
 * <li>Otherwise, with fu 1 and smf, semantic discovery over the members: each member and the resources below it that
 * meet the filter criteria and that the originator may discover. Each descriptor is matched on its own, as in a
 * discovery below any target (TS-0004 7.3.3.18); the union of the descriptors is what a query evaluates.</li>
 * </ul>
 *
 * <p>The members' descriptors are read from this CSE's store, in the transaction that routed the request, rather than
 * retrieved by fanned-out requests: a member on another CSE is 5001, as an answer over part of the data basis would
 * be a wrong one, not a partial one. A member that no longer exists has no descriptors.
 */
public final class SemanticFanOutOperation {
    private final OperationContext ctx;

    public SemanticFanOutOperation(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** In the read transaction that routed the request. */
    public OperationHandler.Prepared prepare(Transaction tx, RequestPrimitive req, Resource group) {
        if (req.operation != Operation.RETRIEVE) {
            // TS-0004 7.4.35.2.1, 7.4.35.2.3, 7.4.35.2.4: sfop is neither created, updated nor deleted through the API.
            throw OneM2MException.notAllowed(GroupType.SEMANTIC_FAN_OUT_POINT + " takes only a Retrieve (TS-0004 7.4.35.2)");
        }
        boolean query = Boolean.TRUE.equals(req.semanticQueryIndicator);
        if (!query && (!req.isDiscovery() || req.filterCriteria.semanticsFilter.isEmpty())) {
            throw OneM2MException.badRequest("a Retrieve of " + GroupType.SEMANTIC_FAN_OUT_POINT
                    + " is a semantic query (sqi=true) or a semantic discovery (fu=1 with smf)");
        }
        SemanticDiscovery.check(req.filterCriteria.semanticsFilter); // 4143 before anything is looked up
        Permission permission = query ? Permission.RETRIEVE : Permission.DISCOVERY;
        if (!ctx.access.allowsFanOut(tx.tree(), req, permission, group)) {
            String why = ctx.access.refusal();
            throw OneM2MException.noPrivilege("originator " + req.from + " has no " + permission.name().toLowerCase()
                    + " privilege on the members of " + group.srn + " (macp, else acpi)" + (why == null ? "" : ": " + why));
        }
        List<Resource> members = localMembers(tx, members(group));
        if (!query) {
            return OperationHandler.Prepared.answered(discover(tx, req, members));
        }
        SerializedText result = ctx.search.semanticQuery().answer(tx.search(), tx.semantics(), members,
                ctx.visible(tx.tree(), req, Permission.RETRIEVE), req.filterCriteria.semanticsFilter.get(0));
        return OperationHandler.Prepared.answered(new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:qres", result)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(Resource group) {
        Object mid = group.get(GroupType.MEMBER_IDS);
        return mid instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** The members stored here; one that no longer exists has no descriptors. */
    private List<Resource> localMembers(Transaction tx, List<String> members) {
        List<Resource> roots = new ArrayList<>();
        for (String member : members) {
            Route route;
            try {
                route = ctx.router.route(tx, member);
            } catch (OneM2MException gone) {
                continue;
            }
            if (route instanceof Route.Remote) {
                throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "member " + member
                        + " is on another CSE: " + GroupType.SEMANTIC_FAN_OUT_POINT
                        + " evaluates the descriptors of members on this CSE only");
            }
            if (route instanceof Route.Local local) {
                roots.add(local.resource());
            }
        }
        return roots;
    }

    /**
     * Each local member that meets the filter criteria and that the originator may discover, then the resources below
     * it that do, as a discovery targeting it finds them; each once, in member order; ofst and lim (at most the CSE's
     * maximum result size) page through that list.
     */
    private ResponsePrimitive discover(Transaction tx, RequestPrimitive req, List<Resource> members) {
        FilterCriteria fc = req.filterCriteria;
        int max = ctx.cse.maxResultSize();
        int limit = fc.limit == null ? max : Math.min(fc.limit, max);
        int skip = fc.offset == null ? 0 : fc.offset - 1;
        int wanted = skip + limit + 1;
        Visibility visible = ctx.visible(tx.tree(), req, Permission.DISCOVERY);
        Map<String, Resource> found = new LinkedHashMap<>();
        boolean cut = false;
        for (Resource member : members) {
            if (found.size() >= wanted) {
                break;
            }
            if (ctx.access.allows(tx.tree(), req, Permission.DISCOVERY, member) && ctx.search.matches(tx, member, fc, visible)) {
                found.putIfAbsent(member.ri, member);
            }
            Integer maxDepth = fc.level == null ? null : member.depth() + fc.level;
            FilteredSearch.Found below = ctx.search.discover(tx, member, fc, visible, maxDepth, 0, wanted, true);
            cut |= below.scanCut();
            below.resources().forEach(r -> found.putIfAbsent(r.ri, r));
        }
        List<Resource> all = new ArrayList<>(found.values());
        int from = Math.min(skip, all.size());
        boolean more = all.size() - from > limit;
        List<Resource> result = all.subList(from, Math.min(from + limit, all.size()));
        boolean unstructured = req.desiredIdResultType == DesiredIdResultType.UNSTRUCTURED;
        Object content;
        if (req.resultContent == ResultContent.CHILD_RESOURCE_REFERENCES) {
            content = Map.of("m2m:rrl", Map.of("rrf", result.stream().map(r -> r.reference(unstructured)).toList()));
        } else {
            content = Map.of("m2m:uril", result.stream().map(r -> unstructured ? r.ri : r.srn).toList());
        }
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, content);
        if (cut || (more && limit == max)) {
            rsp.contentStatus = ContentStatus.PARTIAL_CONTENT; // there may be more than the CSE looked at or answers
        }
        return rsp;
    }
}
