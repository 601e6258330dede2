package io.keel.core.semantic;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;

/**
 * The ontologies this CSE hosts ({@code <ontology>} resources, TS-0004 7.4.47, and the {@code <ontologyAnnc>} copies
 * announced to it with their content), found for an ontologyRef: by the
 * address of the resource (its ri or structured name, CSE-relative, SP-relative or absolute), or by the IRI its content declares an owl:Ontology. Their
 * triples are read from the semantic index, where they are kept like a descriptor's. Keel fetches no external ontology.
 */
public final class Ontologies {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    /** TS-0004 6.3.4.2.1: an announced type's number is its original's plus 10000. */
    private static final int ANNOUNCED_ONTOLOGY = 10_000 + ResourceTypes.ONTOLOGY;
    private Ontologies() {
    }

    /** The ontology an ontologyRef names, as a graph: ONTOLOGY_NOT_AVAILABLE (4118) when it is not hosted here. */
    public static Graph resolve(ResourceTree tree, SemanticIndex index, CseIdentity cse, String ref, SemanticSettings limits) {
        Resource ontology = hosted(tree, index, cse, ref);
        if (ontology.get("ontc") == null) {
            throw new OneM2MException(ResponseStatusCode.ONTOLOGY_NOT_AVAILABLE, "the ontology " + ref + " was announced to"
                    + " this CSE without its content (aa names no ontc)");
        }
        if (Long.valueOf(SemanticFormat.IRI.value()).equals(ontology.get("ontf"))) {
            throw new OneM2MException(ResponseStatusCode.ONTOLOGY_NOT_AVAILABLE, "the ontology " + ref + " only refers to "
                    + ontology.get("ontc") + ", which this CSE does not fetch");
        }
        Graph g = GraphFactory.createDefaultGraph();
        for (SemanticIndex.Quad q : index.find(ontology.ri, null, null, null, limits.descriptorMaxTriples() + 1)) {
            g.add(Triple.create(Terms.decode(q.s()), Terms.decode(q.p()), Terms.decode(q.o())));
        }
        return g;
    }

    /**
     * The {@code <ontology>} or {@code <ontologyAnnc>} of this CSE an ontologyRef names: ONTOLOGY_NOT_AVAILABLE (4118)
     * when there is none.
     */
    public static Resource hosted(ResourceTree tree, SemanticIndex index, CseIdentity cse, String ref) {
        Resource ontology = byAddress(tree, cse, ref);
        if (ontology == null) {
            for (SemanticIndex.Quad q : index.find(null, "<" + ref + ">", "<" + RDF.type.getURI() + ">",
                    "<" + OWL.Ontology.getURI() + ">", 100)) {
                Resource r = tree.find(q.graph());
                if (r != null && ontology(r)) {
                    ontology = r;
                    break;
                }
            }
        }
        if (ontology == null) {
            throw new OneM2MException(ResponseStatusCode.ONTOLOGY_NOT_AVAILABLE, "the ontology " + ref + " is not hosted by"
                    + " this CSE (no <ontology> resource has this address or declares this owl:Ontology) and it fetches"
                    + " no external ontology");
        }
        return ontology;
    }

    /** By its address in any of the three forms, as this CSE reads a To. */
    private static Resource byAddress(ResourceTree tree, CseIdentity cse, String ref) {
        Resource r = DescriptorLinks.of(cse).local(tree, ref);
        return r != null && ontology(r) ? r : null;
    }

    /** Whether it is an {@code <ontologyAnnc>}, a copy of an ontology of another CSE (its lnk). */
    public static boolean announced(Resource ontology) {
        return ontology.ty == ANNOUNCED_ONTOLOGY;
    }

    /** An {@code <ontology>}, or an {@code <ontologyAnnc>}: the copy of one announced to this CSE, indexed alike. */
    private static boolean ontology(Resource r) {
        return r.ty == ResourceTypes.ONTOLOGY || r.ty == ANNOUNCED_ONTOLOGY;
    }
}
