package io.keel.core.resource;

import io.keel.core.resource.AttributeDef.Presence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Keel knows about one resource type, in one place: its number and short name, its attributes as data,
 * the child types it accepts, and the few rules that cannot be said as data (hooks).
 */
public abstract class ResourceType {
    /**
     * accessControlPolicyIDs: the policies governing a resource, declared by each type that has it (shared/spec
     * §4.1); resources of types without it take their parent's decision.
     */
    public static final String ACCESS_CONTROL_POLICY_IDS = "acpi";
    /** Attributes every type has and only the CSE sets. */
    private static final List<AttributeDef> UNIVERSAL_READ_ONLY = List.of(
            AttributeDef.readOnly("ty", AttributeType.NON_NEGATIVE_INTEGER),
            AttributeDef.readOnly("ri", AttributeType.TOKEN),
            AttributeDef.readOnly("pi", AttributeType.TOKEN),
            AttributeDef.readOnly("ct", AttributeType.TIMESTAMP),
            AttributeDef.readOnly("lt", AttributeType.TIMESTAMP));

    private final int ty;
    private final String shortName;
    private final Map<String, AttributeDef> attributes = new LinkedHashMap<>();
    private final List<AttributeDef> specific;

    protected ResourceType(int ty, String shortName, List<AttributeDef> specificAttributes) {
        this.ty = ty;
        this.shortName = shortName;
        this.specific = List.copyOf(specificAttributes);
        List<AttributeDef> all = new ArrayList<>(UNIVERSAL_READ_ONLY);
        all.add(AttributeDef.createOnly("rn", AttributeType.STRING, Presence.OPTIONAL));
        if (hasExpirationTime()) {
            all.add(AttributeDef.optional("et", AttributeType.TIMESTAMP));
        }
        all.add(AttributeDef.optional("lbl", AttributeType.LIST_OF_TOKENS));
        if (hasStateTag()) {
            all.add(AttributeDef.readOnly("st", AttributeType.NON_NEGATIVE_INTEGER));
        }
        if (hasCreator()) {
            // Only the value null is allowed; the CSE stores the originator (TS-0004 7.3.3.3).
            all.add(AttributeDef.createOnly("cr", AttributeType.ANY, Presence.OPTIONAL));
        }
        all.addAll(specificAttributes);
        for (AttributeDef d : all) {
            attributes.put(d.sn(), d);
        }
    }

    public final int ty() {
        return ty;
    }

    /** Short name, the {@code m2m:<sn>} root element of its representation. */
    public final String shortName() {
        return shortName;
    }

    public final String rootElement() {
        return "m2m:" + shortName;
    }

    public final AttributeDef attribute(String sn) {
        return attributes.get(sn);
    }

    public final Map<String, AttributeDef> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** The type-specific attributes, in the order representations list them. */
    public final List<AttributeDef> specificAttributes() {
        return specific;
    }

    /** Whether the type declares accessControlPolicyIDs. */
    public final boolean hasAccessControlPolicyIds() {
        return attributes.containsKey(ACCESS_CONTROL_POLICY_IDS);
    }

    /**
     * Attributes oneM2M defines for this type that Keel does not support, short name → long name: a request that
     * sets one is refused as a known attribute, not reported as an unknown one.
     */
    public Map<String, String> unsupportedAttributes() {
        return Map.of();
    }

    /** Types a Create may put under a resource of this type. */
    public Set<Integer> childTypes() {
        return Set.of();
    }

    /** Names of virtual children (la, ol, …) addressed under resources of this type. */
    public Set<String> virtualChildren() {
        return Set.of();
    }

    public boolean hasStateTag() {
        return false;
    }

    public boolean hasCreator() {
        return false;
    }

    public boolean hasExpirationTime() {
        return true;
    }

    /** False for types only the CSE creates (CSEBase, request). */
    public boolean creatableByRequest() {
        return true;
    }

    /** False for types an Update may not change (contentInstance: 4005). */
    public boolean updatable() {
        return true;
    }

    /**
     * Type rules for a Create, run inside the write transaction with the parent locked, after the generic
     * attribute checks and before the new resource is stored: fill CSE-set attributes, check cross-attribute rules.
     */
    public void prepareCreate(ResourceOperation op) {
    }

    /** Type rules after the new resource is stored (e.g. a contentInstance updates its container). */
    public void afterCreate(ResourceOperation op) {
    }

    /** Type rules for an Update, before it is stored; {@code op.resource} already holds the new values. */
    public void prepareUpdate(ResourceOperation op) {
    }

    /** Type rules before a resource of this type is deleted (e.g. its container's counters). */
    public void beforeDelete(ResourceOperation op) {
    }
}
