package io.keel.core.notification;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.Outbound;
import io.keel.core.ReleaseView;
import io.keel.core.Representations;
import io.keel.core.access.AccessPolicy;
import io.keel.core.access.Permission;
import io.keel.core.resource.NotificationTargets;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.SubscriptionType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscriptions and notifications (TS-0004 7.4.8, 7.5.1), put together: what raises them ({@link #events}), what
 * sends them ({@link Notifier}, {@link Delivery}), where they go ({@link Receivers}), the verification request of a new
 * notification target, and the expirationCounter.
 */
public final class NotificationService implements NotificationTargets, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationService.class.getName());
    private final CseIdentity cse;
    private final ResourceStore store;
    private final AccessPolicy access;
    private final Receivers receivers;
    private final Delivery delivery;
    private final PollingChannels polling;
    private final ResourceChangeEvents events;
    private final Notifier notifier;
    /** Where notifications are kept until their outcome is final; null: in memory only. */
    private final Outbox outbox;
    private final long timeoutMillis;
    private final BlockingUpdates blockingUpdates;
    private final GroupAggregation groupAggregation;
    private final CrossResourceNotifications crossResource;
    private final ExecutorService bookkeeping = Executors.newSingleThreadExecutor(PollingChannels.daemon("keel-subscriptions"));
    /** Deletes a subscription whose expirationCounter ran out, with what a deletion entails; set by the dispatcher. */
    private volatile BiConsumer<Transaction, Resource> deleter;

    public NotificationService(CseIdentity cse, ResourceStore store, Router router, TypeRegistry types,
                               Representations representations, AccessPolicy access, Outbound outbound, Clock clock,
                               DeliverySettings settings, OutboxSettings outboxSettings) {
        this.cse = cse;
        this.access = access;
        this.store = store;
        this.timeoutMillis = settings.timeoutMillis();
        // A request waits for the blocked Update before it, and that for its subscriber (await: timeout + 1 s), twice over.
        this.blockingUpdates = new BlockingUpdates(2 * (timeoutMillis + 1000));
        this.receivers = new Receivers(cse, router, types, outbound);
        this.polling = new PollingChannels(store, clock, settings.pollTimeoutMillis(), settings.timeoutMillis(),
                settings.pollingKeepMillis());
        this.delivery = new Delivery(outbound, polling, new ReleaseView(types));
        this.notifier = new Notifier(delivery, cse.spRelativeCseId(), settings.maxPending(), this::countDelivered,
                clock::now, this::currentRules, new NotificationStats(store, bookkeeping));
        this.groupAggregation = new GroupAggregation(store, receivers, delivery, cse.spRelativeCseId(), clock::now,
                outboxSettings.instance(), outboxSettings.leaseMillis() + timeoutMillis);
        this.outbox = outboxSettings.durable() ? new Outbox(store, receivers, this::currentRules, clock::now, outboxSettings) : null;
        if (outbox != null) {
            notifier.settleWith(outbox::settle);
        }
        this.events = new ResourceChangeEvents(cse, types, representations, receivers, new Sequencer<>(notifier::accept), outbox);
        this.crossResource = new CrossResourceNotifications(store, events, clock::now, () -> deleter, cse.cseBaseRi());
        delivery.deliverToResourcesWith(n -> crossResource.receive(n, n.to));
    }

    /** What crossResourceSubscriptions do with the notifications they receive. */
    public CrossResourceNotifications crossResource() {
        return crossResource;
    }

    /**
     * Takes back what the outbox held for this instance before a restart, and what instances whose lease ran out
     * left, and from then on keeps this instance's lease; starts sending the group aggregations that are due. Called once the CSE can send (its forwarding is set).
     */
    public void start() {
        if (outbox != null) {
            outbox.start(notifier::adopt);
        }
        groupAggregation.start();
    }

    /** What each resource change raises, called inside its write transaction. */
    public ResourceChangeEvents events() {
        return events;
    }

    public PollingChannels pollingChannels() {
        return polling;
    }

    public Receivers receivers() {
        return receivers;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Where a group collects the notifications of subscriptions made through its fanOutPoint (TS-0004 7.5.1.2.6). */
    public GroupAggregation groupAggregation() {
        return groupAggregation;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Notifications waiting to be sent or on their way; see {@link Notifier#pending()}. */
    public int pending() {
        return notifier.pending();
    }

    public long delivered() {
        return notifier.delivered();
    }

    public long failures() {
        return notifier.failures();
    }

    public void deleteWith(BiConsumer<Transaction, Resource> deleter) {
        this.deleter = deleter;
    }

    /**
     * The verification request (TS-0004 7.4.8.2.1, 7.5.1.2.3): a Notify with {@code vrq} to each new notification
     * target that is a oneM2M ID (an AE, a CSE, a resource) and not the originator itself (by its ID or its resource's), before the subscription is
     * stored; a target that cannot be reached or does not answer 2000 OK → 5204. A URL target is never verified
     * (TS-0001 10.2.10.2). Runs outside any transaction: a slow target holds no lock.
     */
    @Override
    public void verify(Resource sub, RequestPrimitive req, List<String> targets) {
        String originator = req.from;
        for (String nu : targets) {
            if (NotificationTargets.isUrl(nu) || nu.equals(originator) || nu.equals(cse.spRelativeCseId() + "/" + originator)) {
                continue;
            }
            Receiver receiver = store.read(tx -> receivers.resolve(tx.tree(), nu));
            boolean crossResource = receiver.kind() == Receiver.Kind.RESOURCE
                    || (receiver.kind() == Receiver.Kind.UNREACHABLE && receiver.localAe() == null);
            if (crossResource && sub.get("acrs") instanceof List<?> acrs && acrs.contains(nu)) {
                // A crossResourceSubscription of this CSE that the subscription serves (its acrs): this CSE answers for it,
                // also while it is being created and not stored yet (TS-0004 7.4.58.2.1). Never an AE or another CSE.
                continue;
            }
            if (originator != null && receiver.localAe() != null && isEntity(receiver.localAe(), originator)) {
                continue; // the originator's own <AE> by its resource ID (structured or not): not verified
            }
            Map<String, Object> sgn = new LinkedHashMap<>();
            sgn.put("vrq", true);
            sgn.put("sur", events.reference(sub));
            if (originator != null) {
                sgn.put("cr", originator);
            }
            RequestPrimitive vrq = Delivery.notify(receiver, cse.spRelativeCseId(), Map.of("m2m:sgn", sgn), null);
            if (receiver.localAe() != null && !store.read(tx -> access.allows(tx.tree(), req, Permission.NOTIFY, tx.tree().find(receiver.localAe())))) {
                throw new OneM2MException(ResponseStatusCode.SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE,
                        "originator " + originator + " may not send notifications to " + nu);
            }
            ResponsePrimitive rsp = await(delivery.send(receiver, vrq), nu);
            if (rsp.responseStatusCode != ResponseStatusCode.OK) {
                // A target refusing the creator answers 4101 (TS-0004 7.5.1.2.3); Keel passes it on instead of the
                // 5204 of 7.4.8.2.1, so the creator learns why.
                ResponseStatusCode rsc = rsp.responseStatusCode == ResponseStatusCode.SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE
                        ? rsp.responseStatusCode : ResponseStatusCode.SUBSCRIPTION_VERIFICATION_INITIATION_FAILED;
                throw new OneM2MException(rsc, "verification of notification target " + nu + " failed: "
                        + rsp.responseStatusCode.code() + (rsp.content == null ? "" : " " + rsp.content));
            }
        }
    }

    /** Whether the local AE (or CSE) resource {@code ri} is the entity {@code id}. */
    private boolean isEntity(String ri, String id) {
        return store.read(tx -> {
            Resource r = tx.tree().find(ri);
            return r != null && (id.equals(r.get("aei")) || id.equals(r.get("csi")));
        });
    }

    /** The gates of resources whose Update waits for their Blocking_Update subscriber. */
    public BlockingUpdates blockingUpdates() {
        return blockingUpdates;
    }

    @Override
    public Resource blockingSubscription(String subscribedTo) {
        return store.read(tx -> SubscriptionType.blockingUpdate(tx.tree().children(subscribedTo, ResourceTypes.SUBSCRIPTION)));
    }

    /**
     * The Blocking_Update subscription an Update of {@code r} setting the attributes {@code modified} waits for, or null:
     * r's one subscription with net 7, when it has no atr or its atr names one of them (TS-0004 7.5.1.2.19).
     */
    public Resource blockingSubscription(Transaction tx, Resource r, Set<?> modified) {
        Resource sub = SubscriptionType.blockingUpdate(tx.tree().subscriptionsOf(r));
        if (sub == null) {
            return null;
        }
        Object atr = ((Map<?, ?>) sub.get("enc")).get("atr");
        return atr instanceof List<?> names && names.stream().noneMatch(modified::contains) ? null : sub;
    }

    /**
     * Asks the Blocking_Update subscriber of a resource whether an Update may proceed (TS-0004 7.5.1.2.19): a Notify with
     * the representation the Update carries, to its one target, and waits for the answer, holding no lock. A successful
     * answer lets the Update proceed; else it is refused as TS-0004 7.3.2.9 says: the target not reachable → 5107, the
     * target answering OPERATION_NOT_ALLOWED → 4127; no answer in time → 4008; any other unsuccessful answer → 4127
     * (TS-0001 table 9.6.8-3: "completed with no success").
     */
    public void askBlockingSubscriber(Resource sub, RequestPrimitive update) {
        String nu = SubscriptionType.targets(sub).get(0);
        Receiver receiver = store.read(tx -> receivers.resolve(tx.tree(), nu));
        Map<String, Object> nev = new LinkedHashMap<>();
        nev.put("rep", update.content);
        nev.put("net", SubscriptionType.BLOCKING_UPDATE);
        Map<String, Object> sgn = new LinkedHashMap<>();
        sgn.put("nev", nev);
        sgn.put("sur", events.reference(sub));
        if (sub.cr != null) {
            sgn.put("cr", sub.cr);
        }
        RequestPrimitive notify = Delivery.notify(receiver, cse.spRelativeCseId(), Map.of("m2m:sgn", sgn), null);
        ResponsePrimitive rsp = await(delivery.send(receiver, notify), nu);
        if (Delivery.succeeded(rsp)) {
            return;
        }
        String why = "the Blocking_Update subscriber " + nu + " answered " + rsp.responseStatusCode.code()
                + (rsp.content == null ? "" : " " + rsp.content) + "; the update is not applied";
        throw new OneM2MException(switch (rsp.responseStatusCode) {
            case TARGET_NOT_REACHABLE -> ResponseStatusCode.REMOTE_ENTITY_NOT_REACHABLE;
            case REQUEST_TIMEOUT -> ResponseStatusCode.REQUEST_TIMEOUT;
            default -> ResponseStatusCode.OPERATION_DENIED_BY_REMOTE_ENTITY;
        }, why);
    }

    /** Waits (bounded) for an answer, for a request that cannot complete without it. */
    public ResponsePrimitive await(java.util.concurrent.CompletableFuture<ResponsePrimitive> answer, String target) {
        try {
            return answer.get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT, "no answer in time from " + target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "interrupted");
        } catch (ExecutionException e) {
            return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, String.valueOf(e.getCause()));
        }
    }

    /** expirationCounter (TS-0004 7.5.1.2.2): one less per delivered notification; at 0 the subscription is deleted. */
    private void countDelivered(String subscription) {
        bookkeeping.execute(() -> {
            try {
                store.write(tx -> {
                    Resource sub = tx.tree().lock(subscription);
                    if (sub == null || sub.get("exc") == null) {
                        return null;
                    }
                    long exc = sub.getLong("exc", 1) - 1;
                    if (exc <= 0) {
                        deleter.accept(tx, sub);
                    } else {
                        sub.attributes.put("exc", exc);
                        tx.tree().update(sub);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot count down the expirationCounter of " + subscription, e);
            }
        });
    }

    /** A subscription's delivery rules as stored now (another instance may have changed them), empty when it is gone. */
    private Optional<DeliveryRules> currentRules(String subscription) {
        return store.read(tx -> {
            Resource sub = tx.tree().find(subscription);
            return sub == null ? Optional.empty() : Optional.of(ResourceChangeEvents.rules(tx, sub));
        });
    }

    /** Delivers what is pending, up to {@code drainMillis}, then stops. */
    public void close(long drainMillis) {
        notifier.drain(drainMillis);
        if (outbox != null) {
            outbox.close();
        }
        bookkeeping.shutdown();
        try {
            bookkeeping.awaitTermination(Math.max(1000, drainMillis / 4), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        if (outbox != null) {
            outbox.close();
        }
        crossResource.close();
        bookkeeping.shutdownNow();
        notifier.close();
        polling.close();
        groupAggregation.close();
    }
}
