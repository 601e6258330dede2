package io.keel.core.resource;

import java.util.Set;

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
    public static final int EXEC_INSTANCE = 8;
    public static final int GROUP = 9;
    public static final int LOCATION_POLICY = 10;
    public static final int M2M_SERVICE_SUBSCRIPTION_PROFILE = 11;
    public static final int MGMT_CMD = 12;
    public static final int MGMT_OBJ = 13;
    public static final int NODE = 14;
    public static final int POLLING_CHANNEL = 15;
    public static final int REMOTE_CSE = 16;
    public static final int REQUEST = 17;
    public static final int SCHEDULE = 18;
    public static final int SERVICE_SUBSCRIBED_APP_RULE = 19;
    public static final int SERVICE_SUBSCRIBED_NODE = 20;
    public static final int SUBSCRIPTION = 23;
    public static final int SEMANTIC_DESCRIPTOR = 24;
    public static final int NOTIFICATION_TARGET_MGMT_POLICY_REF = 25;
    public static final int NOTIFICATION_TARGET_POLICY = 26;
    public static final int POLICY_DELETION_RULES = 27;
    public static final int FLEX_CONTAINER = 28;
    public static final int TIME_SERIES = 29;
    public static final int TIME_SERIES_INSTANCE = 30;
    public static final int ROLE = 31;
    public static final int TOKEN = 32;
    public static final int DYNAMIC_AUTHORIZATION_CONSULTATION = 34;
    public static final int AUTHORIZATION_DECISION = 35;
    public static final int AUTHORIZATION_POLICY = 36;
    public static final int AUTHORIZATION_INFORMATION = 37;
    public static final int ONTOLOGY_REPOSITORY = 38;
    public static final int ONTOLOGY = 39;
    public static final int CROSS_RESOURCE_SUBSCRIPTION = 48;
    /** Release 4 (TS-0004 V4 table 6.3.4.2.1-1). */
    public static final int FLEX_CONTAINER_INSTANCE = 58;

    private ResourceTypes() {
    }

    /** The announced types TS-0004 table 6.3.4.2.1-1 lists (10033 is reserved there, as 33 is). */
    private static final Set<Integer> ANNOUNCED = Set.of(10001, 10002, 10003, 10004, 10005, 10009, 10010, 10013, 10014,
            10016, 10018, 10024, 10028, 10029, 10030, 10038, 10039, 10040, 10041, 10042, 10046);

    /**
     * Resource type numbers the standard defines: 1–51 but the reserved 33 (TS-0004 table 6.3.4.2.1-1), the Release-4
     * types 58–66, and the announced types the table lists.
     */
    public static boolean isDefined(int ty) {
        return (ty >= 1 && ty <= 51 && ty != 33) || (ty >= 58 && ty <= 66) || ANNOUNCED.contains(ty);
    }
}
