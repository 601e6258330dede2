package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Map;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.primitive.OneM2MException;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.resultset.ResultsWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.BindingRoot;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.main.QueryEngineMainQuad;
import org.apache.jena.sparql.engine.main.solver.OpExecutorQuads;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;

/**
 * The semanticsFilter condition of discovery (TS-0004 7.3.3.18, table 7.3.3.17-1 smf): a resource meets it when the
 * descriptor of one of its semanticDescriptor children that the originator may discover answers one of the queries.
 * A descriptor answers a query when the query's WHERE pattern has a solution in its graph (what the query would then
 * select, order or limit does not change whether it matches). All the descriptors are matched in one evaluation over
 * the indexed triples, the pattern inside {@code GRAPH ?g}; the solutions name the descriptors.
 */
public final class SemanticDiscovery {
    /** Never a name a query can use (SPARQL variable names have no spaces): it cannot capture the query's own. */
    private static final Var DESCRIPTOR = Var.alloc("keel descriptor");
    /** Cancels evaluations that outlive keel.semantics.query-timeout; one daemon thread for the CSE. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keel-sparql-timeout");
        t.setDaemon(true);
        return t;
    });
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SemanticSettings limits;
    private final int scanMax;

    public SemanticDiscovery(SemanticSettings limits, int scanMax) {
        this.limits = limits;
        this.scanMax = scanMax;
    }

    /**
     * The parents whose descriptors answer.
     *
     * @param cut more descriptors than keel.discovery.content-scan-max were below the target: some were not looked at
     */
    public record Match(Set<String> parentSrns, boolean cut) {
        public boolean test(Resource r) {
            return parentSrns.contains(r.srn);
        }
    }

    /** Syntax first: a semanticsFilter that is no SPARQL query is 4143 before any query runs. */
    public static void check(List<String> filters) {
        filters.forEach(Sparql::query);
    }

    /** The resources below {@code root} (at most {@code maxDepth} deep) that meet the semanticsFilter conditions. */
    public Match select(ResourceSearch search, SemanticIndex index, Resource root, Integer maxDepth, Visibility visibility,
                        List<String> filters) {
        FilterCriteria descriptorsOnly = new FilterCriteria();
        descriptorsOnly.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        List<Resource> descriptors = search.discoverReferences(root, descriptorsOnly, visibility,
                maxDepth == null ? null : maxDepth + 1, 0, scanMax + 1);
        boolean cut = descriptors.size() > scanMax;
        Map<String, String> parentOf = new HashMap<>();
        for (Resource d : descriptors.subList(0, Math.min(scanMax, descriptors.size()))) {
            parentOf.put(d.ri, d.srn.substring(0, d.srn.lastIndexOf('/')));
        }
        Set<String> parents = new HashSet<>();
        if (!parentOf.isEmpty()) {
            IndexedDescriptors dataset = new IndexedDescriptors(index, parentOf.keySet(), limits);
            for (String f : filters) {
                for (String ri : answering(dataset, Sparql.query(f))) {
                    parents.add(parentOf.get(ri));
                }
            }
        }
        return new Match(parents, cut);
    }

    /**
     * A semantic query with implicit scope (TS-0004 7.3.3.19.1): the SELECT or ASK query evaluated over the union of
     * the descriptors below {@code root} the originator may retrieve, its result in the W3C SPARQL JSON results format.
     */
    public Map<String, Object> query(ResourceSearch search, SemanticIndex index, Resource root, Visibility visibility,
                                     String smf) {
        Query query = Sparql.query(smf);
        if (!query.isSelectType() && !query.isAskType()) {
            throw OneM2MException.badRequest("a semantic query is a SELECT or an ASK: only those have a SPARQL results format");
        }
        FilterCriteria descriptorsOnly = new FilterCriteria();
        descriptorsOnly.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        List<Resource> descriptors = search.discoverReferences(root, descriptorsOnly, visibility, null, 0, scanMax + 1);
        if (descriptors.size() > scanMax) {
            throw OneM2MException.badRequest("more than " + scanMax + " descriptors are below the target"
                    + " (keel.discovery.content-scan-max): query a narrower target");
        }
        Set<String> graphs = new HashSet<>();
        descriptors.forEach(d -> graphs.add(d.ri));
        IndexedDescriptors dataset = new IndexedDescriptors(index, graphs, limits);
        Context context = ARQ.getContext().copy();
        QC.setFactory(context, OpExecutorQuads::new);
        QueryIterator rows = new QueryEngineMainQuad(query, dataset, BindingRoot.create(), context).getPlan().iterator();
        ScheduledFuture<?> stop = TIMER.schedule(rows::cancel, limits.queryTimeoutMillis(), TimeUnit.MILLISECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (query.isAskType()) {
                ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(out, rows.hasNext());
            } else {
                List<Var> vars = query.getProjectVars();
                List<Binding> all = new ArrayList<>();
                while (rows.hasNext()) {
                    dataset.checkDeadline();
                    all.add(rows.next());
                    if (all.size() > limits.queryMaxTriples()) {
                        throw IndexedDescriptors.exhausted("gives more than " + limits.queryMaxTriples()
                                + " results (keel.semantics.query-max-triples)");
                    }
                }
                ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(out, RowSetStream.create(vars, all.iterator()));
            }
        } catch (QueryCancelledException e) {
            throw IndexedDescriptors.exhausted("did not finish within " + limits.queryTimeoutMillis()
                    + " ms (keel.semantics.query-timeout)");
        } finally {
            stop.cancel(false);
            rows.close();
        }
        try {
            return JSON.readValue(out.toByteArray(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> answering(IndexedDescriptors dataset, Query query) {
        Query q = new Query();
        q.setQuerySelectType();
        q.addResultVar(DESCRIPTOR);
        ElementGroup where = new ElementGroup();
        where.addElement(new ElementNamedGraph(DESCRIPTOR, query.getQueryPattern()));
        q.setQueryPattern(where);
        q.setPrefixMapping(query.getPrefixMapping());
        List<String> out = new ArrayList<>();
        // The quad engine, not whatever the registry would pick: GRAPH ?g must become indexed lookups over all graphs.
        Context context = ARQ.getContext().copy();
        QC.setFactory(context, OpExecutorQuads::new);
        Plan plan = new QueryEngineMainQuad(q, dataset, BindingRoot.create(), context).getPlan();
        QueryIterator rows = plan.iterator();
        // Work between two lookups (joins, filters) is stopped by cancelling the iterators, as Jena's own timeout does.
        ScheduledFuture<?> stop = TIMER.schedule(rows::cancel, limits.queryTimeoutMillis(), TimeUnit.MILLISECONDS);
        Set<String> seen = new HashSet<>();
        try {
            while (rows.hasNext()) {
                dataset.checkDeadline();
                Node g = rows.next().get(DESCRIPTOR);
                String ri = g == null ? null : IndexedDescriptors.ri(g);
                if (ri != null && seen.add(ri)) {
                    out.add(ri);
                }
            }
        } catch (QueryCancelledException e) {
            throw IndexedDescriptors.exhausted("did not finish within " + limits.queryTimeoutMillis()
                    + " ms (keel.semantics.query-timeout)");
        } finally {
            stop.cancel(false);
            rows.close();
        }
        return out;
    }
}
