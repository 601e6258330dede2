package io.keel.core;

import io.keel.core.semantic.SemanticSettings;
import io.keel.core.access.AccessPolicy;
import io.keel.core.access.token.AuthorizationSignatures;
import io.keel.core.access.token.LocalTokenIds;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenSettings;
import io.keel.core.announcement.Announcements;
import io.keel.core.announcement.Announcer;
import io.keel.core.access.AcpAccessPolicy;
import io.keel.core.access.DistributedAuthorization;
import io.keel.core.access.DynamicAuthorization;
import io.keel.core.access.LocalAuthorization;
import io.keel.core.notification.Receivers;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.filter.FilteredSearch;
import io.keel.core.geo.OriginatorLocations;
import io.keel.core.geo.RegisteredLocations;
import io.keel.core.notification.DeliverySettings;
import io.keel.core.notification.NotificationService;
import io.keel.core.notification.OutboxSettings;
import io.keel.core.notification.NotificationTargetRemovals;
import io.keel.core.trigger.DeviceTriggers;
import io.keel.core.management.ManagementActions;
import io.keel.core.management.ManagementAdapters;
import io.keel.core.operation.GroupRevalidation;
import io.keel.core.operation.OperationContext;
import io.keel.core.registration.Registration;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.flex.CatalogueLoader;
import io.keel.core.resource.flex.FlexCatalogue;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.CacheUsage;
import io.keel.core.store.PoolUsage;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.XmlNamespaces;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The CSE, put together: the store it was given, the type registry, the router, access control, notifications, the
 * operations and the dispatcher in front of them, and the background work it owns (expiry, non-blocking requests).
 */
public final class Cse implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Cse.class.getName());
    private final CseIdentity identity;
    private final ResourceStore store;
    private final Dispatcher dispatcher;
    private final ExpirySweeper sweeper;
    private final MissingDataDetector missingData;
    private final io.keel.core.location.LocationTracker locations;
    private final io.keel.core.location.LocationNotifications locationNotifications;
    private final Outbound outbound;
    private final NotificationService notifications;
    private final DeviceTriggers deviceTriggers;
    private final NonBlockingRequests nonBlocking;
    private final Registration registration;
    private final Announcer announcer;
    private final GroupRevalidation groupRevalidation;
    private final long drainMillis;
    /** Set when the CSE starts to stop: it finishes what is under way but should be sent nothing new. */
    private volatile boolean draining;
    private final FlexCatalogue flexCatalogue;
    private final ManagementAdapters managementAdapters = ManagementAdapters.discover();
    private final ManagementActions managementActions;
    private final CrossResourceLinks crossResourceLinks;
    /** How often the ended windows of crossResourceSubscriptions with eem 2–5 are judged. */
    private static final long CROSS_RESOURCE_WINDOW_CHECK_MILLIS = 500;

    /**
     * The flexContainer specializations: those Keel ships and those of the folder {@code keel.flex.catalogue}; their
     * XML namespaces become known to the codecs. A broken catalogue file stops the start, its message naming the file.
     */
    private static FlexCatalogue flexCatalogue(Settings settings) {
        String folder = settings.get("keel.flex.catalogue", null);
        FlexCatalogue catalogue = CatalogueLoader.load(folder == null || folder.isBlank() ? null : Path.of(folder));
        catalogue.namespaces().forEach(XmlNamespaces::declare);
        return catalogue;
    }

    private Cse(CseIdentity identity, ResourceStore store, Outbound outbound, Settings settings,
                Consumer<RequestOutcome> outcomes) {
        this.identity = identity;
        this.store = store;
        this.outbound = outbound;
        this.drainMillis = settings.getLong("keel.shutdown.drain", 10_000);
        Clock clock = new Clock();
        SemanticSettings semantics = SemanticSettings.from(settings);
        TypeRegistry types = new TypeRegistry(flexCatalogue(settings), io.keel.core.resource.mgmt.MgmtCatalogueLoader.builtIn(),
                semantics, io.keel.core.location.NetworkLocationSource.configured(settings, store).orElse(null));
        this.flexCatalogue = types.flexCatalogue();
        try {
            ensureCseBase(types, clock, settings.cseAccessControlPolicies());
        } catch (OneM2MException e) {
            if (e.rsc() != ResponseStatusCode.CONFLICT) {
                throw e;
            }
            // Another CSE on the same database created the CSEBase between our look and our insert: update it.
            ensureCseBase(types, clock, settings.cseAccessControlPolicies());
        }
        Router router = new Router(identity, types, new RemoteCses(identity));
        // Where originators are (aclr, lr): where a <locationPolicy> last positioned them, else their registered loc.
        RegisteredLocations registered = new RegisteredLocations(identity);
        OriginatorLocations locations = new io.keel.core.location.PolicyLocations(registered).orElse(registered);
        TokenAuthority tokens = TokenAuthority.from(TokenSettings.from(settings, identity));
        types.token().authorityWith(tokens);
        Forwarding forwarding = new Forwarding(identity, outbound, clock, settings.forwardingTimeoutMillis(),
                settings.forwardingAuthorization());
        RemoteRequests remoteRequests = new RemoteRequests(store, router, forwarding);
        tokens.cacheIn(new LocalTokenIds(store));
        AcpAccessPolicy policies = new AcpAccessPolicy(identity, types, router, clock, locations, tokens);
        AccessPolicy dynamic = new DynamicAuthorization(policies, identity,
                router, outbound, new Receivers(identity, router, types, outbound), clock,
                settings.dynamicAuthorizationTimeoutMillis(), settings.getInt("keel.dynauth.discovery-max", 100),
                settings.getInt("keel.dynauth.cache-max", 10_000),
                new DynamicAuthorization.Relationships(store, tokens, AuthorizationSignatures.from(settings)));
        DistributedAuthorization access = new DistributedAuthorization(dynamic, policies, types, identity, router,
                types::authorization, remoteRequests::send, clock,
                settings.dynamicAuthorizationTimeoutMillis(), settings.getInt("keel.dynauth.discovery-max", 100));
        types.bindAuthorization(new LocalAuthorization(access.asDecisionPoint(), router, types, identity, tokens, clock));
        FilteredSearch search = new FilteredSearch(types, identity.contentScanMax(), semantics);
        Representations representations = new Representations(types, identity.maxResultSize(), search);
        this.notifications = new NotificationService(identity, store, router, types, representations, access, outbound,
                clock, DeliverySettings.from(settings), OutboxSettings.from(settings));
        this.announcer = new Announcer(identity, store, types, router, forwarding, clock,
                settings.getLong("keel.announcement.retry-first", 1_000), settings.getLong("keel.announcement.retry-max", 60_000),
                // A step is one forwarded request (and its answer): twice the forwarding timeout covers it.
                2 * settings.forwardingTimeoutMillis() + 1_000);
        OperationContext ctx = new OperationContext(identity, store, types, router, access, representations, search,
                notifications, clock, new Announcements(identity, clock, announcer::wake));
        this.nonBlocking = new NonBlockingRequests(identity, store, router, clock, notifications,
                settings.getInt("keel.nonblocking.threads", 4), settings.getInt("keel.nonblocking.queue", 10_000),
                settings.getLong("keel.request.lifetime", 3_600_000), settings.getLong("keel.nonblocking.lease", 60_000));
        this.dispatcher = new Dispatcher(store, router, types, ctx, clock, nonBlocking, outcomes.andThen(this::registreesChanged),
                forwarding);
        notifications.delivery().forwardWith(remoteRequests::send);
        notifications.delivery().dispatchLocallyWith(dispatcher::handle);
        ctx.remoteWith(remoteRequests);
        ctx.onRemoteCseRemoved(this::remoteCseRemoved);
        // What the CSE deletes on its own (subscriptions at exc 0, ended crossResourceSubscriptions, accepted target
        // removals) goes through the one delete path, so that it notifies and cascades as a Delete request does.
        BiConsumer<Transaction, Resource> deleteAsCse = (tx, r) -> dispatcher.deletes().delete(tx, r, null, clock.now());
        notifications.deleteWith(deleteAsCse);
        // A crossResourceSubscription's requests on its targets go through the dispatcher, as its originator's would.
        this.crossResourceLinks = new CrossResourceLinks(identity, dispatcher::handle, 2 * settings.forwardingTimeoutMillis() + 1_000,
                notifications.crossResource());
        types.crossResourceSubscription().targetsWith(crossResourceLinks);
        notifications.crossResource().start(CROSS_RESOURCE_WINDOW_CHECK_MILLIS);
        this.deviceTriggers = new DeviceTriggers(identity, store, notifications.events());
        ctx.targetRemovalWith(new NotificationTargetRemovals(identity, store, notifications, clock,
                NotificationTargetRemovals.action(settings.get("keel.notification.target-policy.default", "accept")),
                deleteAsCse, locations));
        this.managementActions = new ManagementActions(store, types, notifications.events(), managementAdapters, clock,
                settings.getLong("keel.management.action-timeout", 60_000),
                settings.getLong("keel.management.queue-interval", 1_000));
        ctx.managementWith(managementActions);
        this.sweeper = new ExpirySweeper(store, dispatcher.deletes(), clock, settings.expirySweepMillis());
        this.missingData = new MissingDataDetector(store, notifications.events(), clock::now,
                settings.getLong("keel.timeseries.detect-interval", 1000L));
        this.locations = new io.keel.core.location.LocationTracker(identity, store, types, notifications.events(), clock::now,
                settings.getLong("keel.location.fix-interval", 1000L), locationCallbacks(settings));
        this.locationNotifications = new io.keel.core.location.LocationNotifications(store,
                ((io.keel.core.resource.types.LocationPolicyType) types.require(ResourceTypes.LOCATION_POLICY)).network().orElse(null),
                this.locations);
        types.container().beforeLatestRetrieveWith(this.locations::beforeLatestRetrieve);
        this.groupRevalidation = new GroupRevalidation(ctx, dispatcher.deletes(),
                settings.getLong("keel.group.revalidation-interval", 30_000));
        this.registration = new Registration(identity, store, outbound, clock,
                settings.getLong("keel.registrar.retry-first", 1_000), settings.getLong("keel.registrar.retry-max", 60_000),
                Boolean.parseBoolean(settings.get("keel.registrar.reregister", "false")),
                settings.getLong("keel.registrar.check-interval", 60_000));
    }

    /**
     * A {@code <remoteCSE>} was created or updated: the registrar may have to learn of changed descendantCSEs (TS-0004
     * 7.4.4.2.1); the registration finds out whether it must. Removals, whatever removes them, come through
     * {@link #remoteCseRemoved}.
     */
    private void registreesChanged(RequestOutcome outcome) {
        boolean succeeded = outcome.rsc() >= 2000 && outcome.rsc() < 3000;
        if (succeeded && registration != null && Integer.valueOf(ResourceTypes.REMOTE_CSE).equals(outcome.resourceType())) {
            registration.descendantsChanged();
        }
    }

    /** A {@code <remoteCSE>} was deleted, expired or removed by the administrator (committed). */
    private void remoteCseRemoved() {
        if (registration != null) {
            registration.remoteCseRemoved();
        }
    }

    /**
     * Starts the CSE on the opened store, which it owns from then on; what it sends to others goes through
     * {@code outbound}, and {@code outcomes} is told about every request it answers.
     */
    public static Cse start(Settings settings, ResourceStore store, Outbound outbound, Consumer<RequestOutcome> outcomes) {
        CseIdentity identity;
        Cse cse;
        try {
            identity = CseIdentity.from(settings);
            cse = new Cse(identity, store, outbound, settings, outcomes);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info(() -> "CSE " + identity.spRelativeCseId() + " (" + identity.cseName() + ") is ready");
        cse.registration.start(); // in the background: a registrar that is down does not hold up the start
        cse.announcer.start(); // goes on with what was queued before a restart
        cse.notifications.start(); // likewise with the notifications the outbox kept
        return cse;
    }

    /** The flexContainer specializations this CSE knows (for the console's long names). */
    public FlexCatalogue flexCatalogue() {
        return flexCatalogue;
    }

    /** The adapters that carry management actions to devices; a bridge registers its own here while it runs. */
    public ManagementAdapters managementAdapters() {
        return managementAdapters;
    }

    /** What the Location Server of the Underlying Network notifies (keel.location.callback). */
    public io.keel.core.location.LocationNotifications locationNotifications() {
        return locationNotifications;
    }

    /** keel.location.callback, where the Underlying Network reaches this CSE; null when unset (changes are polled). */
    private static io.keel.core.location.CallbackUrls locationCallbacks(Settings settings) {
        String callback = settings.get("keel.location.callback", "");
        if (callback.isBlank()) {
            return null;
        }
        io.keel.core.location.ThreeGppMonitoringEvent.httpUrl("keel.location.callback", callback);
        return new io.keel.core.location.CallbackUrls(callback);
    }

    /** The intake of device triggers a network adapter delivers for registree AEs (TS-0001 8.3.3.2.1). */
    public DeviceTriggers deviceTriggers() {
        return deviceTriggers;
    }

    public CseIdentity identity() {
        return identity;
    }

    public CompletableFuture<ResponsePrimitive> handle(RequestPrimitive request) {
        return dispatcher.handle(request);
    }

    /** True once {@link #close()} has begun. */
    public boolean draining() {
        return draining;
    }

    /** Runs a trivial query; throws when the database does not answer it. */
    public void pingDatabase() {
        store.ping();
    }

    /** The database connection pools Keel itself keeps, by name; none when the app server's DataSource pools. */
    public Map<String, PoolUsage> connectionPools() {
        return store.connectionPools();
    }

    /** How the store's cache of resources answered, or null when it keeps none. */
    public CacheUsage rowCache() {
        return store.rowCache();
    }

    /** Notifications queued or on their way, over all subscriptions and targets. */
    public int pendingNotifications() {
        return notifications.pending();
    }

    /** Notifications (and batches) a receiver accepted, since start. */
    public long notificationsDelivered() {
        return notifications.delivered();
    }

    /** Attempts to deliver a notification (or batch) that failed, since start; a kept one may fail again. */
    public long notificationFailures() {
        return notifications.failures();
    }

    /** Non-blocking requests waiting for a thread. */
    public int queuedNonBlockingRequests() {
        return nonBlocking.queued();
    }

    /** Creates the CSEBase at first start; afterwards refreshes what the settings and this version determine. */
    private void ensureCseBase(TypeRegistry types, Clock clock, List<String> policies) {
        store.write(tx -> {
            Resource cb = tx.tree().lock(identity.cseBaseRi());
            Instant now = cb == null ? clock.now() : clock.after(cb.lt);
            boolean created = cb == null;
            if (created) {
                cb = new Resource();
                cb.ri = identity.cseBaseRi();
                cb.ty = ResourceTypes.CSE_BASE;
                cb.rn = identity.cseName();
                cb.srn = identity.cseName();
                cb.ct = now;
                cb.origin = identity.cseId();
            }
            cb.lt = now;
            cb.attributes.put("cst", (long) identity.cseType());
            cb.attributes.put("csi", identity.spRelativeCseId());
            cb.attributes.put("srt", types.supported());
            cb.attributes.put("poa", identity.pointOfAccess());
            cb.attributes.put("csz", List.of("json", "xml", "cbor")); // m2m:serializations (TS-0004 table 6.3.3-1)
            cb.attributes.put("srv", ReleaseVersion.SUPPORTED);
            Object acpiBefore = cb.attributes.get(ResourceType.ACCESS_CONTROL_POLICY_IDS);
            List<String> acpi = existingPolicies(tx.tree(), policies);
            if (acpi.isEmpty()) {
                cb.attributes.remove(ResourceType.ACCESS_CONTROL_POLICY_IDS);
            } else {
                cb.attributes.put(ResourceType.ACCESS_CONTROL_POLICY_IDS, acpi);
            }
            if (created) {
                tx.tree().insert(cb);
            } else {
                tx.tree().update(cb);
            }
            if (!Objects.equals(acpiBefore, cb.attributes.get(ResourceType.ACCESS_CONTROL_POLICY_IDS))) {
                new GoverningPolicies(types).acpiChanged(tx.policyIndex(), cb);
            }
            return null;
        });
    }

    /**
     * The resourceIDs of the configured policies that exist; one that does not (yet) is left out with a warning,
     * which leaves the CSEBase to the stricter default rules rather than failing the start.
     */
    private List<String> existingPolicies(ResourceTree tree, List<String> configured) {
        List<String> out = new ArrayList<>();
        for (String id : configured) {
            Resource acp = tree.find(id);
            if (acp == null) {
                acp = tree.findByStructuredName(id.startsWith("/") ? id.substring(1) : id);
            }
            if (acp == null || acp.ty != ResourceTypes.ACCESS_CONTROL_POLICY) {
                LOG.warning(() -> "keel.cse.acpi names " + id + ", which is no accessControlPolicy of this CSE; it is left out");
            } else if (!out.contains(acp.ri)) {
                out.add(acp.ri);
            }
        }
        return out;
    }

    @Override
    public void close() {
        draining = true;
        registration.close();
        announcer.close();
        // Graceful: running non-blocking requests finish and pending notifications go out, each within the drain time.
        sweeper.close();
        missingData.close();
        locations.close();
        groupRevalidation.close();
        managementActions.close();
        crossResourceLinks.close();
        nonBlocking.close(drainMillis);
        notifications.close(drainMillis);
        outbound.close();
        store.close();
    }
}
