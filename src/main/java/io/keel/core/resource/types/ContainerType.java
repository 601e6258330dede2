package io.keel.core.resource.types;

import io.keel.core.geo.Location;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** {@code <container>} (ty 3, m2m:cnt), TS-0004 7.4.6: holds contentInstances within mni/mbs/mia quotas. */
public final class ContainerType extends InstanceHolderType {
    /** What a Retrieve of la does first; the CSE binds its location tracker (a container of a locationPolicy). */
    private volatile BiFunction<ResourceTree, Resource, Runnable> beforeLatest = (tree, container) -> null;

    public ContainerType() {
        super(ResourceTypes.CONTAINER, "cnt", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("mni", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("mbs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("mia", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("cni", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("cbs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("li", AttributeType.ANY_URI),
                AttributeDef.optional("or", AttributeType.ANY_URI),
                AttributeDef.optional("disr", AttributeType.BOOLEAN).since("3"),
                AttributeDef.optional(Location.LOC, AttributeType.GEO_COORDINATES).since("4")), ResourceTypes.CONTENT_INSTANCE);
    }

    /** Binds what a Retrieve of la does before it reads (see {@link #beforeLatestRetrieve}). */
    public void beforeLatestRetrieveWith(BiFunction<ResourceTree, Resource, Runnable> work) {
        this.beforeLatest = work;
    }

    /** A container a locationPolicy made may position before its newest location is read (TS-0001 10.2.9.7). */
    @Override
    protected Runnable beforeLatestRetrieve(ResourceTree tree, Resource container) {
        return container.get("li") == null ? null : beforeLatest.apply(tree, container);
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of("mni", "mbs", "mia", "cni", "cbs", "li", "or", "disr");
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.CONTAINER, ResourceTypes.CONTENT_INSTANCE, ResourceTypes.SUBSCRIPTION,
                ResourceTypes.FLEX_CONTAINER, ResourceTypes.SEMANTIC_DESCRIPTOR);
    }

    /** Retrieve_of_Container_Resource_With_No_Child_Resource (TS-0004 table 6.3.4.2.19-1). */
    @Override
    public Set<Long> ownEventTypes() {
        return Set.of(5L);
    }

    /** No contentInstance is present: obsolete ones are removed by the expiry sweep, and cni counts the rest. */
    @Override
    public boolean holdsNoContentInstance(Resource r) {
        return r.getLong("cni", 0) == 0;
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
}
