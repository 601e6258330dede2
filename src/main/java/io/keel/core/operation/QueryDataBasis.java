package io.keel.core.operation;

import io.keel.core.access.Permission;
import io.keel.core.resource.Resource;
import io.keel.core.semantic.RelatedSemantics;
import io.keel.core.semantic.SemanticQuery;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.SerializedText;
import java.util.ArrayList;
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
 * originator may retrieve, with those their relatedSemantics name (TS-0001 table 9.6.30-2: related semantic information
 * to be used in processing semantic queries). Those of this CSE are evaluated where they are indexed; those of other
 * CSEs are read from there ({@link RemoteDescriptors}) and joined to them in the one evaluation.
 */
final class QueryDataBasis {
    private final OperationContext ctx;
    private final RelatedSemantics related;
    private final RemoteDescriptors remote;

    QueryDataBasis(OperationContext ctx, RemoteDescriptors remote) {
        this.ctx = ctx;
        this.related = new RelatedSemantics(new RoutedDescriptorLinks(ctx.router));
        this.remote = remote;
    }

    /** What the basis holds: indexed descriptors (ri), and addresses of descriptors of other CSEs to read. */
    record Scope(Set<String> graphs, Set<String> remoteLinks) {
    }

    /** In the read transaction: the descriptors at and below {@code roots} and those they link. */
    Scope scope(Transaction tx, RequestPrimitive req, List<Resource> roots) {
        SemanticQuery.check(req.filterCriteria.semanticsFilter.get(0)); // 4000 before anything is read
        SemanticQuery query = ctx.search.semanticQuery();
        Visibility visible = ctx.visible(tx.tree(), req, Permission.RETRIEVE);
        Set<String> graphs = new LinkedHashSet<>(query.scope(tx.search(), roots, visible));
        Set<String> remoteLinks = new LinkedHashSet<>();
        for (Resource root : roots) {
            for (Resource d : RelatedSemantics.linking(tx.search(), root, null, visible, ctx.cse.contentScanMax() + 1)) {
                RelatedSemantics.Linked linked = related.of(tx.tree(), tx.search(), visible, d.ri);
                graphs.addAll(linked.local());
                remoteLinks.addAll(linked.remote());
            }
        }
        query.bounded(graphs.size() + remoteLinks.size(), graphs);
        return new Scope(graphs, remoteLinks);
    }

    /**
     * The answer: at once, in the routing transaction, when every descriptor is of this CSE; otherwise once those of
     * other CSEs ({@code fetching}, when given, and the scope's remote links) are read, after the routing transaction,
     * in a read transaction of its own.
     */
    OperationHandler.Prepared answer(Transaction tx, RequestPrimitive req, Scope scope,
                                     Supplier<CompletableFuture<Map<String, Graph>>> fetching) {
        String smf = req.filterCriteria.semanticsFilter.get(0);
        SemanticQuery query = ctx.search.semanticQuery();
        if (fetching == null && scope.remoteLinks().isEmpty()) {
            return OperationHandler.Prepared.answered(ok(query.answer(tx.semantics(), scope.graphs(), Map.of(), smf)));
        }
        return () -> (fetching == null ? CompletableFuture.completedFuture(Map.<String, Graph>of()) : fetching.get()).thenCombine(links(req, scope.remoteLinks()), (far, linked) -> {
            Map<String, Graph> fetched = new LinkedHashMap<>(far);
            fetched.putAll(linked);
            query.bounded(scope.graphs().size() + fetched.size(), fetched);
            return ok(ctx.store.read(t -> query.answer(t.semantics(), scope.graphs(), fetched, smf)));
        });
    }

    private CompletableFuture<Map<String, Graph>> links(RequestPrimitive req, Set<String> addresses) {
        List<CompletableFuture<Map.Entry<String, Graph>>> each = new ArrayList<>();
        for (String address : addresses) {
            each.add(remote.representation(req, address).thenApply(smd -> smd == null ? null
                    : Map.entry(address, remote.graph(address, smd))));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Graph> out = new LinkedHashMap<>();
            each.forEach(f -> {
                Map.Entry<String, Graph> e = f.join();
                if (e != null) {
                    out.put(e.getKey(), e.getValue());
                }
            });
            return out;
        });
    }

    private static ResponsePrimitive ok(SerializedText result) {
        return new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:qres", result));
    }
}
