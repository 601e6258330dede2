package io.keel.core.operation;

import io.keel.core.access.token.TokenSettings;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.geo.RegisteredLocations;
import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.Dispatcher;
import io.keel.core.NonBlockingRequests;
import io.keel.core.RecordingOutbound;
import io.keel.core.RecordingPolicyIndex;
import io.keel.core.Representations;
import io.keel.core.access.AccessPolicy;
import io.keel.core.access.AcpAccessPolicy;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.notification.DeliverySettings;
import io.keel.core.notification.OutboxSettings;
import io.keel.core.notification.NotificationService;
import io.keel.core.notification.NotificationTargetRemovals;
import io.keel.core.management.ManagementActions;
import io.keel.core.management.ManagementAdapters;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.FakeStore;
import io.keel.core.store.InMemoryTree;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The core as {@code Cse} wires it — real types, router, access control, filtered search, representations and
 * notifications — over a {@link FakeStore} holding a CSEBase, with a {@link RecordingOutbound} for what the CSE sends.
 * Requests go through {@link Dispatcher#handle}, as the binding's do. Public for the tests of the resource types.
 */
public final class CoreFixture implements AutoCloseable {
    public static final String CSE_BASE = "id-in";
    public static final String ADMIN = "CAdmin";
    public static final String STRANGER = "Cstranger";
    /** Far enough ahead that no test resource expires; InMemoryTree's default lies in the past. */
    private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

    public final FakeStore store = new FakeStore();
    public final InMemoryTree tree = store.tree;
    public final TypeRegistry types;
    public final CseIdentity identity;
    public final RecordingOutbound outbound = new RecordingOutbound(() -> store.writes);
    public final RecordingPolicyIndex policyIndex = new RecordingPolicyIndex();
    public final FakePollingQueue pollingQueue = new FakePollingQueue();
    public final NotificationService notifications;
    public final NonBlockingRequests nonBlocking;
    public final Dispatcher dispatcher;
    public final Clock clock = new Clock();
    final OperationContext ctx;
    private int requests;

    public CoreFixture() {
        this(100);
    }

    /** @param maxResultSize the CSE's maximum result size (discovery, child lists) */
    public CoreFixture(int maxResultSize) {
        this(identity(maxResultSize));
    }

    private static CseIdentity identity(int maxResultSize) {
        return new CseIdentity(CSE_BASE, "cse-in", "keel.example.net", 1, ADMIN, List.of("C*"), 3600,
                maxResultSize, 1000, List.of());
    }

    /** A CSE of this identity, whose CSE-ID must be {@link #CSE_BASE} (e.g. one with a registrar). */
    public CoreFixture(CseIdentity identity) {
        this(identity, new DeliverySettings(2_000, 2_000, 60_000, 100));
    }

    /** A CSE that keeps at most {@code maxPending} notifications for an unreachable receiver. */
    public static CoreFixture withMaxPending(int maxPending) {
        return new CoreFixture(identity(100), new DeliverySettings(2_000, 2_000, 60_000, maxPending));
    }

    /** A CSE whose notifications go through the outbox ({@code store.notificationOutbox}), as the CSE wires it. */
    public static CoreFixture withOutbox() {
        return new CoreFixture(identity(100), new DeliverySettings(2_000, 2_000, 60_000, 100),
                new OutboxSettings(true, "unit", 30_000));
    }

    private CoreFixture(CseIdentity identity, DeliverySettings delivery) {
        this(identity, delivery, OutboxSettings.IN_MEMORY);
    }

    /** A CSE whose network-based locationPolicies ask this Location Server. */
    public static CoreFixture withLocationServer(io.keel.core.location.NetworkLocationSource server) {
        return new CoreFixture(identity(100), new DeliverySettings(2_000, 2_000, 60_000, 100), OutboxSettings.IN_MEMORY,
                new TypeRegistry(new io.keel.core.resource.flex.FlexCatalogue(io.keel.core.resource.flex.CatalogueLoader.builtIn()),
                        io.keel.core.resource.mgmt.MgmtCatalogueLoader.builtIn(), io.keel.core.semantic.SemanticSettings.DEFAULTS,
                        server));
    }

    private CoreFixture(CseIdentity identity, DeliverySettings delivery, OutboxSettings outbox) {
        this(identity, delivery, outbox, new TypeRegistry());
    }

    private CoreFixture(CseIdentity identity, DeliverySettings delivery, OutboxSettings outbox, TypeRegistry types) {
        this.types = types;
        int maxResultSize = identity.maxResultSize();
        this.identity = identity;
        store.search = new FakeSearch(tree, types);
        store.policyIndex = policyIndex;
        store.pollingQueue = pollingQueue;
        store.leases = new NoLeases();
        tree.add(CSE_BASE, null, ResourceTypes.CSE_BASE, "cse-in");
        Router router = new Router(identity, types);
        AccessPolicy access = new AcpAccessPolicy(identity, types, router, clock, new RegisteredLocations(identity),
                tokens(TokenSettings.none(identity)));
        FilteredSearch search = new FilteredSearch(types, identity.contentScanMax());
        Representations representations = new Representations(types, maxResultSize, search);
        notifications = new NotificationService(identity, store, router, types, representations, access, outbound, clock,
                delivery, outbox);
        ctx = new OperationContext(identity, store, types, router, access, representations, search, notifications, clock);
        nonBlocking = new NonBlockingRequests(identity, store, router, clock, notifications, 1, 10, 3_600_000, 60_000);
        dispatcher = new Dispatcher(store, router, types, ctx, clock, nonBlocking, outcome -> { });
        notifications.deleteWith((tx, r) -> dispatcher.deletes().delete(tx, r, null, clock.now()));
        notifications.delivery().dispatchLocallyWith(dispatcher::handle);
        // A registered AE that owns nothing: an originator the policies give no privilege (TS-0004 7.3.2.1 refuses
        // originators that are no registered AE before access control is asked).
        ae(STRANGER, "stranger");
    }

    /** Management actions through these adapters, as the CSE wires them; the test works the queue ({@code sweep}). */
    public ManagementActions management(ManagementAdapters adapters, long timeoutMillis) {
        ManagementActions m = new ManagementActions(store, types, notifications.events(), adapters, clock, timeoutMillis, 0);
        ctx.managementWith(m);
        return m;
    }

    /** Notification targets leave through ntsr as the CSE wires it, with this default action (TS-0004 7.4.33.2.4). */
    public void targetRemoval(long defaultAction) {
        ctx.targetRemovalWith(new NotificationTargetRemovals(identity, store, notifications, clock, defaultAction,
                (tx, r) -> dispatcher.deletes().delete(tx, r, null, clock.now()), new RegisteredLocations(identity)));
    }

    // --- arranging the stored tree -----------------------------------------------------------------------------

    /** Stores a resource under a stored parent, named {@code rn}; it expires long after the test. */
    public Resource add(String ri, String pi, int ty, String rn) {
        Resource r = tree.add(ri, pi, ty, tree.stored(pi).srn + "/" + rn);
        r.et = LATER;
        return r;
    }

    /** An AE registered under the CSEBase: its ri is its AE-ID, which it uses as originator. */
    public Resource ae(String ri, String rn) {
        Resource ae = add(ri, CSE_BASE, ResourceTypes.AE, rn);
        ae.origin = ri;
        ae.attributes.putAll(Map.of("api", "Napp", "aei", ri, "rr", true, "srv", List.of("3")));
        return ae;
    }

    /**
     * An AE as a notification target: it receives at {@code poa}, and its policy gives {@code notifier} the Notify
     * privilege a subscription creator needs on it (TS-0004 7.5.1.2.3).
     */
    public Resource listener(String ri, String rn, String poa, String notifier) {
        Resource ae = ae(ri, rn);
        ae.attributes.put("poa", List.of(poa));
        acp("acp" + ri, ri, "notifiers", List.of(notifier), List.of(ri));
        ae.attributes.put("acpi", List.of("acp" + ri));
        return ae;
    }

    public Resource container(String ri, String pi, String rn) {
        Resource cnt = add(ri, pi, ResourceTypes.CONTAINER, rn);
        cnt.attributes.put("cni", 0L);
        cnt.attributes.put("cbs", 0L);
        return cnt;
    }

    /** A contentInstance, newer than every resource added before, counted by its container as the CSE counts it. */
    public Resource instance(String ri, String cnt, String rn, String con) {
        Resource cin = add(ri, cnt, ResourceTypes.CONTENT_INSTANCE, rn);
        cin.attributes.put("con", con);
        cin.cs = (long) con.getBytes(StandardCharsets.UTF_8).length;
        Resource container = tree.stored(cnt);
        container.attributes.put("cni", container.getLong("cni", 0) + 1);
        container.attributes.put("cbs", container.getLong("cbs", 0) + cin.cs);
        container.st++;
        cin.st = container.st;
        return cin;
    }

    /** An accessControlPolicy whose pv grants all operations to {@code pv} and whose pvs grants them to {@code pvs}. */
    public Resource acp(String ri, String pi, String rn, List<String> pv, List<String> pvs) {
        Resource acp = add(ri, pi, ResourceTypes.ACCESS_CONTROL_POLICY, rn);
        acp.attributes.put("pv", Map.of("acr", List.of(Map.of("acor", pv, "acop", 63L))));
        acp.attributes.put("pvs", Map.of("acr", List.of(Map.of("acor", pvs, "acop", 63L))));
        return acp;
    }

    /** A copy of the whole stored tree, to compare before and after a request that must change nothing. */
    public Map<String, String> snapshot() {
        Map<String, String> all = new LinkedHashMap<>();
        for (int ty : types.supported()) {
            for (Resource r : tree.ofType(ty)) {
                all.put(r.ri, r.srn + " st=" + r.st + " lt=" + r.lt + " " + r.attributes + " lbl=" + r.lbl);
            }
        }
        return all;
    }

    // --- requests ----------------------------------------------------------------------------------------------

    public RequestPrimitive request(Operation op, String to, String from) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = from;
        req.requestIdentifier = "rq-" + ++requests;
        req.releaseVersionIndicator = "3";
        return req;
    }

    public RequestPrimitive create(String to, String from, int ty, Map<String, Object> content) {
        RequestPrimitive req = request(Operation.CREATE, to, from);
        req.resourceType = ty;
        req.content = content;
        return req;
    }

    public RequestPrimitive update(String to, String from, Map<String, Object> content) {
        RequestPrimitive req = request(Operation.UPDATE, to, from);
        req.content = content;
        return req;
    }

    public CompletableFuture<ResponsePrimitive> sendAsync(RequestPrimitive req) {
        return dispatcher.handle(req);
    }

    public ResponsePrimitive send(RequestPrimitive req) {
        try {
            return dispatcher.handle(req).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer to " + req.operation + " " + req.to, e);
        }
    }

    // --- reading responses -------------------------------------------------------------------------------------

    public static void assertRsc(ResponseStatusCode expected, ResponsePrimitive rsp) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, rsp.responseStatusCode, () -> "content: " + rsp.content);
    }

    /** The attributes under the root element of a response's content ({@code m2m:cnt}). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> body(ResponsePrimitive rsp, String root) {
        if (!(rsp.content instanceof Map<?, ?> content) || !(content.get(root) instanceof Map<?, ?> attributes)) {
            throw new AssertionError("the response content has no " + root + ": " + rsp.content);
        }
        return (Map<String, Object>) attributes;
    }

    /** A map in the order given, for request content: {@code map("m2m:cnt", map("rn", "box"))}. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        nonBlocking.close();
        notifications.close();
    }

    /** A verifier without key whose token cache is this fixture's store. */
    private io.keel.core.access.token.TokenAuthority tokens(TokenSettings settings) {
        io.keel.core.access.token.TokenAuthority tokens = new io.keel.core.access.token.TokenAuthority(settings, null);
        tokens.cacheIn(new io.keel.core.access.token.LocalTokenIds(store));
        return tokens;
    }
}
