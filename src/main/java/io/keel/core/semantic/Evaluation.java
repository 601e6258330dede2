package io.keel.core.semantic;

import io.keel.core.store.SemanticIndex;
import io.keel.primitive.OneM2MException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.BindingRoot;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.main.QueryEngineMainQuad;
import org.apache.jena.sparql.engine.main.solver.OpExecutorQuads;
import org.apache.jena.sparql.util.Context;

/**
 * One SPARQL evaluation over {@link IndexedDescriptors}, by Jena's quad engine (a pattern inside {@code GRAPH ?g} is
 * one indexed lookup over all descriptors, where the general engine would loop over the graphs one by one), cancelled
 * when it outlives keel.semantics.query-timeout: between two lookups too (joins, filters), as Jena's own timeout does.
 */
final class Evaluation implements AutoCloseable {
    /** One daemon thread for the CSE. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keel-sparql-timeout");
        t.setDaemon(true);
        return t;
    });
    private static final long WARM_UP_DELAY_SECONDS = 10;
    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();
    private final QueryIterator rows;
    private final ScheduledFuture<?> stop;
    private final SemanticSettings limits;

    Evaluation(Query query, IndexedDescriptors dataset, SemanticSettings limits) {
        this.limits = limits;
        Context context = ARQ.getContext().copy();
        QC.setFactory(context, OpExecutorQuads::new);
        this.rows = new QueryEngineMainQuad(query, dataset, BindingRoot.create(), context).getPlan().iterator();
        this.stop = TIMER.schedule(rows::cancel, limits.queryTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs one evaluation over no descriptors, once per JVM and in the background, so that loading Jena's query engine
     * is not charged to the first originator's query (on a loaded machine that alone can outlast keel.semantics.query-timeout).
     * It waits {@value #WARM_UP_DELAY_SECONDS} s: run at once it took 0.3 s of CPU beside the CSE's own start, on
     * cores the start and the JIT compilers already fill.
     */
    static void warmUp(SemanticSettings limits) {
        if (!WARM.compareAndSet(false, true)) {
            return;
        }
        TIMER.schedule(() -> {
            Thread warm = new Thread(() -> evaluateNothing(limits), "keel-semantics-warm-up");
            warm.setDaemon(true);
            warm.start();
        }, WARM_UP_DELAY_SECONDS, TimeUnit.SECONDS);
    }

    private static void evaluateNothing(SemanticSettings limits) {
        JenaStart.ready(); // this thread makes the first Jena objects of the CSE's life, often
        SemanticIndex none = new SemanticIndex() {
            @Override
            public void replace(String graph, java.util.List<Quad> triples) {
                throw new UnsupportedOperationException("read-only");
            }

            @Override
            public java.util.List<Quad> find(String graph, String s, String p, String o, int limit) {
                return java.util.List.of();
            }
        };
        Query ask = org.apache.jena.query.QueryFactory.create("ASK { GRAPH ?g { ?s ?p ?o } ?a ?b ?c }");
        try (Evaluation e = new Evaluation(ask, new IndexedDescriptors(none, java.util.Set.of(), limits), limits)) {
            e.rows().hasNext();
        }
    }

    QueryIterator rows() {
        return rows;
    }

    /** The answer to a cancelled evaluation. */
    OneM2MException timedOut() {
        return IndexedDescriptors.exhausted("did not finish within " + limits.queryTimeoutMillis()
                + " ms (keel.semantics.query-timeout)");
    }

    @Override
    public void close() {
        stop.cancel(false);
        rows.close();
    }
}
