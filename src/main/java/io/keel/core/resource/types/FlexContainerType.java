package io.keel.core.resource.types;

import io.keel.core.geo.Location;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.flex.FlexCatalogue;
import io.keel.core.resource.flex.Specialization;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code <flexContainer>} (ty 28), TS-0004 7.4.37 and TS-0001 9.6.35: one instance per specialization of the
 * catalogue, whose root element ({@code cod:binSh}) and custom attributes are those of the specialization; custom
 * attributes are checked like any other attribute. The {@link #generic} one stands for the resource type as such
 * (supported types, child type rules) and for a stored resource whose specialization left the catalogue.
 */
public final class FlexContainerType extends InstanceHolderType {
    /** containerDefinition: names the specialization (TS-0004 table 7.4.37.1-2: M on create, NP on update). */
    public static final String CONTAINER_DEFINITION = "cnd";
    private final Specialization specialization;
    private final FlexCatalogue catalogue;
    private final List<String> custom;

    private FlexContainerType(String prefix, String shortName, Specialization specialization, FlexCatalogue catalogue) {
        super(ResourceTypes.FLEX_CONTAINER, prefix, shortName, attributes(specialization),
                ResourceTypes.FLEX_CONTAINER_INSTANCE);
        this.specialization = specialization;
        this.catalogue = catalogue;
        this.custom = specialization == null ? List.of()
                : specialization.attributes().stream().map(AttributeDef::sn).toList();
    }

    /** The type of the resources of one specialization. */
    public static FlexContainerType of(Specialization s, FlexCatalogue catalogue) {
        return new FlexContainerType(s.prefix(), s.shortName(), s, catalogue);
    }

    /**
     * The resource type without a specialization: Keel's name for it is {@code m2m:fcnt} (TS-0004 defines no root
     * element for it); no request can create one.
     */
    public static FlexContainerType generic(FlexCatalogue catalogue) {
        return new FlexContainerType("m2m", "fcnt", null, catalogue);
    }

    private static List<AttributeDef> attributes(Specialization s) {
        List<AttributeDef> all = new ArrayList<>(List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.createOnly(CONTAINER_DEFINITION, AttributeType.ANY_URI, Presence.MANDATORY),
                AttributeDef.optional("or", AttributeType.ANY_URI),
                AttributeDef.readOnly("cs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("nl", AttributeType.ANY_URI),
                // Release 4: with any of the quotas the flexContainer keeps its states as flexContainerInstances.
                AttributeDef.optional("mni", AttributeType.NON_NEGATIVE_INTEGER).since("4"),
                AttributeDef.optional("mbs", AttributeType.NON_NEGATIVE_INTEGER).since("4"),
                AttributeDef.optional("mia", AttributeType.NON_NEGATIVE_INTEGER).since("4"),
                AttributeDef.readOnly("cni", AttributeType.NON_NEGATIVE_INTEGER).since("4"),
                AttributeDef.readOnly("cbs", AttributeType.NON_NEGATIVE_INTEGER).since("4"),
                AttributeDef.optional(Location.LOC, AttributeType.GEO_COORDINATES).since("4")));
        if (s != null) {
            all.addAll(s.attributes());
        }
        return all;
    }

    /** The specialization, or null for the generic type. */
    public Specialization specialization() {
        return specialization;
    }

    @Override
    public Set<Integer> childTypes() {
        // TS-0004 table 7.4.37.1-3, of the types Keel implements (no semanticDescriptor, timeSeries, transaction).
        return Set.of(ResourceTypes.CONTAINER, ResourceTypes.FLEX_CONTAINER, ResourceTypes.SUBSCRIPTION,
                ResourceTypes.FLEX_CONTAINER_INSTANCE);
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
    public boolean supportsAnnouncement() {
        return true;
    }

    /** containerDefinition is MA (TS-0001 table 9.6.35-2): the announced resource names its specialization too. */
    @Override
    public List<String> mandatoryAnnounced() {
        return List.of(CONTAINER_DEFINITION);
    }

    /**
     * OA (TS-0001 table 9.6.35-2): ontologyRef, nodeLink and the custom attributes. The Release-4 quotas and counters
     * are not announced: Keel announces in Release 3.
     */
    @Override
    public List<String> announcedAttributes() {
        List<String> out = new ArrayList<>(List.of("or", "nl"));
        out.addAll(custom);
        return out;
    }

    /**
     * A specialization's announced variant has its root element with the suffix Annc ({@code cod:binShAnnc}, as the
     * TS-0023 schemas name them); the generic type's is {@code m2m:fcntA}.
     */
    @Override
    public String announcedShortName() {
        return specialization == null ? super.announcedShortName() : shortName() + "Annc";
    }

    @Override
    public boolean creatableByRequest() {
        return specialization != null;
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        Object cnd = op.resource.attributes.get(CONTAINER_DEFINITION);
        if (!specialization.cnd().equals(cnd)) {
            // The schema is found by cnd (TS-0004 7.4.37.2.1): unknown is 4125, another specialization's is 4000.
            Specialization named = catalogue.byContainerDefinition(String.valueOf(cnd));
            if (named == null) {
                throw new OneM2MException(ResponseStatusCode.SPECIALIZATION_SCHEMA_NOT_FOUND,
                        "no flexContainer specialization has the containerDefinition " + cnd);
            }
            throw OneM2MException.badRequest("attribute cnd " + cnd + " names " + named.rootElement() + ", not "
                    + rootElement() + " (" + specialization.cnd() + ")");
        }
        if (op.parent.ty == ResourceTypes.FLEX_CONTAINER) {
            Specialization parent = catalogue.byContainerDefinition(String.valueOf(op.parent.get(CONTAINER_DEFINITION)));
            if (parent != null && !parent.children().contains(rootElement())) {
                throw new OneM2MException(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, rootElement()
                        + " cannot be created under " + parent.rootElement() + ", which holds "
                        + (parent.children().isEmpty() ? "no flexContainer" : String.join(", ", parent.children())));
            }
        }
        op.resource.cs = contentSize(op.resource);
        if (keepsInstances(op.resource)) {
            requireWithinMaxByteSize(op.resource);
            op.resource.attributes.put("cni", 0L);
            op.resource.attributes.put("cbs", 0L);
        }
    }

    /** The first state of a flexContainer that keeps instances is its first instance. */
    @Override
    public void afterCreate(ResourceOperation op) {
        if (keepsInstances(op.resource)) {
            storeInstance(op, op.resource);
            op.tree.update(op.resource);
        }
    }

    /**
     * Lowered quotas apply at once (as for a container); an Update that sets custom attributes of a flexContainer that
     * keeps instances stores the new state as one more instance. Quotas given for the first time start the counting.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        Resource fcnt = op.resource;
        fcnt.cs = contentSize(fcnt);
        if (!keepsInstances(fcnt)) {
            return; // no quota to keep (the counters of instances kept before stay as they are)
        }
        fcnt.attributes.putIfAbsent("cni", 0L);
        fcnt.attributes.putIfAbsent("cbs", 0L);
        if (op.given.keySet().stream().anyMatch(custom::contains)) {
            requireWithinMaxByteSize(fcnt);
            storeInstance(op, fcnt);
        }
        super.prepareUpdate(op);
    }

    /** Whether the flexContainer keeps its states as flexContainerInstances: it has mni, mbs or mia. */
    static boolean keepsInstances(Resource fcnt) {
        return fcnt.get("mni") != null || fcnt.get("mbs") != null || fcnt.get("mia") != null;
    }

    /** A state larger than maxByteSize could never be kept: 5207, as for a contentInstance (TS-0004 7.4.7.2.1). */
    private static void requireWithinMaxByteSize(Resource fcnt) {
        if (fcnt.get("mbs") instanceof Long mbs && fcnt.cs != null && fcnt.cs > mbs) {
            throw new OneM2MException(ResponseStatusCode.NOT_ACCEPTABLE,
                    "content size " + fcnt.cs + " exceeds the flexContainer's maxByteSize " + mbs);
        }
    }

    /** Stores the state of {@code fcnt} as a new flexContainerInstance and counts it; the caller stores {@code fcnt}. */
    private void storeInstance(ResourceOperation op, Resource fcnt) {
        Resource fcin = FlexContainerInstanceType.of(fcnt, custom, op);
        op.tree.insert(fcin);
        op.created(fcnt, fcin);
        count(op, fcnt, fcin, InstanceHolderType::byCreation);
    }

    /**
     * contentSize: the size in bytes of the custom attributes (TS-0004 7.4.37.2.1), which the standard leaves to the
     * serialization; Keel counts the UTF-8 bytes of each value as XML text carries it, whatever the request used.
     */
    long contentSize(Resource r) {
        long size = 0;
        for (String sn : custom) {
            Object v = r.attributes.get(sn);
            if (v instanceof Collection<?> l) {
                size += l.stream().map(String::valueOf).collect(Collectors.joining(" ")).getBytes(StandardCharsets.UTF_8).length;
            } else if (v != null) {
                size += String.valueOf(v).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }
}
