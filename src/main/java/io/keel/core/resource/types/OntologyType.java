package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.DescriptorIndexing;
import io.keel.core.semantic.DescriptorUpdate;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;

/**
 * {@code <ontology>} (ty 39, m2m:ont), TS-0004 7.4.47: an ontology this CSE hosts. Its content (ontc, base64) must
 * parse in the syntax ontf names (7.4.47.2.1: 4000); with ontf 1 (IRI) it is only the ontology's address, which Keel
 * does not fetch. Its triples are kept in the semantic index like a descriptor's, where validation reads them; a
 * semanticOpExec updates them (7.4.47.2.3).
 */
public final class OntologyType extends ResourceType implements AnnouncedVariant {
    public static final String FORMAT = "ontf";
    public static final String CONTENT = "ontc";
    private final SemanticSettings limits;

    public OntologyType(SemanticSettings limits) {
        super(ResourceTypes.ONTOLOGY, "ont", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("dc", AttributeType.STRING),
                AttributeDef.mandatory(FORMAT, AttributeType.POSITIVE_INTEGER),
                AttributeDef.mandatory(CONTENT, AttributeType.STRING),
                new AttributeDef(SemanticDescriptorType.SEMANTIC_OP_EXEC, AttributeType.STRING, Presence.NOT_PERMITTED,
                        Presence.OPTIONAL)));
        this.limits = limits;
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /** Announced as ontologyAnnc (10039, m2m:ontA), below the announced repository (TS-0001 table 9.6.51-2). */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    /** TS-0001 table 9.6.51-2: description, ontologyFormat and ontologyContent are OA (semanticOpExec NA). */
    @Override
    public List<String> announcedAttributes() {
        return List.of("dc", FORMAT, CONTENT);
    }

    @Override
    public AnnouncedType announcedType(Set<Integer> childTypes) {
        return new OntologyAnncType(this, childTypes);
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public void afterCreate(ResourceOperation op) {
        DescriptorIndexing.replace(op.semantics(), op.resource.ri, ontologyGraph(op.resource));
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        Object soe = op.resource.attributes.remove(SemanticDescriptorType.SEMANTIC_OP_EXEC);
        if (soe != null && op.given.containsKey(CONTENT)) {
            throw OneM2MException.badRequest("semanticOpExec and ontologyContent cannot be updated together (TS-0004 7.4.47.2.3)");
        }
        Graph g;
        if (soe != null) {
            Object oldFormat = op.previous.getOrDefault(FORMAT, op.resource.get(FORMAT));
            Graph stored = parse(op.resource.get(CONTENT), format(oldFormat));
            g = DescriptorUpdate.apply(stored, (String) soe, limits);
            SemanticFormat now = format(op.resource.get(FORMAT));
            if (now == SemanticFormat.IRI) {
                throw OneM2MException.badRequest("an ontology given by IRI (ontf 1) has no triples to update");
            }
            op.resource.attributes.put(CONTENT, Rdf.write(g, now));
        } else if (op.given.containsKey(CONTENT) || op.given.containsKey(FORMAT)) {
            g = ontologyGraph(op.resource);
        } else {
            return;
        }
        DescriptorIndexing.replace(op.semantics(), op.resource.ri, g);
    }

    /** The triples of an announced copy: none while aa names no content (4000 when ontc comes without ontf). */
    Graph announcedGraph(Resource r) {
        if (r.get(CONTENT) == null) {
            return Rdf.emptyGraph();
        }
        if (!(r.get(FORMAT) instanceof Number)) {
            throw OneM2MException.badRequest("an announced ontologyContent (ontc) needs its ontologyFormat (ontf) to be read");
        }
        return ontologyGraph(r);
    }

    private Graph ontologyGraph(Resource r) {
        return parse(r.get(CONTENT), format(r.get(FORMAT)));
    }

    private Graph parse(Object content, SemanticFormat format) {
        if (format == SemanticFormat.IRI) {
            if (!(content instanceof String s) || s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
                throw OneM2MException.badRequest("with ontf 1 (IRI), ontc must be the ontology's IRI");
            }
            return Rdf.emptyGraph(); // not fetched: no triples
        }
        return Rdf.parse(CONTENT, content, format, limits);
    }

    private static SemanticFormat format(Object ontf) {
        return SemanticFormat.ofOntology(((Number) ontf).longValue());
    }
}
