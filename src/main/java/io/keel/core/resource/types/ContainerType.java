package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import java.util.List;
import java.util.Set;

/** {@code <container>} (ty 3, m2m:cnt), TS-0004 7.4.6: holds contentInstances within mni/mbs/mia quotas. */
public final class ContainerType extends ResourceType {
    public static final String LATEST = "la";
    public static final String OLDEST = "ol";

    public ContainerType() {
        super(ResourceTypes.CONTAINER, "cnt", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_TOKENS),
                AttributeDef.optional("mni", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("mbs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("mia", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("cni", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("cbs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("li", AttributeType.TOKEN),
                AttributeDef.optional("or", AttributeType.TOKEN),
                AttributeDef.optional("disr", AttributeType.BOOLEAN)));
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.CONTAINER, ResourceTypes.CONTENT_INSTANCE, ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public Set<String> virtualChildren() {
        return Set.of(LATEST, OLDEST);
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
    public void prepareCreate(ResourceOperation op) {
        op.resource.attributes.put("cni", 0L);
        op.resource.attributes.put("cbs", 0L);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        // Lowered quotas apply at once: the oldest instances go (without deletion notifications, 7.4.6).
        trimToQuota(op, op.resource);
    }

    /** Removes the oldest contentInstances until cni ≤ mni and cbs ≤ mbs; updates the counters in {@code cnt}. */
    static void trimToQuota(ResourceOperation op, Resource cnt) {
        Long mni = (Long) cnt.get("mni");
        Long mbs = (Long) cnt.get("mbs");
        long cni = cnt.getLong("cni", 0);
        long cbs = cnt.getLong("cbs", 0);
        while ((mni != null && cni > mni) || (mbs != null && cbs > mbs)) {
            // Fetch only as many as can be needed; the query runs on the (pi, ty, ct) index.
            int batch = (int) Math.min(100, Math.max(1, mni != null && cni > mni ? cni - mni : 1));
            List<Resource> oldest = op.tx.oldestChildren(cnt.ri, ResourceTypes.CONTENT_INSTANCE, batch);
            if (oldest.isEmpty()) {
                break; // counters disagree with the stored instances; nothing left to remove
            }
            for (Resource cin : oldest) {
                if (!((mni != null && cni > mni) || (mbs != null && cbs > mbs))) {
                    break;
                }
                op.tx.deleteSubtree(cin);
                cni--;
                cbs -= cin.cs == null ? 0 : cin.cs;
            }
        }
        cnt.attributes.put("cni", cni);
        cnt.attributes.put("cbs", cbs);
    }
}
