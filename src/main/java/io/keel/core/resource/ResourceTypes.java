package io.keel.core.resource;

/**
 * The resourceType numbers (TS-0004 6.3.4.2.1) of the types this CSE implements. What each type is and does lives in
 * its class in {@code core.resource.types}, found through {@link io.keel.core.resource.types.TypeRegistry}.
 */
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

    private ResourceTypes() {
    }

    /**
     * Resource type numbers the standard defines: 1–51 (TS-0004 6.3.4.2.1), the Release-4 types 58–66, and announced
     * variants (+10000).
     */
    public static boolean isDefined(int ty) {
        int base = ty > 10000 ? ty - 10000 : ty;
        return (base >= 1 && base <= 51) || (base >= 58 && base <= 66);
    }
}
