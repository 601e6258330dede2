package io.keel.core.resource.types;

import io.keel.core.geo.Location;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceContent;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.ContentTriples;
import io.keel.core.semantic.SemanticSettings;
import io.keel.core.store.ResourceTree;
import io.keel.serialization.ContentCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <contentInstance>} (ty 4, m2m:cin), TS-0004 7.4.7: immutable; its container keeps the counters, and its con is
 * what content filters test; RDF content may be duplicated as a semanticDescriptor child. Release 4 adds dataGenerationTime (dgt): optional, given on Create as a timeSeriesInstance's
 * is (TS-0004 7.4.39), and what the generation-time conditions of filter criteria (dgb, dga) match.
 */
public final class ContentInstanceType extends ResourceType {
    private final SemanticSettings semantics;

    /** @param semantics whether and within which bounds RDF content is duplicated as triples (TS-0004 7.4.7.2.1) */
    public ContentInstanceType(SemanticSettings semantics) {
        super(ResourceTypes.CONTENT_INSTANCE, "cin", List.of(
                AttributeDef.createOnly("cnf", AttributeType.CONTENT_INFO, Presence.OPTIONAL),
                AttributeDef.readOnly("cs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.createOnly("or", AttributeType.ANY_URI, Presence.OPTIONAL),
                AttributeDef.createOnly("con", AttributeType.ANY, Presence.MANDATORY),
                // m2m:absRelTimestamp: checked and made absolute in prepareCreate, where "now" is known.
                AttributeDef.createOnly(TimeSeriesInstanceType.DATA_GENERATION_TIME, AttributeType.ANY, Presence.OPTIONAL)
                        .since("4"),
                // Release 4 location (m2m:geoCoordinates): given at creation, as every attribute of an instance.
                AttributeDef.createOnly(Location.LOC, AttributeType.GEO_COORDINATES, Presence.OPTIONAL).since("4")));
        this.semantics = semantics;
    }

    /** TS-0004 table 7.4.7.1-4: semanticDescriptor (and transaction, which Keel does not have). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SEMANTIC_DESCRIPTOR);
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        // Not the Release-4 dgt: Keel announces in Release 3 (as for the flexContainer's quotas).
        return List.of("cnf", "cs", "or", "con");
    }

    @Override
    public Map<String, String> unsupportedAttributes() {
        return Map.of("conr", "contentRef");
    }

    @Override
    public boolean hasStateTag() {
        return true;
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    @Override
    public boolean updatable() {
        return false;
    }

    /** Creates under one container wait for its lock one after the other anyway: they may share the commit too. */
    @Override
    public boolean createsShareCommits() {
        return true;
    }

    @Override
    public boolean hasContent() {
        return true;
    }

    @Override
    public ResourceContent content(Resource cin) {
        return new ResourceContent(cin.get("con"), contentInfoPart(cin.get("cnf"), 1));
    }

    /** An instance of a container that disables retrieval (disr) cannot be read or deleted (TS-0004 7.4.7.2.2, 7.4.7.2.4). */
    @Override
    public void checkReadable(ResourceTree tree, Resource cin) {
        InstanceHolderType.requireRetrievable(tree.find(cin.pi));
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        Resource cin = op.resource;
        Resource cnt = op.parent;
        cin.cs = sizeOf(cin.get("con"));
        cin.cty = contentInfoPart(cin.get("cnf"), 0);
        if (cin.get(TimeSeriesInstanceType.DATA_GENERATION_TIME) != null) {
            TimeSeriesInstanceType.generationTime(op);
        }
        InstanceHolderType.admit(cnt, cin);
        // The container's stateTag counts every new instance; the instance carries the value it caused.
        cnt.st++;
        cin.st = cnt.st;
    }

    /**
     * Counted by its container; RDF content is duplicated as triples in a semanticDescriptor child when
     * keel.semantics.content-triples is on (TS-0004 7.4.7.2.1, see {@link ContentTriples}).
     */
    @Override
    public void afterCreate(ResourceOperation op) {
        InstanceHolderType.instanceAdded(op, InstanceHolderType::byCreation);
        if (semantics.contentTriples()) {
            ContentTriples.Descriptor d = ContentTriples.of(op.resource.get("cnf"), op.resource.get("con"), semantics);
            if (d != null) {
                ContentDescriptor.create(op, op.resource, d);
            }
        }
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        InstanceHolderType.instanceRemoved(op);
    }

    /** One part of a contentInfo, {@code type/subtype:encoding[:security]} (TS-0004 6.3.5.x): 0 the media type, 1 the encoding. */
    private static String contentInfoPart(Object cnf, int part) {
        if (cnf instanceof String s) {
            String[] parts = s.split(":", 3);
            return parts.length > part ? parts[part] : null;
        }
        return null;
    }

    /** contentSize: the bytes of a string content, or of its JSON form when the content is structured. */
    static long sizeOf(Object con) {
        if (con instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return ContentCodec.toJson(con).getBytes(StandardCharsets.UTF_8).length;
    }
}
