package io.keel.core.semantic;

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
