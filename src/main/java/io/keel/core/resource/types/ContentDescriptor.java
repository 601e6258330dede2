package io.keel.core.resource.types;

import io.keel.core.Identifiers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.ContentTriples;
import io.keel.core.semantic.DescriptorIndexing;

/**
 * The semanticDescriptor a contentInstance's RDF content is duplicated into (TS-0004 7.4.7.2.1 a, b): a child named
 * {@value #NAME}, its descriptor the content's triples in the content's own syntax, created with the instance (same
 * originator, same expiry) and indexed like any descriptor, so semantic discovery finds the instance by its data.
 */
final class ContentDescriptor {
    /** The child's resource name; the instance has no other child when it is created. */
    static final String NAME = "contentDescriptor";

    private ContentDescriptor() {
    }

    /** Stores the descriptor of {@code cin}, which is stored already. */
    static void create(ResourceOperation op, Resource cin, ContentTriples.Descriptor d) {
        Resource smd = new Resource();
        smd.ty = ResourceTypes.SEMANTIC_DESCRIPTOR;
        smd.ri = Identifiers.newResourceId("smd");
        smd.pi = cin.ri;
        smd.rn = NAME;
        smd.srn = cin.srn + "/" + NAME;
        smd.ct = cin.ct;
        smd.lt = cin.ct;
        smd.et = cin.et;
        smd.origin = cin.origin;
        smd.attributes.put(SemanticDescriptorType.DESCRIPTOR_REPRESENTATION, (long) d.format().value());
        smd.attributes.put(SemanticDescriptorType.DESCRIPTOR, d.base64());
        op.tree.insert(smd);
        DescriptorIndexing.replace(op.semantics(), smd.ri, smd.pi, d.graph());
        op.created(cin, smd);
    }
}
