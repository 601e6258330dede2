package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.SerializedText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.resultset.ResultsWriter;

/**
 * A semantic query with implicit scope (TS-0004 7.3.3.19.1): a SELECT or ASK evaluated over the union of the
 * descriptors below the target the originator may retrieve (so a pattern may join triples of two descriptors), its
 * result in the W3C SPARQL results formats, which the response carries as m2m:qres (queryResult, xs:string, TS-0004
 * table 7.5.2-2 for rcn 10): the XML one in an XML primitive, the JSON one in a JSON or CBOR one (TS-0004 7.3.3.19).
 */
public final class SemanticQuery {
    private final SemanticSettings limits;
    private final int scanMax;

    public SemanticQuery(SemanticSettings limits, int scanMax) {
        this.limits = limits;
        this.scanMax = scanMax;
        Evaluation.warmUp(limits);
    }

    /** 4000 for a query that has no SPARQL results format (neither SELECT nor ASK). */
    public static Query check(String smf) {
        Query query = Sparql.query(smf);
        if (!query.isSelectType() && !query.isAskType()) {
            throw OneM2MException.badRequest("a semantic query is a SELECT or an ASK: only those have a SPARQL results format");
        }
        return query;
    }

    /** The ris of the descriptors at and below {@code roots} that are visible: 4000 when more than the scan bound. */
    public Set<String> scope(ResourceSearch search, List<Resource> roots, Visibility visibility) {
        Set<String> graphs = new LinkedHashSet<>();
        for (Resource root : roots) {
            SemanticDiscovery.descriptors(search, root, null, visibility, scanMax + 1).forEach(d -> graphs.add(d.ri));
        }
        return bounded(graphs.size(), graphs);
    }

    /** 4000 when a query's data basis would hold more than keel.discovery.content-scan-max descriptors. */
    public <T> T bounded(int descriptors, T scope) {
        if (descriptors > scanMax) {
            // A part of the data basis would give a wrong answer, not a partial one.
            throw OneM2MException.badRequest("more than " + scanMax + " descriptors are in the query's scope"
                    + " (keel.discovery.content-scan-max): query a narrower target");
        }
        return scope;
    }

    /** The bounds of one evaluation and of what a descriptor may weigh. */
    public SemanticSettings limits() {
        return limits;
    }

    /**
     * The W3C SPARQL results documents of {@code smf} over the union of the indexed descriptors {@code graphs} and
     * the {@code fetched} ones (descriptors of other CSEs, by address).
     */
    public SerializedText answer(SemanticIndex index, Set<String> graphs, Map<String, Graph> fetched, String smf) {
        Query query = check(smf);
        IndexedDescriptors dataset = new IndexedDescriptors(index, graphs, fetched, limits);
        try (Evaluation e = new Evaluation(query, dataset, limits)) {
            try {
                if (query.isAskType()) {
                    boolean yes = e.rows().hasNext();
                    return new SerializedText(ask(ResultSetLang.RS_JSON, yes), ask(ResultSetLang.RS_XML, yes));
                }
                List<Binding> rows = new ArrayList<>();
                while (e.rows().hasNext()) {
                    dataset.checkDeadline();
                    rows.add(e.rows().next());
                    if (rows.size() > limits.queryMaxTriples()) {
                        throw IndexedDescriptors.exhausted("gives more than " + limits.queryMaxTriples()
                                + " results (keel.semantics.query-max-triples)");
                    }
                }
                List<Var> vars = query.getProjectVars();
                return new SerializedText(select(ResultSetLang.RS_JSON, vars, rows), select(ResultSetLang.RS_XML, vars, rows));
            } catch (QueryCancelledException x) {
                throw e.timedOut();
            }
        }
    }

    private static String ask(Lang format, boolean answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultsWriter.create().lang(format).write(out, answer);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String select(Lang format, List<Var> vars, List<Binding> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultsWriter.create().lang(format).write(out, RowSetStream.create(vars, rows.iterator()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
