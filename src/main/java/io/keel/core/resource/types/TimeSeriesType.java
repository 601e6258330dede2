package io.keel.core.resource.types;

import io.keel.core.geo.Location;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code <timeSeries>} (ty 29, m2m:ts), TS-0004 7.4.38, TS-0001 9.6.36: holds timeSeriesInstances within quotas like a
 * container; with periodicInterval and missingDataDetect the CSE watches for missing data points (TS-0001 10.2.4.29,
 * see {@link io.keel.core.MissingDataDetector}).
 */
public final class TimeSeriesType extends InstanceHolderType {
    public static final String PERIODIC_INTERVAL = "pei";
    public static final String PERIODIC_INTERVAL_DELTA = "peid";
    public static final String MISSING_DATA_DETECT = "mdd";
    public static final String MISSING_DATA_MAX_NR = "mdn";
    public static final String MISSING_DATA_LIST = "mdlt";
    public static final String MISSING_DATA_CURRENT_NR = "mdc";
    public static final String MISSING_DATA_DETECT_TIMER = "mdt";
    /** What an Update naming missingDataDetect, or of a series that detects, may not set (TS-0004 7.4.38.2.3). */
    private static final List<String> DETECTION_PARAMETERS =
            List.of(MISSING_DATA_DETECT_TIMER, MISSING_DATA_MAX_NR, PERIODIC_INTERVAL_DELTA, PERIODIC_INTERVAL);

    public TimeSeriesType() {
        super(ResourceTypes.TIME_SERIES, "ts", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("mni", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("mbs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("mia", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("cni", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("cbs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional(PERIODIC_INTERVAL, AttributeType.POSITIVE_INTEGER),
                AttributeDef.optional(PERIODIC_INTERVAL_DELTA, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional(MISSING_DATA_DETECT, AttributeType.BOOLEAN),
                AttributeDef.optional(MISSING_DATA_MAX_NR, AttributeType.POSITIVE_INTEGER),
                AttributeDef.readOnly(MISSING_DATA_LIST, AttributeType.ANY),
                AttributeDef.readOnly(MISSING_DATA_CURRENT_NR, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional(MISSING_DATA_DETECT_TIMER, AttributeType.POSITIVE_INTEGER),
                AttributeDef.optional("or", AttributeType.ANY_URI),
                AttributeDef.createOnly("cnf", AttributeType.CONTENT_INFO, Presence.OPTIONAL),
                AttributeDef.optional(Location.LOC, AttributeType.GEO_COORDINATES).since("4")),
                ResourceTypes.TIME_SERIES_INSTANCE);
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        // The OA ones of TS-0001 table 9.6.36-2.
        return List.of("mni", "mbs", "mia", PERIODIC_INTERVAL, PERIODIC_INTERVAL_DELTA, "or", MISSING_DATA_MAX_NR,
                MISSING_DATA_DETECT_TIMER, "cnf");
    }

    /** Report_on_missing_data_points (TS-0004 table 6.3.4.2.19-1). */
    @Override
    public Set<Long> ownEventTypes() {
        return Set.of(8L);
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.TIME_SERIES_INSTANCE, ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        op.resource.attributes.put("cni", 0L);
        op.resource.attributes.put("cbs", 0L);
        checkDetection(op.resource, op.given.containsKey(PERIODIC_INTERVAL));
        // Monitoring starts with the first timeSeriesInstance (TS-0004 7.4.38.2.1), see TimeSeriesInstanceType.
    }

    /** TS-0004 7.4.38.2.3. */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        Resource ts = op.resource;
        boolean detectGiven = op.given.containsKey(MISSING_DATA_DETECT);
        boolean detectedBefore = Boolean.TRUE.equals(detectGiven ? op.previous.get(MISSING_DATA_DETECT) : ts.get(MISSING_DATA_DETECT));
        if (detectGiven || detectedBefore) {
            List<String> named = DETECTION_PARAMETERS.stream().filter(op.given::containsKey).toList();
            if (!named.isEmpty()) {
                throw OneM2MException.badRequest("an update " + (detectGiven ? "setting mdd" : "of a timeSeries with mdd=true")
                        + " cannot also set " + String.join(", ", named));
            }
        }
        checkDetection(ts, op.given.containsKey(PERIODIC_INTERVAL));
        if (detectGiven) {
            // true: clear the list and (re)start with the next instance; false: stop, keep the list.
            op.timeSeries.unwatch(ts.ri);
            if (Boolean.TRUE.equals(ts.get(MISSING_DATA_DETECT))) {
                ts.attributes.remove(MISSING_DATA_LIST);
                ts.attributes.put(MISSING_DATA_CURRENT_NR, 0L);
            }
        }
        super.prepareUpdate(op);
    }

    /**
     * peid ≤ pei/2, set to 0 (Keel's local policy) when a pei comes without it; with mdd true, pei is set and
     * mdt > peid (TS-0004 7.4.38.2.1, 7.4.38.2.3: 4000).
     */
    private static void checkDetection(Resource ts, boolean periodicIntervalGiven) {
        Long pei = (Long) ts.get(PERIODIC_INTERVAL);
        Long peid = (Long) ts.get(PERIODIC_INTERVAL_DELTA);
        if (pei != null && periodicIntervalGiven && peid == null) {
            peid = 0L;
            ts.attributes.put(PERIODIC_INTERVAL_DELTA, peid);
        }
        if (pei != null && peid != null && peid > pei / 2) {
            throw OneM2MException.badRequest("peid " + peid + " must be at most pei/2 (" + pei / 2 + ")");
        }
        if (Boolean.TRUE.equals(ts.get(MISSING_DATA_DETECT))) {
            if (pei == null) {
                throw OneM2MException.badRequest("mdd=true needs pei: missing data are detected on a periodic series only");
            }
            Long mdt = (Long) ts.get(MISSING_DATA_DETECT_TIMER);
            long delta = peid == null ? 0 : peid;
            if (mdt == null || mdt <= delta) {
                throw OneM2MException.badRequest("mdd=true needs mdt greater than peid (" + delta + ")");
            }
        }
    }

    /** A quota removes the instances of the oldest dataGenerationTime first (TS-0001 10.2.4.25). */
    @Override
    protected List<Resource> oldest(ResourceOperation op, String holder, int instanceType, int limit) {
        return byGenerationTime(op, holder, instanceType, limit);
    }

    static List<Resource> byGenerationTime(ResourceOperation op, String holder, int instanceType, int limit) {
        return op.timeSeries.oldestGenerated(holder, limit).stream().map(op.tree::find).toList();
    }

    /** Whether the CSE watches this series for missing data points (TS-0001 10.2.4.29). */
    public static boolean detects(Resource ts) {
        return Boolean.TRUE.equals(ts.get(MISSING_DATA_DETECT)) && ts.get(PERIODIC_INTERVAL) != null
                && ts.get(MISSING_DATA_DETECT_TIMER) != null;
    }

    /**
     * Records a missing data point: its dataGenerationTime joins mdlt, the oldest going when mdn would be exceeded, and
     * mdc counts it up to mdn (TS-0004 7.4.38.2.1).
     */
    @SuppressWarnings("unchecked")
    public static void recordMissing(Resource ts, String dataGenerationTime) {
        List<Object> list = ts.get(MISSING_DATA_LIST) instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
        list.add(dataGenerationTime);
        long count = ts.getLong(MISSING_DATA_CURRENT_NR, 0) + 1;
        Long mdn = (Long) ts.get(MISSING_DATA_MAX_NR);
        if (mdn != null) {
            while (list.size() > mdn) {
                list.remove(0);
            }
            count = Math.min(count, mdn);
        }
        ts.attributes.put(MISSING_DATA_LIST, list);
        ts.attributes.put(MISSING_DATA_CURRENT_NR, count);
    }
}
