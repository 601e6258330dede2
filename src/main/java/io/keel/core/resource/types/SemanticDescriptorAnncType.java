package io.keel.core.resource.types;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.semantic.DescriptorIndexing;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import io.keel.primitive.OneM2MException;
import java.util.Set;
import org.apache.jena.graph.Graph;

/**
 * {@code <semanticDescriptorAnnc>} (ty 10024, m2m:smdA; TS-0004 7.4.34, TS-0001 table 9.6.30-2): when the original
 * announces its descriptor (dsp and dcrp, OA), this CSE indexes those triples as it does its own descriptors', so that
 * semantic discovery and semantic queries here see what the announced resource describes. It is the original's copy:
 * it parses, it is not validated (the original's CSE did that).
 */
final class SemanticDescriptorAnncType extends AnnouncedType {
    private final SemanticSettings limits;

    SemanticDescriptorAnncType(SemanticDescriptorType original, Set<Integer> childTypes, SemanticSettings limits) {
        super(original, childTypes);
        this.limits = limits;
    }

    /** The descriptor is read in the syntax dcrp names: without it there is nothing to index (4000). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        descriptor(op.resource);
    }

    @Override
    public void afterCreate(ResourceOperation op) {
        DescriptorIndexing.replace(op.semantics(), op.resource.ri, descriptor(op.resource));
    }

    /** The announcing CSE sends dsp null once aa no longer names it: the index empties with it. */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (op.given.containsKey(SemanticDescriptorType.DESCRIPTOR)
                || op.given.containsKey(SemanticDescriptorType.DESCRIPTOR_REPRESENTATION)) {
            DescriptorIndexing.replace(op.semantics(), op.resource.ri, descriptor(op.resource));
        }
    }

    private Graph descriptor(Resource r) {
        Object dsp = r.get(SemanticDescriptorType.DESCRIPTOR);
        if (dsp == null) {
            return Rdf.emptyGraph();
        }
        Object dcrp = r.get(SemanticDescriptorType.DESCRIPTOR_REPRESENTATION);
        if (!(dcrp instanceof Number n)) {
            throw OneM2MException.badRequest("an announced descriptor (dsp) needs its descriptorRepresentation (dcrp) to be read");
        }
        return Rdf.parse(SemanticDescriptorType.DESCRIPTOR, dsp,
                SemanticFormat.ofContent(n.longValue(), SemanticDescriptorType.DESCRIPTOR_REPRESENTATION), limits);
    }
}
