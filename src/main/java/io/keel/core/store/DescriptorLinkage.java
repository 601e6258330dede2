package io.keel.core.store;

/**
 * Whether the CSE holds anything that makes a semanticsFilter reach beyond the graph of each descriptor alone (TS-0004
 * 7.3.3.18.1, 7.3.3.18.2), anywhere: what {@link SemanticIndex#linkage} finds in one lookup. When it holds none, a
 * semantic discovery needs no lookup below its target to know that the database may match each descriptor on its own.
 *
 * @param related   a resource of the descriptor type with the relatedSemantics attribute
 * @param annotated a triple whose predicate is the annotation (m2m:resourceDescriptorLink)
 * @param announced a resource of the announced descriptor type (semanticDescriptorAnnc)
 */
public record DescriptorLinkage(boolean related, boolean annotated, boolean announced) {
    /** What to look for: the types, attribute and predicate by which the store knows them. */
    public record Kinds(int descriptorType, String relatedAttribute, String annotation, int announcedType) {
    }

    public boolean none() {
        return !related && !annotated && !announced;
    }
}
