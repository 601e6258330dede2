package io.keel.core.resource;

import io.keel.core.resource.types.AccessControlPolicyType;
import io.keel.core.resource.types.AeType;
import io.keel.core.resource.types.ContainerType;
import io.keel.core.resource.types.ContentInstanceType;
import io.keel.core.resource.types.CseBaseType;
import io.keel.core.resource.types.GroupType;
import io.keel.core.resource.types.PollingChannelType;
import io.keel.core.resource.types.RequestType;
import io.keel.core.resource.types.SubscriptionType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The resource types this CSE implements, by number. */
public final class ResourceTypes {
    public static final int ACCESS_CONTROL_POLICY = 1;
    public static final int AE = 2;
    public static final int CONTAINER = 3;
    public static final int CONTENT_INSTANCE = 4;
    public static final int CSE_BASE = 5;
    public static final int GROUP = 9;
    public static final int POLLING_CHANNEL = 15;
    public static final int REQUEST = 17;
    public static final int SUBSCRIPTION = 23;

    private final Map<Integer, ResourceType> byTy = new LinkedHashMap<>();

    public ResourceTypes() {
        register(new AccessControlPolicyType());
        register(new CseBaseType());
        register(new AeType());
        register(new ContainerType());
        register(new ContentInstanceType());
        register(new GroupType());
        register(new PollingChannelType());
        register(new RequestType());
        register(new SubscriptionType());
    }

    private void register(ResourceType t) {
        byTy.put(t.ty(), t);
    }

    /** @return the type, or null when Keel does not implement it. */
    public ResourceType get(int ty) {
        return byTy.get(ty);
    }

    /** @return the type whose representation has this root element ({@code m2m:cnt}), or null. */
    public ResourceType byRootElement(String rootElement) {
        for (ResourceType t : byTy.values()) {
            if (t.rootElement().equals(rootElement)) {
                return t;
            }
        }
        return null;
    }

    public ResourceType require(int ty) {
        ResourceType t = byTy.get(ty);
        if (t == null) {
            throw new IllegalStateException("no resource type " + ty);
        }
        return t;
    }

    /** Whether some implemented type has an attribute of this short name (what attribute conditions may name). */
    public boolean isKnownAttribute(String sn) {
        return byTy.values().stream().anyMatch(t -> t.attribute(sn) != null);
    }

    /** Types that have no acpi and take their parent's access decision (all but accessControlPolicy, which has pvs). */
    public java.util.List<Integer> inheritingAccessControl() {
        return byTy.values().stream().filter(t -> !t.hasAccessControlPolicyIds() && t.ty() != ACCESS_CONTROL_POLICY)
                .map(ResourceType::ty).toList();
    }

    /** The supportedResourceType (srt) list the CSEBase advertises. */
    public java.util.List<Integer> supported() {
        return java.util.List.copyOf(byTy.keySet());
    }
}
