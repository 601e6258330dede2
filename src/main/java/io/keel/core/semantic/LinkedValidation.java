package io.keel.core.semantic;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Semantic validation of a {@code <semanticDescriptor>} at its Create or Update (TS-0004 7.4.34.2.1 Recv-6.5 b–k): its
 * triples and those of the descriptors of this CSE it links (relatedSemantics and m2m:resourceDescriptorLink,
 * recursively: f, g) together, against the ontologies its ontologyRef and theirs refer to (e, h, i), by
 * {@link OntologyValidation} (j). The hosting CSE reads the linked descriptors itself, so every descriptor of this CSE
 * counts, whoever the originator is. A link that names no descriptor, or more than the bounds allow, is
 * LINKED_SEMANTICS_NOT_AVAILABLE (4119); an ontology not hosted here ONTOLOGY_NOT_AVAILABLE (4118).
 *
 * <p>A descriptor linking a descriptor of another CSE is validated before the transaction, by a semanticValidation
 * (c, {@link ValidationElsewhere}); one that reaches another CSE here, because it or a linked descriptor changed after
 * it was sent, is 4119.
 */
public final class LinkedValidation {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    private LinkedValidation() {
    }

    /** What is wrong with {@code descriptor} (whose triples are {@code triples}); empty when it is valid. */
    public static List<String> problems(ResourceTree tree, SemanticIndex index, CseIdentity cse, Resource descriptor, Graph triples,
                                        String ontologyRef, SemanticSettings limits) {
        Object rels = descriptor.get(SemanticDescriptorType.RELATED_SEMANTICS);
        List<String> addresses = LinkMethod.VALIDATION.links(rels == null ? null : RelatedSemantics.addresses(rels),
                ResourceDescriptorLink.addresses(triples));
        Graph all = GraphFactory.createDefaultGraph();
        triples.find().forEachRemaining(all::add);
        Set<String> refs = new LinkedHashSet<>(List.of(ontologyRef));
        if (!addresses.isEmpty()) {
            RelatedSemantics.Reach reach = new RelatedSemantics(DescriptorLinks.of(cse)).reachFrom(tree, null, index,
                    Visibility.EVERYTHING, addresses, FetchedDescriptors.NONE, LinkMethod.VALIDATION, cse.contentScanMax());
            refuseUnavailable(reach, cse);
            for (String ri : reach.local()) {
                if (ri.equals(descriptor.ri)) {
                    continue; // a link back to the descriptor itself: its triples are those given
                }
                for (SemanticIndex.Quad q : index.find(ri, null, null, null, limits.descriptorMaxTriples() + 1)) {
                    all.add(Triple.create(Terms.decode(q.s()), Terms.decode(q.p()), Terms.decode(q.o())));
                }
                Resource linked = tree.find(ri);
                Object or = linked == null ? null : linked.get(SemanticDescriptorType.ONTOLOGY_REF);
                if (or != null) {
                    refs.add(String.valueOf(or));
                }
            }
        }
        Graph ontologies = GraphFactory.createDefaultGraph();
        for (String ref : refs) {
            Ontologies.resolve(tree, index, cse, ref, limits).find().forEachRemaining(ontologies::add);
        }
        return OntologyValidation.problems(all, ontologies);
    }

    private static void refuseUnavailable(RelatedSemantics.Reach reach, CseIdentity cse) {
        if (!reach.remote().isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, "the descriptor links "
                    + String.join(", ", reach.remote()) + " on another CSE, and what a semanticValidation found valid is"
                    + " not what is written (the descriptor or a descriptor it links changed meanwhile): try again");
        }
        if (!reach.dangling().isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, "the linked descriptor "
                    + String.join(", ", reach.dangling()) + " does not exist (no <semanticDescriptor> of this CSE has this address)");
        }
        if (reach.cut()) {
            throw new OneM2MException(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, "the descriptor links descriptors more"
                    + " than " + LinkClosure.MAX_DEPTH + " links away or more than " + cse.contentScanMax()
                    + " descriptors (keel.discovery.content-scan-max)");
        }
    }
}
