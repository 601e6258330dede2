package io.keel.core.semantic;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.update.UpdateRequest;

/**
 * semanticOpExec (TS-0004 7.4.34.2.3 Recv-6.5 a): a SPARQL update applied to the triples of one descriptor, which is
 * the default graph it sees. An update that cannot be carried out is SPARQL_UPDATE_ERROR (5212).
 */
public final class DescriptorUpdate {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    private DescriptorUpdate() {
    }

    /** The graph after the update (a copy: {@code descriptor} itself is left as it was). */
    public static Graph apply(Graph descriptor, String soe, SemanticSettings limits) {
        UpdateRequest update = Sparql.update(soe, "semanticOpExec");
        DatasetGraph ds = DatasetGraphFactory.create();
        descriptor.find().forEachRemaining(ds.getDefaultGraph()::add);
        try {
            UpdateExec.dataset(ds).update(update).timeout(limits.queryTimeoutMillis(), TimeUnit.MILLISECONDS).execute();
        } catch (QueryCancelledException e) {
            throw new OneM2MException(ResponseStatusCode.SPARQL_UPDATE_ERROR, "semanticOpExec did not finish within "
                    + limits.queryTimeoutMillis() + " ms (keel.semantics.query-timeout)");
        } catch (RuntimeException e) {
            if (e instanceof OneM2MException o) {
                throw o;
            }
            throw new OneM2MException(ResponseStatusCode.SPARQL_UPDATE_ERROR, "semanticOpExec could not be applied: " + e.getMessage());
        }
        Graph after = ds.getDefaultGraph();
        if (after.size() > limits.descriptorMaxTriples()) {
            throw new OneM2MException(ResponseStatusCode.SPARQL_UPDATE_ERROR, "semanticOpExec would leave " + after.size()
                    + " triples; this CSE stores at most " + limits.descriptorMaxTriples()
                    + " per resource (keel.semantics.descriptor-max-triples)");
        }
        return after;
    }
}
