package io.keel.core;

import io.keel.core.access.AcpAccessPolicy;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.notification.DeliverySettings;
import io.keel.core.notification.NotificationService;
import io.keel.core.operation.OperationContext;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.FakeStore;
import java.util.List;

/**
 * The core wired as {@link Cse} wires it, over a {@link FakeStore} holding a CSEBase, with a recording
 * {@link Outbound}: the parts a test needs, built in the same order.
 */
final class CoreFixture implements AutoCloseable {
    static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    /** Long enough that no lease renewal runs during a test (renewals write to the store from another thread). */
    static final long LEASE_MILLIS = 3_600_000;

    final FakeStore store = new FakeStore();
    final InMemoryLeases leases = new InMemoryLeases();
    final RecordingPolicyIndex policyIndex = new RecordingPolicyIndex();
    final RecordingOutbound outbound = new RecordingOutbound();
    final Clock clock = new Clock();
    final TypeRegistry types = new TypeRegistry();
    final Router router = new Router(CSE, types);
    final NotificationService notifications;
    final OperationContext ctx;

    CoreFixture() {
        store.leases = leases;
        store.policyIndex = policyIndex;
        store.search = new EmptySearch();
        Resource cb = store.tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in");
        cb.origin = "id-in";
        cb.attributes.put("cst", 1L);
        cb.attributes.put("csi", "/id-in");
        AcpAccessPolicy access = new AcpAccessPolicy(CSE, types, router, clock);
        FilteredSearch search = new FilteredSearch(types, CSE.contentScanMax());
        Representations representations = new Representations(types, CSE.maxResultSize(), search);
        notifications = new NotificationService(CSE, store, router, types, representations, access, outbound, clock,
                new DeliverySettings(2_000, 2_000, 60_000, 100));
        ctx = new OperationContext(CSE, store, types, router, access, representations, search, notifications, clock);
    }

    NonBlockingRequests nonBlocking(int threads, int queue) {
        return new NonBlockingRequests(CSE, store, router, clock, notifications, threads, queue, 3_600_000, LEASE_MILLIS);
    }

    /** An AE registered under the CSEBase, reachable at its pointOfAccess. */
    Resource ae(String aei, String... poa) {
        Resource ae = store.tree.add(aei, "id-in", ResourceTypes.AE, "cse-in/" + aei);
        ae.origin = aei;
        ae.attributes.put("api", "Nkeel");
        ae.attributes.put("aei", aei);
        ae.attributes.put("rr", true);
        ae.attributes.put("srv", List.of("3"));
        if (poa.length > 0) {
            ae.attributes.put("poa", List.of(poa));
        }
        return ae;
    }

    @Override
    public void close() {
        notifications.close();
    }
}
