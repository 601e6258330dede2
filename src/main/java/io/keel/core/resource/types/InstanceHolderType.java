package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.VirtualChild;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A type that holds instances within quotas and addresses its newest and oldest one as the virtual children
 * {@code la} and {@code ol} (TS-0004 7.4.6 for {@code <container>}; the same pattern serves other holders of
 * instances): counters cni/cbs, quotas mni/mbs, disr.
 */
public abstract class InstanceHolderType extends ResourceType {
    public static final String LATEST = "la";
    public static final String OLDEST = "ol";
    /** disableRetrieval. */
    public static final String DISABLE_RETRIEVAL = "disr";
    private final int instanceType;
    private final Map<String, VirtualChild> virtualChildren;

    protected InstanceHolderType(int ty, String shortName, List<AttributeDef> specificAttributes, int instanceType) {
        this(ty, "m2m", shortName, specificAttributes, instanceType);
    }

    /** A holder whose representation lives in another namespace (a flexContainer specialization, {@code cod:binSh}). */
    protected InstanceHolderType(int ty, String prefix, String shortName, List<AttributeDef> specificAttributes,
                                 int instanceType) {
        super(ty, prefix, shortName, specificAttributes);
        this.instanceType = instanceType;
        this.virtualChildren = Map.of(LATEST, new NewestOrOldest(LATEST, true), OLDEST, new NewestOrOldest(OLDEST, false));
    }

    /** The type of the instances it holds. */
    public final int instanceType() {
        return instanceType;
    }

    @Override
    public final Map<String, VirtualChild> virtualChildren() {
        return virtualChildren;
    }

    /**
     * What a Retrieve of {@code la} does before it reads the newest instance (see {@link VirtualChild#beforeRetrieve});
     * null for none, as for most holders.
     */
    protected Runnable beforeLatestRetrieve(ResourceTree tree, Resource holder) {
        return null;
    }

    /** While retrieval is disabled, discovery and child lists do not show the instances either (TS-0001 table 9.6.6-2). */
    @Override
    public List<Visibility.HiddenChildren> hiddenChildren() {
        return List.of(new Visibility.HiddenChildren(instanceType, DISABLE_RETRIEVAL, "true"));
    }

    /** A holder's instances cannot be read or deleted while it disables retrieval (disr, TS-0004 7.4.7.2.2, 7.4.7.2.4: 4005). */
    static void requireRetrievable(Resource holder) {
        if (holder != null && Boolean.TRUE.equals(holder.get(DISABLE_RETRIEVAL))) {
            throw OneM2MException.notAllowed("retrieval of the instances of " + holder.srn + " is disabled (disr=true)");
        }
    }

    /**
     * A new instance of {@code holder} (its cs set): 5207 when it alone exceeds mbs; mia shortens its expirationTime
     * (TS-0004 7.4.7.2.1).
     */
    static void admit(Resource holder, Resource instance) {
        Long mbs = (Long) holder.get("mbs");
        if (mbs != null && instance.cs > mbs) {
            throw new OneM2MException(ResponseStatusCode.NOT_ACCEPTABLE,
                    "content size " + instance.cs + " exceeds the maxByteSize " + mbs + " of " + holder.ri);
        }
        Long mia = (Long) holder.get("mia");
        if (mia != null) {
            Instant limit = instance.ct.plusSeconds(mia);
            if (instance.et.isAfter(limit)) {
                instance.et = limit;
            }
        }
    }

    /**
     * After an instance was stored under {@code op.parent}: the holder counts it, takes its creation time as its own
     * last modification, and keeps its quotas by dropping the oldest instances.
     */
    static void instanceAdded(ResourceOperation op, Oldest oldest) {
        Resource holder = op.parent;
        holder.lt = op.now;
        count(op, holder, op.resource, oldest);
        op.tree.update(holder);
    }

    /**
     * The holder counts a stored instance and keeps its quotas by dropping the oldest instances; the caller stores
     * the holder.
     */
    static void count(ResourceOperation op, Resource holder, Resource instance, Oldest oldest) {
        holder.attributes.put("cni", holder.getLong("cni", 0) + 1);
        holder.attributes.put("cbs", holder.getLong("cbs", 0) + (instance.cs == null ? 0 : instance.cs));
        trimToQuota(op, holder, instance.ty, oldest);
    }

    /** Before an instance under {@code op.parent} is deleted: the holder no longer counts it. */
    static void instanceRemoved(ResourceOperation op) {
        Resource holder = op.parent;
        if (holder == null) {
            return;
        }
        holder.attributes.put("cni", Math.max(0, holder.getLong("cni", 0) - 1));
        holder.attributes.put("cbs", Math.max(0, holder.getLong("cbs", 0) - (op.resource.cs == null ? 0 : op.resource.cs)));
        op.tree.update(holder);
    }

    /**
     * Lowered quotas apply at once: the oldest instances go (without deletion notifications, TS-0004 7.4.6.2.3). When
     * disr changes from true to false, every instance goes (TS-0001 table 9.6.6-2), likewise.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        boolean retrievalEnabled = Boolean.TRUE.equals(op.previous.get(DISABLE_RETRIEVAL))
                && !Boolean.TRUE.equals(op.resource.get(DISABLE_RETRIEVAL));
        if (retrievalEnabled) {
            removeAllInstances(op, op.resource);
        }
        trimToQuota(op, op.resource, instanceType, this::oldest);
    }

    /** Which instances a quota removes first (TS-0004 7.4.6.2.1): the oldest ones. */
    @FunctionalInterface
    interface Oldest {
        List<Resource> of(ResourceOperation op, String holder, int instanceType, int limit);
    }

    /** The instances a quota removes first: by default the first created. */
    protected List<Resource> oldest(ResourceOperation op, String holder, int instanceType, int limit) {
        return byCreation(op, holder, instanceType, limit);
    }

    static List<Resource> byCreation(ResourceOperation op, String holder, int instanceType, int limit) {
        return op.tree.oldestChildren(holder, instanceType, limit);
    }

    private void removeAllInstances(ResourceOperation op, Resource holder) {
        Set<Integer> childless = childless(instanceType);
        for (List<Resource> batch = op.tree.oldestChildren(holder.ri, instanceType, 100); !batch.isEmpty();
             batch = op.tree.oldestChildren(holder.ri, instanceType, 100)) {
            batch.forEach(instance -> op.tree.deleteSubtree(instance, childless));
        }
        holder.attributes.put("cni", 0L);
        holder.attributes.put("cbs", 0L);
    }

    /**
     * What deleting an instance need not look below: the instance type when it never has children. A contentInstance
     * may have semanticDescriptors (TS-0004 table 7.4.7.1-4), which go with it.
     */
    private static Set<Integer> childless(int instanceType) {
        return instanceType == ResourceTypes.CONTENT_INSTANCE ? Set.of() : Set.of(instanceType);
    }

    /** Removes the oldest instances until cni ≤ mni and cbs ≤ mbs; updates the counters in {@code holder}. */
    static void trimToQuota(ResourceOperation op, Resource holder, int instanceType, Oldest order) {
        Long mni = (Long) holder.get("mni");
        Long mbs = (Long) holder.get("mbs");
        long cni = holder.getLong("cni", 0);
        long cbs = holder.getLong("cbs", 0);
        Set<Integer> childless = childless(instanceType);
        while ((mni != null && cni > mni) || (mbs != null && cbs > mbs)) {
            // Fetch only as many as can be needed; the query runs on the (pi, ty, ct) index.
            int batch = (int) Math.min(100, Math.max(1, mni != null && cni > mni ? cni - mni : 1));
            List<Resource> oldest = order.of(op, holder.ri, instanceType, batch);
            if (oldest.isEmpty()) {
                break; // counters disagree with the stored instances; nothing left to remove
            }
            for (Resource instance : oldest) {
                if (!((mni != null && cni > mni) || (mbs != null && cbs > mbs))) {
                    break;
                }
                op.tree.deleteSubtree(instance, childless);
                cni--;
                cbs -= instance.cs == null ? 0 : instance.cs;
            }
        }
        holder.attributes.put("cni", cni);
        holder.attributes.put("cbs", cbs);
    }

    /**
     * {@code la} and {@code ol}: a Retrieve or Delete of them acts on the newest or oldest instance (4004 if none), which
     * is then checked as if addressed itself: privilege on the holder, then disr (TS-0004 7.4.27.2.2, 7.4.28.2.2).
     */
    private final class NewestOrOldest extends VirtualChild {
        private final boolean newest;

        NewestOrOldest(String name, boolean newest) {
            super(name);
            this.newest = newest;
        }

        @Override
        public Resource standsFor(ResourceTree tree, Resource holder) {
            Resource instance = tree.newestOrOldestChild(holder.ri, instanceType, newest);
            if (instance == null) {
                throw OneM2MException.notFound(holder.srn + " holds no instance");
            }
            return instance;
        }

        @Override
        public Runnable beforeRetrieve(ResourceTree tree, Resource holder) {
            return newest ? beforeLatestRetrieve(tree, holder) : null;
        }
    }
}
