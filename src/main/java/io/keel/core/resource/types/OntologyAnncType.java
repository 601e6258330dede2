package io.keel.core.resource.types;

import io.keel.core.resource.ResourceOperation;
import io.keel.core.semantic.DescriptorIndexing;
import java.util.Set;

/**
 * {@code <ontologyAnnc>} (ty 10039, m2m:ontA; TS-0001 table 9.6.51-2): when the original announces its content (ontf
 * and ontc, OA), this CSE indexes those triples as it does its own ontologies', so that a descriptor created here can
 * be validated against it (TS-0004 7.4.34.2.1 Recv-6.5 e: the ontology is then hosted by this CSE, as the announced
 * copy; {@link io.keel.core.semantic.Ontologies} finds it by its address or the owl:Ontology it declares). Its
 * content must parse as the original's must.
 */
final class OntologyAnncType extends AnnouncedType {
    private final OntologyType original;

    OntologyAnncType(OntologyType original, Set<Integer> childTypes) {
        super(original, childTypes);
        this.original = original;
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        original.announcedGraph(op.resource);
    }

    @Override
    public void afterCreate(ResourceOperation op) {
        DescriptorIndexing.replace(op.semantics(), op.resource.ri, original.announcedGraph(op.resource));
    }

    /** The announcing CSE sends ontc null once aa no longer names it: the index empties with it. */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (op.given.containsKey(OntologyType.CONTENT) || op.given.containsKey(OntologyType.FORMAT)) {
            DescriptorIndexing.replace(op.semantics(), op.resource.ri, original.announcedGraph(op.resource));
        }
    }
}
