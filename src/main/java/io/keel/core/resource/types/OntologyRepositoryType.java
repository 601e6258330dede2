package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.core.resource.VirtualChild;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <ontologyRepository>} (ty 38, m2m:ontr), TS-0004 7.4.46: holds the {@code <ontology>} resources this CSE
 * hosts, against which semanticDescriptors are validated, and the virtual child {@code smv} (semanticValidation,
 * TS-0004 7.4.48) that validates a descriptor sent to it. At most one, under the CSEBase (TS-0004 table 7.4.3.1-4).
 */
public final class OntologyRepositoryType extends ResourceType {
    public static final String SEMANTIC_VALIDATION = "smv";

    public OntologyRepositoryType() {
        super(ResourceTypes.ONTOLOGY_REPOSITORY, "ontr", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS)));
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /**
     * Announced as ontologyRepositoryAnnc (10038, m2m:ontrA): TS-0001 table 9.6.50-2 announces labels (MA) and no
     * specific attribute; ct and lt (MA there) are the announced resource's own, as TS-0004 table 7.4.26.1-2 has them.
     */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    /** TS-0004 table 7.4.46.1-3, of the types Keel implements (no transaction); smv is virtual. */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION, ResourceTypes.ONTOLOGY);
    }

    /** TS-0004 7.4.46.2.1, 7.4.46.2.4: it exists with the repository and goes with it. */
    @Override
    public Map<String, VirtualChild> virtualChildren() {
        return Map.of(SEMANTIC_VALIDATION, SemanticValidation.INSTANCE);
    }

    /** A second repository under the CSEBase conflicts (4105). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        if (!op.tree.children(op.parent.ri, ResourceTypes.ONTOLOGY_REPOSITORY).isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, op.parent.srn + " has an ontologyRepository already");
        }
    }

    /** {@code smv}: an Update of it validates a descriptor, which {@code core.operation.SemanticValidationOperation} does. */
    private static final class SemanticValidation extends VirtualChild {
        static final SemanticValidation INSTANCE = new SemanticValidation();

        private SemanticValidation() {
            super(SEMANTIC_VALIDATION);
        }

        @Override
        public boolean validatesSemantics() {
            return true;
        }
    }
}
