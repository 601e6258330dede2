package io.keel.core.semantic;

import io.keel.primitive.RequestPrimitive;
import java.util.List;
import java.util.Map;

/**
 * TS-0004 7.4.34.2.1 Recv-6.5 c (and 7.4.34.2.3 c): a {@code <semanticDescriptor>} with validationEnable true that
 * links, recursively, a descriptor of another CSE is validated by the {@code <semanticValidation>} of the CSE hosting
 * the ontology its ontologyRef names, which this CSE asks before the Create's or Update's write transaction and
 * awaits holding no lock. A descriptor linking none is validated in the write transaction ({@link LinkedValidation}).
 */
public interface ValidationElsewhere {
    /** A CSE that asks no {@code <semanticValidation>}: a remote link is refused in the transaction (4119). */
    ValidationElsewhere NONE = (request, ri, smd, links) -> null;

    /**
     * @param request the Create or Update under way
     * @param ri      the descriptor's resource ID
     * @param smd     the descriptor's representation as it is to be stored (dcrp, dsp, or, rels)
     * @param links   the addresses its relatedSemantics and m2m:resourceDescriptorLink triples name
     * @return null when it links no descriptor of another CSE; else the address of the {@code <semanticValidation>}
     *         that found it valid
     * @throws io.keel.primitive.OneM2MException what that validation answered when it is not valid (INVALID_SEMANTICS,
     *                                           ONTOLOGY_NOT_AVAILABLE, LINKED_SEMANTICS_NOT_AVAILABLE), or
     *                                           TARGET_NOT_REACHABLE when it gave no validation result
     */
    String validate(RequestPrimitive request, String ri, Map<String, Object> smd, List<String> links);
}
