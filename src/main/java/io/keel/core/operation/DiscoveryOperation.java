package io.keel.core.operation;

import io.keel.core.access.Permission;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.resource.Resource;
import io.keel.core.routing.Route;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.semantic.SemanticDiscovery;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Discovery: a Retrieve with filterUsage 1 (TS-0004 7.3.3.14, 7.3.3.17). One database query finds the
 * matching, discoverable resources below the target in a stable order (with a content filter, batches of candidates
 * the filter is tested on: {@link FilteredSearch}); {@code lim}/{@code ofst} page through the matches and the CSE's
 * maximum result size cuts what is left, reported as PARTIAL_CONTENT with the offset to resume at.
 *
 * <p>A semantic discovery whose descriptors link descriptors of other CSEs (TS-0004 7.3.3.18.1, 7.3.3.18.2) first
 * reads those, as the originator ({@link FollowedLinks}), then runs in a read transaction of its own. One that cannot
 * be read leaves out what it might have matched: the answer is then PARTIAL_CONTENT, as a semantic discovery through
 * sfop answers for a member whose CSE does not answer.
 */
public final class DiscoveryOperation implements OperationHandler {
    /**
     * The result contents of a discovery (TS-0001 table 8.1.2-1: child resource references only; Release 4 adds 11,
     * discovery result references, the default, which gives the URI list every release answers with by default).
     */
    private static final Set<ResultContent> ALLOWED = EnumSet.of(ResultContent.DISCOVERY_RESULT_REFERENCES,
            ResultContent.CHILD_RESOURCE_REFERENCES);
    private final OperationContext ctx;
    private final FollowedLinks links;

    /** @param dispatcher reads linked descriptors of other CSEs as any other request (forwarding it) */
    public DiscoveryOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.links = FollowedLinks.of(ctx, dispatcher);
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        FilterCriteriaCheck.check(req.filterCriteria, ctx.types, true);
        OperationContext.resultContent(req, ResultContent.DISCOVERY_RESULT_REFERENCES, ALLOWED);
        if (req.resultContent == ResultContent.DISCOVERY_RESULT_REFERENCES
                && !ReleaseVersion.knows(req.releaseVersionIndicator, "4")) {
            throw OneM2MException.badRequest("rcn 11 came with Release 4; a Release " + req.releaseVersionIndicator
                    + " discovery answers the URI list without rcn, or the child resource references with rcn 6");
        }
    }

    /** Below the routed resource (for a virtual child, below its parent); what the originator may discover only. */
    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        FilterCriteria fc = req.filterCriteria;
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.DISCOVERY_RESULT_REFERENCES, ALLOWED);
        int max = ctx.cse.maxResultSize();
        int limit = fc.limit == null ? max : Math.min(fc.limit, max);
        int offset = fc.offset == null ? 1 : fc.offset;
        Resource root = route.resource();
        Integer maxDepth = fc.level == null ? null : root.depth() + fc.level;
        if (fc.applyRelativePath != null) {
            return Prepared.answered(withRelativePath(tx, req, root, maxDepth, offset, limit, rcn));
        }
        Visibility visible = ctx.visible(tx.tree(), req, Permission.DISCOVERY);
        SemanticDiscovery.Scope scope = ctx.search.semanticScope(tx, root, fc, visible, maxDepth);
        if (scope.remote().isEmpty()) {
            return Prepared.answered(page(tx, req, root, visible, maxDepth, offset, limit, rcn, scope, FetchedDescriptors.NONE));
        }
        return () -> links.read(req, scope.remote(), LinkMethod.MATCHING, FollowedLinks.OnFailure.SKIP).thenApply(fetched ->
                ctx.store.read(t -> page(t, req, root, visible, maxDepth, offset, limit, rcn, scope, fetched)));
    }

    /**
     * One page of the matches, the semanticsFilter matched as {@code scope} says, the descriptors of other CSEs the
     * discovery's links name as {@code fetched} holds them.
     */
    private ResponsePrimitive page(Transaction tx, RequestPrimitive req, Resource root, Visibility visible, Integer maxDepth,
                                   int offset, int limit, ResultContent rcn, SemanticDiscovery.Scope scope,
                                   FetchedDescriptors fetched) {
        FilterCriteria fc = req.filterCriteria;
        int max = ctx.cse.maxResultSize();
        FilteredSearch.Found search = ctx.search.discover(tx, root, fc, visible, maxDepth, offset - 1, limit + 1, true, scope,
                fetched);
        List<Resource> found = search.resources();
        boolean more = found.size() > limit;
        if (more) {
            found = found.subList(0, limit);
        }
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, content(found, rcn, req.desiredIdResultType));
        // Cut by the CSE's maximum rather than by the originator's lim: say so, and where to resume.
        if (more && limit == max && (fc.limit == null || fc.limit > max)) {
            rsp.contentStatus = ContentStatus.PARTIAL_CONTENT;
            rsp.contentOffset = offset + limit;
        } else if (search.scanCut()) {
            // A content filter stopped at keel.discovery.content-scan-max: there may be more matches. The next
            // request resumes after these; when this one found none, resuming at the same offset would only stop
            // at the same place again, so there is no offset to give.
            rsp.contentStatus = ContentStatus.PARTIAL_CONTENT;
            rsp.contentOffset = found.isEmpty() ? null : offset + found.size();
        }
        return rsp;
    }

    /**
     * applyRelativePath (TS-0004 7.3.3.17.17): the path is appended to each match, and the resources that exist there
     * — stored, or what a virtual child such as {@code la} stands for — and that the originator may discover are the
     * result, each once, in the order of their matches; lim and ofst page through that result. At most
     * keel.discovery.content-scan-max matches are looked at; beyond, the result is marked partial.
     */
    private ResponsePrimitive withRelativePath(Transaction tx, RequestPrimitive req, Resource root, Integer maxDepth,
                                               int offset, int limit, ResultContent rcn) {
        FilterCriteria fc = req.filterCriteria;
        int cap = ctx.cse.contentScanMax();
        FilteredSearch.Found matches = ctx.search.discover(tx, root, fc, ctx.visible(tx.tree(), req, Permission.DISCOVERY),
                maxDepth, 0, cap + 1, true);
        boolean cut = matches.scanCut() || matches.resources().size() > cap;
        Map<String, Resource> reached = new LinkedHashMap<>();
        for (Resource match : matches.resources().subList(0, Math.min(cap, matches.resources().size()))) {
            Resource r = resolve(tx, match.srn, fc.applyRelativePath);
            if (r != null && !reached.containsKey(r.ri) && ctx.access.allows(tx.tree(), req, Permission.DISCOVERY, r)) {
                reached.put(r.ri, r);
            }
        }
        List<Resource> all = new ArrayList<>(reached.values());
        int from = Math.min(Math.max(0, offset - 1), all.size());
        List<Resource> found = all.subList(from, Math.min(from + limit, all.size()));
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, content(found, rcn, req.desiredIdResultType));
        if (cut) {
            rsp.contentStatus = ContentStatus.PARTIAL_CONTENT;
        }
        return rsp;
    }

    /** The resource at {@code srn} + "/" + {@code path} ({@code ..} goes up), or null when there is none. */
    private Resource resolve(Transaction tx, String srn, String path) {
        List<String> segments = new ArrayList<>(List.of(srn.split("/")));
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                segments.remove(segments.size() - 1);
                if (segments.isEmpty()) {
                    return null; // above the CSEBase
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        Route route;
        try {
            route = ctx.router.route(tx.tree(), String.join("/", segments));
        } catch (OneM2MException e) {
            return null; // nothing there: no entry in the result
        }
        if (route instanceof Route.Local local) {
            return local.resource();
        }
        return route instanceof Route.Virtual v ? v.child().standsFor(tx.tree(), v.parent()) : null;
    }

    private static Object content(List<Resource> found, ResultContent rcn, DesiredIdResultType drt) {
        boolean unstructured = drt == DesiredIdResultType.UNSTRUCTURED;
        if (rcn == ResultContent.CHILD_RESOURCE_REFERENCES) {
            List<Object> refs = new ArrayList<>();
            found.forEach(r -> refs.add(r.reference(unstructured)));
            return Map.of("m2m:rrl", Map.of("rrf", refs));
        }
        List<String> uris = new ArrayList<>();
        for (Resource r : found) {
            uris.add(unstructured ? r.ri : r.srn);
        }
        return Map.of("m2m:uril", uris);
    }
}
