package io.keel.core.resource.types;

import io.keel.core.resource.ResourceType;
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

    public TypeRegistry() {
        register(new AccessControlPolicyType());
        register(new CseBaseType());
        register(new AeType());
        register(new ContainerType());
        register(new ContentInstanceType());
        register(new GroupType());
        register(new PollingChannelType());
        register(new RemoteCseType());
        register(new RequestType());
        register(new SubscriptionType(this::get));
        register(new TimeSeriesType());
        register(new TimeSeriesInstanceType());
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

    /** @return the type whose representation has this root element ({@code m2m:cnt}), or null. */
    public ResourceType byRootElement(String rootElement) {
        return byRootElement.get(rootElement);
    }

    /** Whether some implemented type has an attribute of this short name (what attribute conditions may name). */
    public boolean isKnownAttribute(String sn) {
        return byTy.values().stream().anyMatch(t -> t.attribute(sn) != null);
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
