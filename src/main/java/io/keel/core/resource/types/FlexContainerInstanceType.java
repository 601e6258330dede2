package io.keel.core.resource.types;

import io.keel.core.Identifiers;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import java.time.Instant;
import java.util.List;

/**
 * {@code <flexContainerInstance>} (ty 58, m2m:fcin; Release 4 — the TS-0004 V3 at hand lists only its type number's range): what a
 * flexContainer with mni, mbs or mia keeps of each of its states, its custom attributes as they were. Only the CSE
 * creates one (on the flexContainer's Create and on each Update of its custom attributes); it cannot be updated;
 * a Delete removes it from its flexContainer's counters. Keel uses the one root element {@code m2m:fcin} for the
 * instances of every specialization; they carry the custom attributes by their short names.
 */
public final class FlexContainerInstanceType extends ResourceType {
    /** originator: who made the change the instance records (a Release-4 attribute; Keel's choice of name, see the README). */
    public static final String ORIGINATOR = "org";

    public FlexContainerInstanceType() {
        super(ResourceTypes.FLEX_CONTAINER_INSTANCE, "fcin", List.of(
                AttributeDef.readOnly("cs", AttributeType.NON_NEGATIVE_INTEGER).since("4"),
                AttributeDef.readOnly(ORIGINATOR, AttributeType.ID).since("4")));
    }

    @Override
    public boolean hasStateTag() {
        return true;
    }

    @Override
    public boolean creatableByRequest() {
        return false;
    }

    @Override
    public boolean updatable() {
        return false;
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        InstanceHolderType.instanceRemoved(op);
    }

    /**
     * The instance recording the flexContainer {@code fcnt} as {@code op} leaves it: its custom attributes, its cs
     * and st, the originator; it expires with the flexContainer, or mia seconds from now when that is sooner.
     */
    static Resource of(Resource fcnt, List<String> customAttributes, ResourceOperation op) {
        Resource fcin = new Resource();
        fcin.ty = ResourceTypes.FLEX_CONTAINER_INSTANCE;
        fcin.ri = Identifiers.newResourceId("fcin");
        fcin.rn = fcin.ri;
        fcin.pi = fcnt.ri;
        fcin.srn = fcnt.srn + "/" + fcin.rn;
        fcin.ct = op.now;
        fcin.lt = op.now;
        fcin.et = fcnt.et;
        if (fcnt.get("mia") instanceof Long mia) {
            Instant limit = op.now.plusSeconds(mia);
            if (fcin.et == null || fcin.et.isAfter(limit)) {
                fcin.et = limit;
            }
        }
        fcin.st = fcnt.st;
        fcin.cs = fcnt.cs;
        fcin.origin = op.request == null ? null : op.request.from;
        for (String sn : customAttributes) {
            Object v = fcnt.attributes.get(sn);
            if (v != null) {
                fcin.attributes.put(sn, v);
            }
        }
        if (fcin.origin != null) {
            fcin.attributes.put(ORIGINATOR, fcin.origin);
        }
        return fcin;
    }
}
