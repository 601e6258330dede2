package io.keel.core.semantic;

import io.keel.core.store.SemanticIndex;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraphBaseFind;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.TransactionalNotSupportedMixin;

/**
 * The descriptors an originator may discover as a read-only Jena dataset: one named graph per descriptor (its ri),
 * each pattern answered by the store's indexes ({@link SemanticIndex#find}). Only the graphs of {@code allowed}
 * exist, and beside them the {@code fetched} ones: descriptors of other CSEs, read from their answers, held in memory.
 * Every lookup counts against a budget of triples read and a deadline, so that no query runs away.
 */
final class IndexedDescriptors extends DatasetGraphBaseFind implements TransactionalNotSupportedMixin {
    private static final String GRAPH_PREFIX = "urn:keel:descriptor:";
    private static final String FETCHED_PREFIX = "urn:keel:fetched:";
    /** Up to this many descriptors, a pattern is looked up graph by graph. */
    private static final int FEW_GRAPHS = 16;
    private final SemanticIndex index;
    private final Set<String> allowed;
    private final Map<String, Graph> fetched;
    private final long deadline;
    private final int maxTriples;
    private final long timeoutMillis;
    private final SemanticSettings limits;
    private int read;

    IndexedDescriptors(SemanticIndex index, Set<String> allowed, SemanticSettings limits) {
        this(index, allowed, Map.of(), limits);
    }

    /** @param fetched descriptors of other CSEs by their address */
    IndexedDescriptors(SemanticIndex index, Set<String> allowed, Map<String, Graph> fetched, SemanticSettings limits) {
        this.index = index;
        this.allowed = allowed;
        this.fetched = fetched;
        this.limits = limits;
        this.timeoutMillis = limits.queryTimeoutMillis();
        this.deadline = System.nanoTime() + limits.queryTimeoutMillis() * 1_000_000L;
        this.maxTriples = limits.queryMaxTriples();
    }

    static Node graphNode(String ri) {
        return org.apache.jena.graph.NodeFactory.createURI(GRAPH_PREFIX + ri);
    }

    static String ri(Node graph) {
        return graph.isURI() && graph.getURI().startsWith(GRAPH_PREFIX) ? graph.getURI().substring(GRAPH_PREFIX.length()) : null;
    }

    /** The default graph is the union of the descriptors (a semantic query's RDF data basis, TS-0004 7.3.3.19). */
    @Override
    protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        List<Quad> out = new ArrayList<>();
        lookUp(null, s, p, o).forEachRemaining(q -> out.add(Quad.create(Quad.defaultGraphIRI, q.asTriple())));
        return out.iterator();
    }

    /** Every quad once: the default graph is only the union of the named ones, so "any graph" means the named ones. */
    @Override
    protected Iterator<Quad> findAny(Node s, Node p, Node o) {
        return findInAnyNamedGraphs(s, p, o);
    }

    @Override
    protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        if (g.isURI() && g.getURI().startsWith(FETCHED_PREFIX)) {
            String address = g.getURI().substring(FETCHED_PREFIX.length());
            List<Quad> out = new ArrayList<>();
            if (fetched.containsKey(address)) {
                checkDeadline();
                readFetched(address, fetched.get(address), s, p, o, out);
            }
            return out.iterator();
        }
        String ri = ri(g);
        return ri == null || !allowed.contains(ri) ? Collections.emptyIterator() : lookUp(ri, s, p, o);
    }

    @Override
    protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        return lookUp(null, s, p, o);
    }

    SemanticSettings limits() {
        return limits;
    }

    /** 4000 once the query has run for keel.semantics.query-timeout. */
    void checkDeadline() {
        if (System.nanoTime() > deadline) {
            throw exhausted("did not finish within " + timeoutMillis + " ms (keel.semantics.query-timeout)");
        }
    }

    private Iterator<Quad> lookUp(String graph, Node s, Node p, Node o) {
        checkDeadline();
        List<Quad> out = new ArrayList<>();
        if (graph == null && allowed.size() <= FEW_GRAPHS) {
            // A few descriptors (a small scope, a descriptor and its links): each read by its own graph, not every
            // descriptor of the CSE that has the pattern's terms.
            for (String one : allowed) {
                readIndexed(one, s, p, o, out);
            }
        } else {
            readIndexed(graph, s, p, o, out);
        }
        if (graph == null) {
            fetched.forEach((address, g) -> readFetched(address, g, s, p, o, out));
        }
        return out.iterator();
    }

    private void readIndexed(String graph, Node s, Node p, Node o, List<Quad> out) {
        String st = term(s);
        String pt = term(p);
        String ot = term(o);
        for (SemanticIndex.Quad q : index.find(graph, st, pt, ot, maxTriples - read + 1)) {
            if (++read > maxTriples) {
                throw exhausted("reads more than " + maxTriples + " stored triples (keel.semantics.query-max-triples)");
            }
            if (allowed.contains(q.graph())) {
                out.add(Quad.create(graphNode(q.graph()), Terms.decode(q.s()), Terms.decode(q.p()), Terms.decode(q.o())));
            }
        }
    }

    private void readFetched(String address, Graph g, Node s, Node p, Node o, List<Quad> out) {
        Node graphNode = org.apache.jena.graph.NodeFactory.createURI(FETCHED_PREFIX + address);
        g.find(any(s), any(p), any(o)).forEachRemaining(t -> {
            if (++read > maxTriples) {
                throw exhausted("reads more than " + maxTriples + " triples (keel.semantics.query-max-triples)");
            }
            out.add(Quad.create(graphNode, t));
        });
    }

    private static Node any(Node n) {
        return n == null || n.isVariable() ? Node.ANY : n;
    }

    private static String term(Node n) {
        return n == null || n == Node.ANY || n.isVariable() ? null : n.isBlank() || n.isURI() || n.isLiteral() ? Terms.encode(n) : null;
    }

    /** 4000: the originator's query is what asks too much (see the README's table). */
    static OneM2MException exhausted(String what) {
        return OneM2MException.badRequest("the semanticsFilter " + what + "; narrow it");
    }

    @Override
    public Iterator<Node> listGraphNodes() {
        return java.util.stream.Stream.concat(allowed.stream().map(IndexedDescriptors::graphNode), fetched.keySet().stream()
                .map(a -> org.apache.jena.graph.NodeFactory.createURI(FETCHED_PREFIX + a))).iterator();
    }

    @Override
    public Graph getDefaultGraph() {
        return org.apache.jena.sparql.core.GraphView.createDefaultGraph(this);
    }

    @Override
    public Graph getGraph(Node graphNode) {
        throw new UnsupportedOperationException("the indexed descriptors are read through quads only");
    }

    @Override
    public void addGraph(Node graphName, Graph graph) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void removeGraph(Node graphName) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public PrefixMap prefixes() {
        return PrefixMapFactory.emptyPrefixMap();
    }

    @Override
    public boolean supportsTransactions() {
        return false;
    }

    @Override
    public boolean supportsTransactionAbort() {
        return false;
    }
}
