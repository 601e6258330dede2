package io.keel.core;

import io.keel.core.access.token.TokenSettings;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.geo.RegisteredLocations;
import io.keel.core.access.AcpAccessPolicy;
import io.keel.core.announcement.Announcements;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.notification.DeliverySettings;
import io.keel.core.notification.NotificationService;
import io.keel.core.notification.OutboxSettings;
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
    /** An MN-CSE registered with an IN-CSE (its registrar), which it reaches at in.example. */
    static final CseIdentity MN = new CseIdentity("id-mn", "cse-mn", "keel.example.net", 2, "CAdmin",
            List.of("C*", "S*"), 3600, 100, 1000, List.of("http://127.0.0.1:8081"),
            new CseIdentity.Registrar("http://in.example:8080", "id-in", "cse-in", "Bearer to-the-registrar"));
    /** Long enough that no lease renewal runs during a test (renewals write to the store from another thread). */
    static final long LEASE_MILLIS = 3_600_000;

    final FakeStore store = new FakeStore();
    final InMemoryLeases leases = new InMemoryLeases();
    final RecordingPolicyIndex policyIndex = new RecordingPolicyIndex();
    final RecordingOutbound outbound = new RecordingOutbound();
    final Clock clock = new Clock();
    final TypeRegistry types = new TypeRegistry();
    final CseIdentity cse;
    final Router router;
    final NotificationService notifications;
    final OperationContext ctx;

    CoreFixture() {
        this(CSE);
    }

    /** The core of another CSE, e.g. an MN-CSE with a registrar; its remoteCSEs are found by {@link RemoteCses}. */
    CoreFixture(CseIdentity cse) {
        this(cse, Announcements.NONE);
    }

    /** The core of another CSE whose operations queue announcement work through {@code announcements}. */
    CoreFixture(CseIdentity cse, Announcements announcements) {
        this.cse = cse;
        this.router = new Router(cse, types, new RemoteCses(cse));
        store.leases = leases;
        store.policyIndex = policyIndex;
        store.search = new EmptySearch(store.tree);
        Resource cb = store.tree.add(cse.cseId(), null, ResourceTypes.CSE_BASE, cse.cseName());
        cb.origin = cse.cseId();
        cb.attributes.put("cst", (long) cse.cseType());
        cb.attributes.put("csi", cse.spRelativeCseId());
        AcpAccessPolicy access = new AcpAccessPolicy(cse, types, router, clock, new RegisteredLocations(cse),
                tokens(TokenSettings.none(cse)));
        FilteredSearch search = new FilteredSearch(types, cse.contentScanMax());
        Representations representations = new Representations(types, cse.maxResultSize(), search);
        notifications = new NotificationService(cse, store, router, types, representations, access, outbound, clock,
                new DeliverySettings(2_000, 2_000, 60_000, 100), OutboxSettings.IN_MEMORY);
        ctx = new OperationContext(cse, store, types, router, access, representations, search, notifications, clock,
                announcements);
    }

    NonBlockingRequests nonBlocking(int threads, int queue) {
        return new NonBlockingRequests(cse, store, router, clock, notifications, threads, queue, 3_600_000, LEASE_MILLIS);
    }

    /**
     * A dispatcher that forwards what is addressed to other CSEs, and sends the CSE's own requests to entities of other
     * CSEs (notifications, group members) the same way, as {@link Cse} wires it.
     */
    Dispatcher forwardingDispatcher(NonBlockingRequests nonBlocking) {
        Forwarding forwarding = new Forwarding(cse, outbound, clock, 5_000, "Bearer to-registrees");
        Dispatcher dispatcher = new Dispatcher(store, router, types, ctx, clock, nonBlocking, o -> { }, forwarding);
        RemoteRequests remote = new RemoteRequests(store, router, forwarding);
        notifications.delivery().forwardWith(remote::send);
        ctx.remoteWith(remote);
        return dispatcher;
    }

    /** A {@code <remoteCSE>} (ty 16) under the CSEBase, as a registration leaves it: csi, poa, srv and dcse given. */
    Resource remoteCse(String csi, List<String> poa, List<String> srv, List<String> dcse) {
        String ri = csi.substring(1);
        Resource r = store.tree.add(ri, cse.cseId(), ResourceTypes.REMOTE_CSE, cse.cseName() + "/" + ri);
        r.origin = csi;
        r.attributes.put("csi", csi);
        r.attributes.put("poa", poa);
        if (srv != null) {
            r.attributes.put("srv", srv);
        }
        if (dcse != null) {
            r.attributes.put("dcse", dcse);
        }
        return r;
    }

    /** An AE registered under the CSEBase, reachable at its pointOfAccess. */
    Resource ae(String aei, String... poa) {
        Resource ae = store.tree.add(aei, cse.cseId(), ResourceTypes.AE, cse.cseName() + "/" + aei);
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

    /** A verifier without key whose token cache is this fixture's store. */
    private io.keel.core.access.token.TokenAuthority tokens(TokenSettings settings) {
        io.keel.core.access.token.TokenAuthority tokens = new io.keel.core.access.token.TokenAuthority(settings, null);
        tokens.cacheIn(new io.keel.core.access.token.LocalTokenIds(store));
        return tokens;
    }
}
