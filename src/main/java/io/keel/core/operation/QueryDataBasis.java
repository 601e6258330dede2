package io.keel.core.operation;

import io.keel.core.access.Permission;
import io.keel.core.resource.Resource;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkClosure;
import io.keel.core.semantic.LinkedDescriptor;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.semantic.RelatedSemantics;
import io.keel.primitive.OneM2MException;
import io.keel.core.semantic.SemanticQuery;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.SerializedText;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;

/**
 * The RDF data basis of a semantic query (TS-0004 7.3.3.19): the descriptors at and below the scope's roots that the
 * originator may retrieve, with those they link (TS-0001 table 9.6.30-2: related semantic information to be used in
 * processing semantic queries), through relatedSemantics or m2m:resourceDescriptorLink as in a discovery (TS-0004
 * 7.3.3.18), recursively ({@link RelatedSemantics}). Those of this CSE are evaluated where they are indexed; those of
 * other CSEs are read from there, with all they link ({@link FollowedLinks}), and joined to them in the one evaluation.
 * One that cannot be read is TARGET_NOT_REACHABLE (5103): an answer over part of the data basis would be a wrong one.
 */
final class QueryDataBasis {
    private final OperationContext ctx;
    private final RoutedDescriptorLinks addresses;
    private final RelatedSemantics related;
    private final FollowedLinks links;

    QueryDataBasis(OperationContext ctx, RemoteDescriptors remote) {
        this.ctx = ctx;
        this.addresses = new RoutedDescriptorLinks(ctx.router);
        this.related = new RelatedSemantics(addresses);
        this.links = FollowedLinks.of(ctx, remote);
    }

    /** What the basis holds: indexed descriptors (ri), and addresses of descriptors of other CSEs to read. */
    record Scope(Set<String> graphs, Set<String> remoteLinks) {
    }

    /** In the read transaction: the descriptors at and below {@code roots} and all they link. */
    Scope scope(Transaction tx, RequestPrimitive req, List<Resource> roots) {
        SemanticQuery.check(req.filterCriteria.semanticsFilter.get(0)); // 4000 before anything is read
        SemanticQuery query = ctx.search.semanticQuery();
        Visibility visible = ctx.visible(tx.tree(), req, Permission.RETRIEVE);
        int scanMax = ctx.cse.contentScanMax();
        Set<String> graphs = new LinkedHashSet<>(query.scope(tx.search(), roots, visible));
        Set<String> linking = new LinkedHashSet<>();
        for (Resource root : roots) {
            RelatedSemantics.linking(tx.search(), root, null, visible, scanMax + 1).forEach(d -> linking.add(d.ri));
        }
        linking.addAll(RelatedSemantics.annotating(tx.semantics(), graphs, scanMax));
        RelatedSemantics.Reach reach = related.reach(tx.tree(), tx.search(), tx.semantics(), visible, linking,
                FetchedDescriptors.NONE, LinkMethod.MATCHING, scanMax + 1);
        if (reach.cut()) {
            throw OneM2MException.badRequest("the descriptors in scope link more than " + scanMax + " descriptors or chains"
                    + " longer than " + LinkClosure.MAX_DEPTH + " links (keel.discovery.content-scan-max): query a narrower target");
        }
        graphs.addAll(reach.local());
        query.bounded(graphs.size() + reach.remote().size(), graphs);
        return new Scope(graphs, reach.remote());
    }

    /**
     * The descriptors of members of other CSEs ({@code members}, by address) with all they link: 5103 when one of
     * those cannot be read.
     */
    CompletableFuture<FetchedDescriptors> withLinks(RequestPrimitive req, Map<String, LinkedDescriptor> members) {
        Set<String> linked = new LinkedHashSet<>();
        members.values().forEach(d -> linked.addAll(d.links(LinkMethod.MATCHING)));
        linked.removeAll(members.keySet());
        return links.read(req, linked, LinkMethod.MATCHING, FollowedLinks.OnFailure.TARGET_NOT_REACHABLE).thenApply(far -> {
            Map<String, LinkedDescriptor> all = new LinkedHashMap<>(members);
            all.putAll(far.found());
            return new FetchedDescriptors(all, far.unavailable());
        });
    }

    /**
     * The answer: at once, in the routing transaction, when every descriptor is of this CSE; otherwise once those of
     * other CSEs ({@code fetching}, when given, and the scope's remote links) are read, after the routing transaction,
     * in a read transaction of its own.
     */
    OperationHandler.Prepared answer(Transaction tx, RequestPrimitive req, Scope scope,
                                     Supplier<CompletableFuture<FetchedDescriptors>> fetching) {
        String smf = req.filterCriteria.semanticsFilter.get(0);
        SemanticQuery query = ctx.search.semanticQuery();
        if (fetching == null && scope.remoteLinks().isEmpty()) {
            return OperationHandler.Prepared.answered(ok(query.answer(tx.semantics(), scope.graphs(), Map.of(), smf)));
        }
        return () -> (fetching == null ? CompletableFuture.completedFuture(FetchedDescriptors.NONE) : fetching.get())
                .thenCombine(links.read(req, scope.remoteLinks(), LinkMethod.MATCHING, FollowedLinks.OnFailure.TARGET_NOT_REACHABLE),
                        (far, linked) -> {
                            Map<String, Graph> fetched = new LinkedHashMap<>(far.graphs(far.found().keySet()));
                            fetched.putAll(linked.graphs(linked.found().keySet()));
                            return ok(ctx.store.read(t -> {
                                Set<String> graphs = new LinkedHashSet<>(scope.graphs());
                                ownIndexed(t, fetched, graphs);
                                query.bounded(graphs.size() + fetched.size(), fetched);
                                return query.answer(t.semantics(), graphs, fetched, smf);
                            }));
                        });
    }

    /**
     * A descriptor of this CSE that a link of another CSE's descriptor led back to was read as any other; it joins the
     * basis as indexed instead, so that its triples are in the basis once.
     */
    private void ownIndexed(Transaction tx, Map<String, Graph> fetched, Set<String> graphs) {
        fetched.keySet().removeIf(address -> {
            if (addresses.remote(address)) {
                return false;
            }
            Resource r = addresses.local(tx.tree(), address);
            if (r == null) {
                return false; // deleted since it was read: as read
            }
            graphs.add(r.ri);
            return true;
        });
    }

    private static ResponsePrimitive ok(SerializedText result) {
        return new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:qres", result));
    }
}
