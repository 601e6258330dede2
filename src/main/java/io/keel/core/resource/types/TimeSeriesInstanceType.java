package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceContent;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.TimeSeriesIndex;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code <timeSeriesInstance>} (ty 30, m2m:tsi), TS-0004 7.4.39, TS-0001 9.6.37: immutable; created as a contentInstance
 * is, in a timeSeries, with a dataGenerationTime no other instance of the series has.
 */
public final class TimeSeriesInstanceType extends ResourceType {
    public static final String DATA_GENERATION_TIME = "dgt";

    public TimeSeriesInstanceType() {
        super(ResourceTypes.TIME_SERIES_INSTANCE, "tsi", List.of(
                // m2m:absRelTimestamp: checked and made absolute in prepareCreate, where "now" is known.
                AttributeDef.createOnly(DATA_GENERATION_TIME, AttributeType.ANY, Presence.MANDATORY),
                AttributeDef.createOnly("con", AttributeType.ANY, Presence.MANDATORY),
                AttributeDef.createOnly("snr", AttributeType.NON_NEGATIVE_INTEGER, Presence.OPTIONAL),
                AttributeDef.readOnly("cs", AttributeType.NON_NEGATIVE_INTEGER)));
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of(DATA_GENERATION_TIME, "con", "snr"); // the OA ones of TS-0001 table 9.6.37-2
    }

    @Override
    public boolean hasCreator() {
        return false;
    }

    /** TS-0004 7.4.39.2.3: 4005. */
    @Override
    public boolean updatable() {
        return false;
    }

    @Override
    public boolean hasContent() {
        return true;
    }

    @Override
    public ResourceContent content(Resource tsi) {
        return new ResourceContent(tsi.get("con"), null);
    }

    @Override
    public void checkReadable(ResourceTree tree, Resource tsi) {
        InstanceHolderType.requireRetrievable(tree.find(tsi.pi));
    }

    /** TS-0004 7.4.39.2.1: as a contentInstance (7.4.7.2.1), and 4105 when the series has an instance of this dgt. */
    @Override
    public void prepareCreate(ResourceOperation op) {
        Resource tsi = op.resource;
        Instant at = generationTime(op);
        if (op.timeSeries.hasInstanceBetween(op.parent.ri, at, at)) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT,
                    "the timeSeries already has a timeSeriesInstance with dgt " + tsi.get(DATA_GENERATION_TIME));
        }
        tsi.cs = ContentInstanceType.sizeOf(tsi.get("con"));
        InstanceHolderType.admit(op.parent, tsi);
    }

    /**
     * The dataGenerationTime the originator gave the instance being created (m2m:absRelTimestamp: a relative one counts
     * from now), made absolute to the microsecond and stored so, as the attribute and as {@link Resource#dgt}; 4000
     * when it is no timestamp.
     */
    static Instant generationTime(ResourceOperation op) {
        Resource instance = op.resource;
        Object dgt = instance.get(DATA_GENERATION_TIME);
        if (!(dgt instanceof String) && !(dgt instanceof Number)) {
            throw OneM2MException.badRequest("attribute dgt must be an m2m:absRelTimestamp, not " + dgt);
        }
        Instant at = Timestamps.parseAbsRel(String.valueOf(dgt), op.now, "attribute dgt").truncatedTo(ChronoUnit.MICROS);
        instance.attributes.put(DATA_GENERATION_TIME, Timestamps.format(at));
        instance.dgt = at;
        return at;
    }

    @Override
    public void afterCreate(ResourceOperation op) {
        op.timeSeries.addPoint(op.parent.ri, op.resource.ri, Timestamps.parse((String) op.resource.get(DATA_GENERATION_TIME), "dgt"));
        InstanceHolderType.instanceAdded(op, TimeSeriesType::byGenerationTime);
        expected(op);
    }

    /**
     * Missing-data monitoring (TS-0001 10.2.4.29): the first instance sets the expected dataGenerationTime one period on;
     * an instance within peid of the expected one moves it a period further. Its detection time is mdt after it.
     */
    private static void expected(ResourceOperation op) {
        Resource ts = op.parent;
        if (!TimeSeriesType.detects(ts)) {
            return;
        }
        long pei = (Long) ts.get(TimeSeriesType.PERIODIC_INTERVAL);
        long peid = ts.getLong(TimeSeriesType.PERIODIC_INTERVAL_DELTA, 0);
        long mdt = (Long) ts.get(TimeSeriesType.MISSING_DATA_DETECT_TIMER);
        Instant dgt = Timestamps.parse((String) op.resource.get(DATA_GENERATION_TIME), "dgt");
        TimeSeriesIndex.Watch watch = op.timeSeries.watched(ts.ri);
        Instant next;
        if (watch == null) {
            next = dgt.plusMillis(pei);
        } else if (Math.abs(dgt.toEpochMilli() - watch.expected().toEpochMilli()) <= peid) {
            next = watch.expected().plusMillis(pei);
        } else {
            return;
        }
        op.timeSeries.watch(ts.ri, next, next.plusMillis(mdt));
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        InstanceHolderType.instanceRemoved(op);
    }
}
