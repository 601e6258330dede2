package io.keel.core.operation;

import io.keel.core.access.AccessDecision;
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
import io.keel.core.filter.FilteredSearch;
import io.keel.core.store.Visibility;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.core.Identifiers;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkedDescriptor;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import java.util.List;
import java.util.Map;

/**
 * A request to a group's semanticFanOutPoint, {@code <group>/sfop} (TS-0004 7.4.35, 7.3.3.19.2): only a Retrieve, of a
 * group whose semanticSupportIndicator is true, allowed by the group's macp (else its acpi) as through fopt.
 *
 * <ul>
 * <li>With sqi true, the semantic query with explicit scope: one SPARQL evaluation over the union of the descriptors
 * at and below the members that the originator may retrieve (a pattern may join triples of two members), answered as
 * {@link SemanticQueryOperation} answers (m2m:qres). The descriptors of members on this CSE are read from its store;
 * those of members on other CSEs are retrieved from there as the originator (a discovery of the descriptors below
 * the member, then a Retrieve of each, {@link RemoteDescriptors}), and joined to them in the one evaluation. A member
 * that cannot be read is TARGET_NOT_REACHABLE (5103): an answer over part of the data basis would be a wrong one.</li>
 * <li>Otherwise, with fu 1 and smf, semantic discovery over the members: each member and the resources below it that
 * meet the filter criteria and that the originator may discover. Each descriptor is matched on its own (with the
 * descriptors it links, TS-0004 7.3.3.18, those of other CSEs read first), so a member on another CSE is asked the same
 * discovery as the originator, and its CSE's answer, made SP-relative, joins the list. A member whose CSE does not
 * answer it leaves the list partial: the answer says so with contentStatus PARTIAL_CONTENT.</li>
 * </ul>
 */
public final class SemanticFanOutOperation {
    private final OperationContext ctx;
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher;
    private final RemoteDescriptors remote;
    private final FollowedLinks links;
    private final QueryDataBasis basis;

    /** @param dispatcher handles the requests to members of other CSEs as any other request (forwarding them) */
    public SemanticFanOutOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.remote = new RemoteDescriptors(dispatcher, ctx.search.semanticQuery().limits());
        this.links = FollowedLinks.of(ctx, remote);
        this.basis = new QueryDataBasis(ctx, remote);
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
        SemanticDiscovery.check(req.filterCriteria); // 4143 before anything is looked up
        if (!Boolean.TRUE.equals(group.get(GroupType.SEMANTIC_SUPPORT_INDICATOR))) {
            // TS-0004 7.4.35.2.2 after Recv-6.2; a group stored before Keel generated ssi gets it with its next update.
            throw OneM2MException.notAllowed(group.srn + " has no semanticSupportIndicator true: update the group once");
        }
        Permission permission = query ? Permission.RETRIEVE : Permission.DISCOVERY;
        AccessDecision decision = ctx.access.decideFanOut(tx.tree(), req, permission, group);
        if (!decision.granted()) {
            String why = decision.refusal();
            throw OneM2MException.noPrivilege("originator " + req.from + " has no " + permission.name().toLowerCase()
                    + " privilege on the members of " + group.srn + " (macp, else acpi)" + (why == null ? "" : ": " + why));
        }
        List<Resource> members = new ArrayList<>();
        List<String> remoteMembers = new ArrayList<>();
        sortMembers(tx, members(group), members, remoteMembers);
        if (!query) {
            Set<String> linked = linkedElsewhere(tx, req, members);
            if (linked.isEmpty()) {
                Found local = discover(tx, req, members, FetchedDescriptors.NONE);
                return remoteMembers.isEmpty() ? OperationHandler.Prepared.answered(page(req, local))
                        : () -> discoverRemote(req, remoteMembers).thenApply(far -> page(req, local.with(far)));
            }
            return () -> links.read(req, linked, LinkMethod.MATCHING, FollowedLinks.OnFailure.SKIP).thenCompose(fetched -> {
                Found local = ctx.store.read(t -> discover(t, req, members, fetched));
                return remoteMembers.isEmpty() ? CompletableFuture.completedFuture(page(req, local))
                        : discoverRemote(req, remoteMembers).thenApply(far -> page(req, local.with(far)));
            });
        }
        QueryDataBasis.Scope scope = basis.scope(tx, req, members);
        return basis.answer(tx, req, scope, remoteMembers.isEmpty() ? null : () -> queryRemote(req, remoteMembers));
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(Resource group) {
        Object mid = group.get(GroupType.MEMBER_IDS);
        return mid instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** The members stored here, and those of other CSEs; one that no longer exists has no descriptors. */
    private void sortMembers(Transaction tx, List<String> mid, List<Resource> local, List<String> remoteMembers) {
        for (String member : mid) {
            Route route;
            try {
                route = ctx.router.route(tx, member);
            } catch (OneM2MException gone) {
                continue;
            }
            if (route instanceof Route.Remote) {
                remoteMembers.add(member);
            } else if (route instanceof Route.Local l) {
                local.add(l.resource());
            }
        }
    }

    /**
     * The descriptors of the members of other CSEs, by address, with all they link (TS-0004 7.3.3.19: their
     * relatedSemantics or m2m:resourceDescriptorLink, as for a member here); 5103 when one cannot be read.
     */
    private CompletableFuture<FetchedDescriptors> queryRemote(RequestPrimitive req, List<String> remoteMembers) {
        List<CompletableFuture<Map<String, LinkedDescriptor>>> each = remoteMembers.stream().map(m -> remote.below(req, m)).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            Map<String, LinkedDescriptor> all = new LinkedHashMap<>();
            each.forEach(f -> all.putAll(f.join()));
            return basis.withLinks(req, all);
        });
    }

    /**
     * What each member of another CSE contributes, asked there as the originator with the same filter criteria: the
     * member itself when a conditional Retrieve of it (fu 2) finds it meets them, then what a discovery below it finds,
     * from the first result on (this CSE pages the joined list); the addresses made SP-relative.
     */
    private CompletableFuture<Found> discoverRemote(RequestPrimitive req, List<String> remoteMembers) {
        FilterCriteria below = req.filterCriteria.copy();
        below.offset = null;
        below.limit = wanted(below);
        FilterCriteria itself = req.filterCriteria.copy();
        itself.filterUsage = FilterUsage.CONDITIONAL_RETRIEVAL;
        itself.offset = null;
        itself.limit = null;
        itself.level = null;
        boolean unstructured = req.desiredIdResultType == DesiredIdResultType.UNSTRUCTURED;
        List<CompletableFuture<Found>> each = new ArrayList<>();
        for (String member : remoteMembers) {
            RequestPrimitive conditional = asked(req, member, itself);
            conditional.resultContent = ResultContent.ATTRIBUTES;
            conditional.desiredIdResultType = null;
            CompletableFuture<Found> self = dispatcher.apply(conditional).thenApply(rsp -> rsp.responseStatusCode == ResponseStatusCode.OK
                    ? new Found(List.of(memberEntry(member, rsp, unstructured)), false) : new Found(List.of(), unanswered(rsp)));
            CompletableFuture<Found> under = dispatcher.apply(asked(req, member, below)).thenApply(rsp -> rsp.responseStatusCode
                    == ResponseStatusCode.OK ? new Found(remoteEntries(member, rsp), rsp.contentStatus == ContentStatus.PARTIAL_CONTENT)
                    : new Found(List.of(), unanswered(rsp)));
            each.add(self.thenCombine(under, Found::with));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Found all = new Found(List.of(), false);
            for (CompletableFuture<Found> f : each) {
                all = all.with(f.join());
            }
            return all;
        });
    }

    private static RequestPrimitive asked(RequestPrimitive req, String member, FilterCriteria fc) {
        RequestPrimitive asked = req.copy();
        asked.to = member;
        asked.filterCriteria = fc;
        asked.requestIdentifier = "sfop-" + Identifiers.random(12);
        asked.groupRequestIdentifier = null;
        asked.semanticQueryIndicator = null;
        return asked;
    }

    /**
     * An answer other than a result: the originator may not discover there (4103) or nothing there meets the criteria
     * or exists (4004), which leaves nothing out, as for a member here; otherwise the member may have matches this
     * answer lacks.
     */
    private static boolean unanswered(ResponsePrimitive rsp) {
        return rsp.responseStatusCode != ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE
                && rsp.responseStatusCode != ResponseStatusCode.NOT_FOUND;
    }

    /** A member of another CSE that meets the criteria: its ID as mid names it, or its ri there when drt is 2. */
    private static Found.Entry memberEntry(String member, ResponsePrimitive rsp, boolean unstructured) {
        Map<?, ?> resource = rsp.content instanceof Map<?, ?> m && m.size() == 1 && m.values().iterator().next() instanceof Map<?, ?> r
                ? r : Map.of();
        String address = unstructured && resource.get("ri") != null
                ? RemoteDescriptors.address(member, String.valueOf(resource.get("ri"))) : member;
        Map<String, Object> reference = new LinkedHashMap<>();
        if (resource.get("rn") != null) {
            reference.put("nm", resource.get("rn"));
        }
        if (resource.get("ty") != null) {
            reference.put("typ", resource.get("ty"));
        }
        reference.put("val", address);
        return new Found.Entry(null, address, reference);
    }

    /** The resources a member's CSE found: m2m:uril, or m2m:rrl (rcn 8) references; their addresses as this CSE's. */
    private static List<Found.Entry> remoteEntries(String member, ResponsePrimitive rsp) {
        List<Found.Entry> out = new ArrayList<>();
        if (rsp.content instanceof Map<?, ?> m && m.get("m2m:rrl") instanceof Map<?, ?> rrl && rrl.get("rrf") instanceof List<?> refs) {
            for (Object r : refs) {
                if (r instanceof Map<?, ?> ref && ref.get("val") != null) {
                    Map<String, Object> reference = new LinkedHashMap<>();
                    ref.forEach((k, v) -> reference.put(String.valueOf(k), v));
                    reference.put("val", RemoteDescriptors.address(member, String.valueOf(ref.get("val"))));
                    out.add(new Found.Entry(null, (String) reference.get("val"), reference));
                }
            }
            return out;
        }
        RemoteDescriptors.uris(rsp).forEach(u -> {
            String address = RemoteDescriptors.address(member, u);
            out.add(new Found.Entry(null, address, Map.of("val", address)));
        });
        return out;
    }

    /** What a discovery found, in member order, and whether there may be more than it holds. */
    private record Found(List<Entry> entries, boolean cut) {
        /** A local resource, or the address of one on another CSE (and its reference, as that CSE gave it). */
        record Entry(Resource local, String address, Map<String, Object> reference) {
        }

        Found with(Found more) {
            List<Entry> all = new ArrayList<>(entries);
            all.addAll(more.entries);
            return new Found(all, cut || more.cut);
        }
    }

    private int wanted(FilterCriteria fc) {
        int max = ctx.cse.maxResultSize();
        int limit = fc.limit == null ? max : Math.min(fc.limit, max);
        int skip = fc.offset == null ? 0 : fc.offset - 1;
        return skip + limit + 1;
    }

    /**
     * The addresses of descriptors of other CSEs that the descriptors at and below the local members link (TS-0004
     * 7.3.3.18), to be read before the members are matched, as a discovery targeting one reads them.
     */
    private Set<String> linkedElsewhere(Transaction tx, RequestPrimitive req, List<Resource> members) {
        FilterCriteria fc = req.filterCriteria;
        Visibility visible = ctx.visible(tx.tree(), req, Permission.DISCOVERY);
        Set<String> out = new LinkedHashSet<>();
        for (Resource member : members) {
            out.addAll(ctx.search.remoteLinks(tx, member, fc, visible, fc.level == null ? null : member.depth() + fc.level));
        }
        return out;
    }

    /**
     * Each local member that meets the filter criteria and that the originator may discover, then the resources below
     * it that do, as a discovery targeting it finds them; each once, in member order, at most as many as a page needs.
     * {@code fetched} holds the descriptors of other CSEs their descriptors link.
     */
    private Found discover(Transaction tx, RequestPrimitive req, List<Resource> members, FetchedDescriptors fetched) {
        FilterCriteria fc = req.filterCriteria;
        int wanted = wanted(fc);
        Visibility visible = ctx.visible(tx.tree(), req, Permission.DISCOVERY);
        Map<String, Resource> found = new LinkedHashMap<>();
        boolean cut = false;
        for (Resource member : members) {
            if (found.size() >= wanted) {
                break;
            }
            if (ctx.access.allows(tx.tree(), req, Permission.DISCOVERY, member) && ctx.search.matches(tx, member, fc, visible, fetched)) {
                found.putIfAbsent(member.ri, member);
            }
            Integer maxDepth = fc.level == null ? null : member.depth() + fc.level;
            FilteredSearch.Found below = ctx.search.discover(tx, member, fc, visible, maxDepth, 0, wanted, true, fetched);
            cut |= below.scanCut();
            below.resources().forEach(r -> found.putIfAbsent(r.ri, r));
        }
        return new Found(found.values().stream().map(r -> new Found.Entry(r, null, null)).toList(), cut);
    }

    /** ofst and lim (at most the CSE's maximum result size) page through the list. */
    private ResponsePrimitive page(RequestPrimitive req, Found found) {
        FilterCriteria fc = req.filterCriteria;
        int max = ctx.cse.maxResultSize();
        int limit = fc.limit == null ? max : Math.min(fc.limit, max);
        int skip = fc.offset == null ? 0 : fc.offset - 1;
        List<Found.Entry> all = found.entries();
        int from = Math.min(skip, all.size());
        boolean more = all.size() - from > limit;
        List<Found.Entry> result = all.subList(from, Math.min(from + limit, all.size()));
        boolean unstructured = req.desiredIdResultType == DesiredIdResultType.UNSTRUCTURED;
        Object content;
        if (req.resultContent == ResultContent.CHILD_RESOURCE_REFERENCES) {
            content = Map.of("m2m:rrl", Map.of("rrf", result.stream().map(e -> e.local() == null
                    ? e.reference() : e.local().reference(unstructured)).toList()));
        } else {
            content = Map.of("m2m:uril", result.stream().map(e -> e.local() == null ? e.address()
                    : unstructured ? e.local().ri : e.local().srn).toList());
        }
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, content);
        if (found.cut() || (more && limit == max)) {
            rsp.contentStatus = ContentStatus.PARTIAL_CONTENT; // there may be more than the CSE looked at or answers
        }
        return rsp;
    }
}
