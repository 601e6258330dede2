package io.keel.core.resource.types;

import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.flex.CatalogueLoader;
import io.keel.core.resource.flex.FlexCatalogue;
import io.keel.core.resource.flex.Specialization;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The resource types this CSE implements, by number: adding a type means adding its class and a line here. */
public final class TypeRegistry {
    private final Map<Integer, ResourceType> byTy = new LinkedHashMap<>();
    private final Map<String, ResourceType> byRootElement = new LinkedHashMap<>();
    // What the types say together, derived once: deletions, discovery and content filters ask on every request.
    private final List<Integer> inheritingAccessControl;
    private final Set<Integer> childless;
    private final List<Visibility.HiddenChildren> hiddenChildren;
    private final Set<Integer> withContent;
    private final Set<String> fanOutPoints;
    private final FlexCatalogue flex;
    /** One type per flexContainer specialization, by containerDefinition (what a stored resource keeps). */
    private final Map<String, FlexContainerType> flexByCnd = new LinkedHashMap<>();

    /** With the flexContainer specializations Keel ships. */
    public TypeRegistry() {
        this(new FlexCatalogue(CatalogueLoader.builtIn()));
    }

    public TypeRegistry(FlexCatalogue flex) {
        this.flex = flex;
        register(new AccessControlPolicyType());
        register(new CseBaseType());
        register(new AeType());
        register(new ContainerType());
        register(new ContentInstanceType());
        register(new FlexContainerInstanceType());
        register(new GroupType());
        register(new PollingChannelType());
        register(new RemoteCseType());
        register(new RequestType());
        register(new SubscriptionType(this::get));
        register(FlexContainerType.generic(flex));
        for (Specialization s : flex.all()) {
            FlexContainerType t = FlexContainerType.of(s, flex);
            byRootElement.put(t.rootElement(), t);
            flexByCnd.put(s.cnd(), t);
        }
        // One announced type per type Keel announces, declared from it (TS-0004 7.4.26).
        for (ResourceType original : List.copyOf(byTy.values())) {
            if (original.supportsAnnouncement()) {
                Set<Integer> children = original.childTypes().stream().map(byTy::get)
                        .filter(t -> t != null && t.supportsAnnouncement()).map(t -> AnnouncedType.OFFSET + t.ty())
                        .collect(Collectors.toUnmodifiableSet());
                register(new AnnouncedType(original, children));
            }
        }
        inheritingAccessControl = byTy.values().stream().filter(t -> !t.hasAccessControlPolicyIds() && !t.governsItself())
                .map(ResourceType::ty).toList();
        childless = byTy.values().stream().filter(ResourceType::childless).map(ResourceType::ty)
                .collect(Collectors.toUnmodifiableSet());
        hiddenChildren = byTy.values().stream().flatMap(t -> t.hiddenChildren().stream()).toList();
        withContent = byTy.values().stream().filter(ResourceType::hasContent).map(ResourceType::ty)
                .collect(Collectors.toUnmodifiableSet());
        fanOutPoints = byTy.values().stream().flatMap(t -> t.virtualChildren().values().stream())
                .filter(v -> v.fansOut()).map(v -> v.name()).collect(Collectors.toUnmodifiableSet());
    }

    private void register(ResourceType t) {
        byTy.put(t.ty(), t);
        byRootElement.put(t.rootElement(), t);
    }

    /** Each type, in registration order. */
    public void forEach(java.util.function.Consumer<ResourceType> action) {
        byTy.values().forEach(action);
    }

    /** @return the type, or null when Keel does not implement it. */
    public ResourceType get(int ty) {
        return byTy.get(ty);
    }

    /** The type of a stored resource, which is always one Keel implements. */
    public ResourceType require(int ty) {
        ResourceType t = byTy.get(ty);
        if (t == null) {
            throw new IllegalStateException("no resource type " + ty);
        }
        return t;
    }

    /**
     * The type a request asks to create: 5001 for a type the standard defines but Keel does not implement, 4000 for a
     * number the standard does not know.
     */
    public ResourceType requested(int ty) {
        ResourceType type = byTy.get(ty);
        if (type != null) {
            return type;
        }
        if (ResourceTypes.isDefined(ty)) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "resource type " + ty + " is not supported by this CSE");
        }
        throw OneM2MException.badRequest("unknown resource type " + ty);
    }

    /**
     * The type of a stored resource: its flexContainer specialization (by cnd) for a flexContainer, the generic
     * flexContainer type when the catalogue no longer has it.
     */
    public ResourceType typeOf(Resource r) {
        if (r.ty == ResourceTypes.FLEX_CONTAINER && r.get(FlexContainerType.CONTAINER_DEFINITION) instanceof String cnd
                && flexByCnd.get(cnd) != null) {
            return flexByCnd.get(cnd);
        }
        return require(r.ty);
    }

    /**
     * The type a Create's content stands for, leniently: the specialization its root element names for a
     * flexContainer (else the generic one), the type of the number otherwise; null when Keel does not implement it.
     */
    public ResourceType get(int ty, Object content) {
        if (ty == ResourceTypes.FLEX_CONTAINER && content instanceof Map<?, ?> root && root.size() == 1
                && byRootElement.get(String.valueOf(root.keySet().iterator().next())) instanceof FlexContainerType t
                && t.specialization() != null) {
            return t;
        }
        return get(ty);
    }

    /**
     * {@link #requested(int)}, and for a flexContainer the specialization its content's root element names: 4125 when
     * neither the root element nor the cnd names one Keel knows (TS-0004 7.4.37.2.1), 4000 for a content of no
     * specialization's shape.
     */
    public ResourceType requested(int ty, Object content) {
        ResourceType type = requested(ty);
        if (ty != ResourceTypes.FLEX_CONTAINER) {
            return type;
        }
        if (!(content instanceof Map<?, ?> root) || root.size() != 1) {
            throw OneM2MException.badRequest("the content of a flexContainer must be a single element of its specialization"
                    + " (such as cod:binSh)");
        }
        Map.Entry<?, ?> e = root.entrySet().iterator().next();
        if (byRootElement.get(String.valueOf(e.getKey())) instanceof FlexContainerType t
                && t.specialization() != null) {
            return t;
        }
        Object cnd = e.getValue() instanceof Map<?, ?> inner ? inner.get(FlexContainerType.CONTAINER_DEFINITION) : null;
        Specialization named = cnd instanceof String s ? flex.byContainerDefinition(s) : null;
        if (named != null) {
            throw OneM2MException.badRequest("cnd " + cnd + " is the containerDefinition of " + named.rootElement() + ", not of "
                    + e.getKey());
        }
        throw new OneM2MException(ResponseStatusCode.SPECIALIZATION_SCHEMA_NOT_FOUND, "no flexContainer specialization "
                + (cnd == null ? "has the root element " + e.getKey() : "has the containerDefinition " + cnd));
    }

    /** The flexContainer specializations this CSE knows. */
    public FlexCatalogue flexCatalogue() {
        return flex;
    }

    /** @return the type whose representation has this root element ({@code m2m:cnt}, {@code cod:binSh}), or null. */
    public ResourceType byRootElement(String rootElement) {
        return byRootElement.get(rootElement);
    }

    /** Whether some implemented type has an attribute of this short name (what attribute conditions may name). */
    public boolean isKnownAttribute(String sn) {
        return byRootElement.values().stream().anyMatch(t -> t.attribute(sn) != null);
    }

    /**
     * Whether every type that has an attribute of this short name declares it as a number stored as a double (xs:float
     * custom attributes): attribute conditions on it compare numbers, not texts.
     */
    public boolean isFloatAttribute(String sn) {
        return byRootElement.values().stream().map(t -> t.attribute(sn)).filter(d -> d != null)
                .allMatch(d -> d.type() == AttributeType.FLOAT) && isKnownAttribute(sn);
    }

    /** Types without acpi that take their parent's access decision (all but those governed by their own privileges). */
    public List<Integer> inheritingAccessControl() {
        return inheritingAccessControl;
    }

    /** Types that never have children, which a deletion need not look below. */
    public Set<Integer> childless() {
        return childless;
    }

    /** What discovery and child lists never show, whoever asks, over all types. */
    public List<Visibility.HiddenChildren> hiddenChildren() {
        return hiddenChildren;
    }

    /** Types whose resources carry content a content filter (cfs/cfq) can test. */
    public Set<Integer> withContent() {
        return withContent;
    }

    /** Names of the virtual children that fan out (a group's fopt), whatever type has them. */
    public Set<String> fanOutPoints() {
        return fanOutPoints;
    }

    /** The supportedResourceType (srt) list the CSEBase advertises. */
    public List<Integer> supported() {
        return List.copyOf(byTy.keySet());
    }
}
