package io.keel.core.announcement;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.Forwarding;
import io.keel.core.Identifiers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.AnnouncedType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.AnnouncementQueue.Task;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Does the announcement work {@link Announcements} queued (TS-0004 7.3.3.10 announce, 7.3.3.11 de-announce), in the
 * background, one task at a time in the order queued (a parent is announced before its children), each request sent
 * as this CSE through {@link Forwarding} to the next hop of the target CSE.
 * <p>
 * Announce: the original's at still names the target by its CSE-ID → Create of the announced type under the announced
 * parent there, or this CSE's {@code <remoteCSE>} there ({@code /id-in/id-mn}) when the parent is not announced to
 * it; the CSE-ID in at becomes the announced resource's ID. at names the announced resource → Update with the
 * announced attributes as they are now (one the target no longer has, 4004, is announced anew). De-announce: Delete
 * (4004 counts as done).
 * <p>
 * A task is taken (claimed in the database) for the time a step may take, so that several Keel processes on one database
 * do not both do it, and an update of the original queued while a step is under way runs after it.
 * <p>
 * A target that does not answer, or answers 5xxx or 4008, is tried again after a pause that doubles up to
 * {@code maxRetryMillis}; the tasks are in the database, so a restart goes on with them. A target that does not know the
 * parent (4004: this CSE may not be registered there yet) is tried {@link #PARENT_TRIES} times. A target that refuses
 * (any other 4xxx) is not asked again: the CSE-ID leaves at (it is not announced there) and the log says why.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Announcer.class.getName());
    private static final String RELEASE = "3";
    private static final int BATCH = 100;
    /** How often a Create whose parent the target does not know (4004) is tried before it is given up. */
    static final int PARENT_TRIES = 5;
    private final CseIdentity cse;
    private final ResourceStore store;
    private final TypeRegistry types;
    private final Router router;
    private final Forwarding forwarding;
    private final Clock clock;
    private final long firstRetryMillis;
    private final long maxRetryMillis;
    private final long leaseMillis;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean closed;

    public Announcer(CseIdentity cse, ResourceStore store, TypeRegistry types, Router router, Forwarding forwarding,
                     Clock clock, long firstRetryMillis, long maxRetryMillis, long leaseMillis) {
        this.leaseMillis = leaseMillis;
        this.cse = cse;
        this.store = store;
        this.types = types;
        this.router = router;
        this.forwarding = forwarding;
        this.clock = clock;
        this.firstRetryMillis = Math.max(1, firstRetryMillis);
        this.maxRetryMillis = Math.max(this.firstRetryMillis, maxRetryMillis);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-announcement");
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks for due tasks now and then every first-retry interval (what a restart left, retries). */
    public void start() {
        try {
            worker.scheduleWithFixedDelay(this::runDue, 0, firstRetryMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Runs the due tasks soon: a transaction queued some. */
    public void wake() {
        if (closed || !woken.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                woken.set(false);
                runDue();
            });
        } catch (RejectedExecutionException e) {
            woken.set(false);
        }
    }

    /** Runs every task due now, in order; visible to tests, which call it on their own thread. */
    public void runDue() {
        try {
            List<Task> due;
            do {
                Instant now = clock.now();
                due = store.read(tx -> tx.announcements().due(now, BATCH));
                for (Task task : due) {
                    if (closed) {
                        return;
                    }
                    run(task);
                }
            } while (due.size() == BATCH && !closed);
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.SEVERE, "announcement work failed", e);
        }
    }

    private void run(Task due) {
        // Taken for this instance while it works on it; a process that dies meanwhile leaves it to be taken again later.
        Instant until = clock.now().plusMillis(leaseMillis);
        if (!store.write(tx -> tx.announcements().claim(due, until))) {
            return; // another instance took it, or it was queued anew and will come again
        }
        Task task = new Task(due.ri(), due.target(), due.remoteId(), due.attempts(), until);
        Outcome outcome;
        try {
            outcome = task.deannounce() ? deannounce(task) : announce(task);
        } catch (OneM2MException e) {
            outcome = failed(task, e.rsc(), e.getMessage());
        }
        Outcome o = outcome;
        store.write(tx -> {
            if (o == Outcome.DONE) {
                tx.announcements().remove(task);
            } else if (o == Outcome.WAIT) {
                tx.announcements().retryAt(task, task.attempts(), clock.now().plusMillis(firstRetryMillis));
            } else {
                int attempts = task.attempts() + 1;
                long pause = Math.min(maxRetryMillis, firstRetryMillis << Math.min(attempts - 1, 20));
                tx.announcements().retryAt(task, attempts, clock.now().plusMillis(pause));
            }
            return null;
        });
    }

    private enum Outcome { DONE, RETRY, WAIT }

    private Outcome deannounce(Task task) {
        ResponsePrimitive rsp = send(request(Operation.DELETE, task.remoteId()));
        if (rsp.responseStatusCode == ResponseStatusCode.DELETED || rsp.responseStatusCode == ResponseStatusCode.NOT_FOUND) {
            LOG.fine(() -> "de-announced " + task.remoteId() + " (original " + task.ri() + ")");
            return Outcome.DONE;
        }
        return failed(task, rsp.responseStatusCode, reason(rsp));
    }

    private Outcome announce(Task task) {
        Plan plan = store.read(tx -> plan(tx, task));
        if (plan == null) {
            return Outcome.DONE; // the original is gone or at no longer names the target: nothing to announce
        }
        if (plan.parent == null) {
            return Outcome.WAIT; // the parent is being announced there: its announced resource comes first
        }
        if (plan.announcedAt != null) {
            RequestPrimitive update = request(Operation.UPDATE, plan.announcedAt);
            update.content = Map.of(plan.announced.rootElement(), plan.attributes(true));
            ResponsePrimitive rsp = send(update);
            if (rsp.responseStatusCode == ResponseStatusCode.UPDATED) {
                return Outcome.DONE;
            }
            if (rsp.responseStatusCode == ResponseStatusCode.NOT_FOUND) {
                // Gone there (deleted by someone, or expired): announce it anew.
                replaceInAt(task, plan.announcedAt, task.target());
                return Outcome.WAIT;
            }
            return failed(task, rsp.responseStatusCode, reason(rsp));
        }
        RequestPrimitive create = request(Operation.CREATE, plan.parent);
        create.resourceType = plan.announced.ty();
        create.content = Map.of(plan.announced.rootElement(), plan.attributes(false));
        ResponsePrimitive rsp = send(create);
        if (rsp.responseStatusCode == ResponseStatusCode.CREATED && rsp.content instanceof Map<?, ?> m
                && m.get(plan.announced.rootElement()) instanceof Map<?, ?> created && created.get("ri") instanceof String ri) {
            String address = ri.startsWith("/") ? ri : task.target() + "/" + ri;
            replaceInAt(task, task.target(), address);
            LOG.fine(() -> "announced " + task.ri() + " to " + task.target() + " as " + address);
            return Outcome.DONE;
        }
        return failed(task, rsp.responseStatusCode, reason(rsp));
    }

    /** What to send for an announce task, read in one transaction; null when there is nothing to do. */
    private Plan plan(Transaction tx, Task task) {
        Resource r = tx.tree().find(task.ri());
        if (r == null) {
            return null;
        }
        ResourceType type = types.typeOf(r);
        String entry = entryFor(r, task.target());
        if (entry == null) {
            return null;
        }
        AnnouncedType announced = types.announcedTypeOf(type);
        Plan plan = new Plan(type, announced, r, type.representation(r), entry.equals(task.target()) ? null : entry,
                cse.spRelativeCseId() + "/" + r.ri); // lnk: the original's SP-relative ID
        plan.parent = announcedParent(tx, r, task.target());
        return plan;
    }

    /**
     * Where the announced resource goes on the target: below the announced parent when the parent is announced there,
     * else below this CSE's {@code <remoteCSE>} there (its ri is this CSE's CSE-ID); null while the parent waits to be.
     */
    private String announcedParent(Transaction tx, Resource r, String target) {
        Resource parent = r.pi == null ? null : tx.tree().find(r.pi);
        String parentEntry = parent == null || !types.require(parent.ty).supportsAnnouncement() ? null : entryFor(parent, target);
        if (parentEntry == null) {
            return target + "/" + cse.cseId();
        }
        return parentEntry.equals(target) ? null : parentEntry;
    }

    /** The entry of at for the target (its CSE-ID, or the announced resource's ID), or null. */
    private static String entryFor(Resource r, String target) {
        if (r.attributes.get(ResourceType.ANNOUNCE_TO) instanceof List<?> at) {
            for (Object o : at) {
                String e = String.valueOf(o);
                if (e.equals(target) || e.startsWith(target + "/")) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * Replaces an entry of the original's at (the CSE-ID by the announced resource's ID, or back); when the original or
     * the entry is gone meanwhile, a resource just created there is de-announced.
     */
    private void replaceInAt(Task task, String from, String to) {
        store.write(tx -> {
            Resource r = tx.tree().lock(task.ri());
            List<Object> at = r != null && r.attributes.get(ResourceType.ANNOUNCE_TO) instanceof List<?> l ? new ArrayList<>(l) : null;
            int i = at == null ? -1 : at.indexOf(from);
            if (i < 0) {
                if (!to.equals(task.target())) {
                    tx.announcements().put(task.ri(), task.target(), to, clock.now());
                }
                return null;
            }
            at.set(i, to);
            r.attributes.put(ResourceType.ANNOUNCE_TO, at);
            tx.tree().update(r);
            return null;
        });
    }

    /** A failed step: tried again later when the target may answer then, else given up with the CSE-ID out of at. */
    private Outcome failed(Task task, ResponseStatusCode rsc, String reason) {
        // 4004 for the parent may be a registration not made yet (this CSE's <remoteCSE> there): a few tries more.
        boolean parentMayCome = rsc == ResponseStatusCode.NOT_FOUND && !task.deannounce() && task.attempts() < PARENT_TRIES;
        if (rsc.code() >= 5000 || rsc == ResponseStatusCode.REQUEST_TIMEOUT || parentMayCome) {
            if (task.attempts() == 0) {
                LOG.warning(() -> (task.deannounce() ? "de-announcing " + task.remoteId() : "announcing " + task.ri() + " to "
                        + task.target()) + " failed (" + rsc.code() + " " + reason + "); trying again, at most every "
                        + maxRetryMillis + " ms");
            }
            return Outcome.RETRY;
        }
        LOG.warning(() -> (task.deannounce() ? "de-announcing " + task.remoteId() : "announcing " + task.ri() + " to "
                + task.target()) + " refused (" + rsc.code() + " " + reason + "); not tried again");
        if (!task.deannounce()) {
            store.write(tx -> {
                Resource r = tx.tree().lock(task.ri());
                if (r != null && r.attributes.get(ResourceType.ANNOUNCE_TO) instanceof List<?> l && l.contains(task.target())) {
                    List<Object> at = new ArrayList<>(l);
                    at.remove(task.target());
                    if (at.isEmpty()) {
                        r.attributes.remove(ResourceType.ANNOUNCE_TO);
                    } else {
                        r.attributes.put(ResourceType.ANNOUNCE_TO, at);
                    }
                    tx.tree().update(r);
                }
                return null;
            });
        }
        return Outcome.DONE;
    }

    private RequestPrimitive request(Operation operation, String to) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = operation;
        req.to = to;
        req.from = cse.spRelativeCseId();
        req.requestIdentifier = "annc-" + Identifiers.random(10);
        req.releaseVersionIndicator = RELEASE;
        req.contentSerialization = Serialization.JSON;
        return req;
    }

    /** Sends through the next hop of the target CSE; never throws, waits at most the forwarding timeout. */
    private ResponsePrimitive send(RequestPrimitive req) {
        try {
            Route route = store.read(tx -> router.route(tx, req.to));
            if (!(route instanceof Route.Remote remote)) {
                return ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, req.to + " is no resource of another CSE");
            }
            return forwarding.forward(req, remote, false).join();
        } catch (OneM2MException e) {
            return ResponsePrimitive.error(e.rsc(), e.getMessage());
        } catch (RuntimeException e) {
            return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, String.valueOf(e));
        }
    }

    private static String reason(ResponsePrimitive rsp) {
        return rsp.content instanceof Map<?, ?> m && m.get("m2m:dbg") != null ? String.valueOf(m.get("m2m:dbg")) : "";
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
    }

    /** An announce task, worked out. */
    private static final class Plan {
        final ResourceType type;
        final AnnouncedType announced;
        final Resource original;
        final Map<String, Object> representation;
        final String announcedAt;
        final String link;
        String parent;

        Plan(ResourceType type, AnnouncedType announced, Resource original, Map<String, Object> representation,
             String announcedAt, String link) {
            this.link = link;
            this.type = type;
            this.announced = announced;
            this.original = original;
            this.representation = representation;
            this.announcedAt = announcedAt;
        }

        /**
         * The announced resource's attributes (TS-0004 7.3.3.10): lnk, lbl and et (MA), the type's MA attributes and
         * those aa names. acpi is not announced: its IDs name policies of this CSE, which the target does not have.
         * An Update also clears (null) what is no longer announced.
         */
        Map<String, Object> attributes(boolean update) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(AnnouncedType.LINK, link);
            if (!original.lbl.isEmpty()) {
                out.put("lbl", original.lbl);
            } else if (update) {
                out.put("lbl", null);
            }
            if (representation.get("et") != null) {
                out.put("et", representation.get("et"));
            }
            List<?> aa = original.attributes.get(ResourceType.ANNOUNCED_ATTRIBUTE) instanceof List<?> l ? l : List.of();
            for (String sn : type.mandatoryAnnounced()) {
                out.put(sn, representation.get(sn));
            }
            for (String sn : type.announcedAttributes()) {
                if (out.containsKey(sn)) {
                    continue;
                }
                Object v = aa.contains(sn) ? representation.get(sn) : null;
                if (v != null || update) {
                    out.put(sn, v);
                }
            }
            return out;
        }

    }
}
