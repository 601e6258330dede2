package io.keel.core.resource;

import io.keel.core.CseIdentity;
import io.keel.core.management.ManagementTransaction;
import io.keel.core.store.CrossResourceWindowIndex;
import io.keel.core.store.MemberIndex;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.TimeSeriesIndex;
import io.keel.core.store.Transaction;
import io.keel.core.store.TransactionListener;
import io.keel.primitive.RequestPrimitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What a resource type's hooks see of the operation under way, inside its write transaction. */
public final class ResourceOperation {
    public final ResourceTree tree;
    /** The members of groups, for the types that keep references to other resources. */
    public final MemberIndex members;
    /** The watches of timeSeries whose missing data the CSE detects. */
    public final TimeSeriesIndex timeSeries;
    public final RequestPrimitive request;
    public final CseIdentity cse;
    public final Instant now;
    /** The parent (for Create: the target, locked), or null for the CSEBase. */
    public final Resource parent;
    /** The resource being created, updated or deleted, holding its new values. */
    public final Resource resource;
    /** The normalized attributes the request carried (Create/Update), by short name. */
    public final Map<String, Object> given;
    /** Other resources the operation refers to, as the originator of the request sees them. */
    public final References references;
    /** For an Update, the values the attributes it sets had before it (an attribute that was not set is absent). */
    public final Map<String, Object> previous;
    /** Management actions (TS-0004 7.3.4): the devices of nodes, reached through the CSE's adapters. */
    public final ManagementTransaction management;
    private final Transaction tx;
    /** What the hooks created besides {@link #resource}, in order (see {@link #created(Resource, Resource)}). */
    private final List<Creation> created = new ArrayList<>();
    /** What the hooks asked to delete besides {@link #resource} (see {@link #alsoDelete(Resource)}). */
    private final List<Resource> alsoDeleted = new ArrayList<>();
    /** What the response carries in the resource's representation beyond what is kept (see {@link #answer}). */
    private final Map<String, Object> answered = new java.util.LinkedHashMap<>();

    /** A resource a hook created under {@code parent} as part of this operation. */
    public record Creation(Resource parent, Resource child) {
    }

    public ResourceOperation(Transaction tx, RequestPrimitive request, CseIdentity cse, Instant now,
                             Resource parent, Resource resource, Map<String, Object> given, References references) {
        this(tx, request, cse, now, parent, resource, given, references, Map.of());
    }

    public ResourceOperation(Transaction tx, RequestPrimitive request, CseIdentity cse, Instant now, Resource parent,
                             Resource resource, Map<String, Object> given, References references, Map<String, Object> previous) {
        this(tx, request, cse, now, parent, resource, given, references, previous, ManagementTransaction.none());
    }

    public ResourceOperation(Transaction tx, RequestPrimitive request, CseIdentity cse, Instant now, Resource parent,
                             Resource resource, Map<String, Object> given, References references, Map<String, Object> previous,
                             ManagementTransaction management) {
        this.tx = tx;
        this.tree = tx.tree();
        this.members = tx.memberIndex();
        this.timeSeries = tx.timeSeries();
        this.request = request;
        this.cse = cse;
        this.now = now;
        this.parent = parent;
        this.resource = resource;
        this.given = given;
        this.references = references;
        this.previous = previous;
        this.management = management;
    }

    /**
     * Records that a hook stored {@code child} under {@code parent} (a flexContainer's instance): the operation raises
     * its creation to the parent's subscriptions (net 3) as it does for what a Create request creates.
     */
    public void created(Resource parent, Resource child) {
        created.add(new Creation(parent, child));
    }

    /** The listener of this class on the operation's transaction (see {@link Transaction#listener}): work after it commits. */
    public <T extends TransactionListener> T listener(Class<T> type, Supplier<T> create) {
        return tx.listener(type, create);
    }

    /** The triples of the semanticDescriptors, for the types that keep them (asked only when used). */
    public SemanticIndex semantics() {
        return tx.semantics();
    }

    /** When the windows of crossResourceSubscriptions judged at their end end (asked only when used). */
    public CrossResourceWindowIndex crossResourceWindows() {
        return tx.crossResourceWindows();
    }

    public List<Creation> created() {
        return List.copyOf(created);
    }

    /**
     * Asks the Delete under way to delete {@code other} too, after {@link #resource}, as a deletion of its own (its
     * type's rules, its subscribers notified): the resources a type made for one of its own (a locationPolicy's
     * container, TS-0004 7.4.10.2.4).
     */
    public void alsoDelete(Resource other) {
        alsoDeleted.add(other);
    }

    public List<Resource> alsoDeleted() {
        return List.copyOf(alsoDeleted);
    }

    /** The accessControlPolicies governing each resource, for hooks that create resources governed by policies. */
    public io.keel.core.store.PolicyIndex policyIndex() {
        return tx.policyIndex();
    }

    /** What locationPolicies keep beside them (asked only when used). */
    public io.keel.core.store.LocationWatches locations() {
        return tx.locations();
    }

    public io.keel.core.store.LocationSubscriptions locationSubscriptions() {
        return tx.locationSubscriptions();
    }

    /**
     * Has the Update's response carry {@code value} under {@code sn} in the resource's representation without keeping it:
     * what a PIP answers and deletes once the response is sent (TS-0004 7.4.45.2.3 steps 5–6).
     */
    public void answer(String sn, Object value) {
        answered.put(sn, value);
    }

    public Map<String, Object> answered() {
        return java.util.Collections.unmodifiableMap(answered);
    }
}
