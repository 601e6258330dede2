package io.keel.core.management;

import io.keel.core.Clock;
import io.keel.core.Identifiers;
import io.keel.core.access.GoverningPolicies;
import io.keel.core.notification.ResourceChangeEvents;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.ManagementQueue;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out management actions (TS-0004 7.3.4, 7.4.15.2.4, 7.4.16.2.3.2): an Update that triggers one records it in
 * the {@link ManagementQueue} inside its transaction ({@link ManagementTransaction}); once it has committed, the action
 * goes to the adapter of the node's device, and its outcome is written to the target's status attributes in a write
 * transaction of its own, as the CSE, so that subscribers are notified as of any change. A device that does not answer
 * within {@code keel.management.action-timeout} fails the action; so does a CSE that stops while it runs. Scheduled
 * runs (a delayed or repeating mgmtCmd) wait in the queue until they are due; a restart loses none.
 */
public final class ManagementActions implements AutoCloseable {
    /** execResult STATUS_INTERNAL_ERROR (TS-0004 table 6.3.4.2.16-1): the device could not be reached. */
    public static final long INTERNAL_ERROR = 4;
    /** execResult STATUS_NOT_FINISHED: the CSE stopped waiting for the device (timeout, stop). */
    public static final long NOT_FINISHED = 31;
    public static final String RESULT = "exr";
    private static final Logger LOG = Logger.getLogger(ManagementActions.class.getName());
    private static final int PAGE = 100;
    private final ResourceStore store;
    private final TypeRegistry types;
    private final ResourceChangeEvents events;
    private final ManagementAdapters adapters;
    private final Clock clock;
    private final Duration timeout;
    private final GoverningPolicies policies;
    /** This CSE instance among those sharing the database, as the queue names the runner of an action. */
    private final String instance = Identifiers.random(16);
    private final ExecutorService work;
    private final ScheduledExecutorService timer;

    /**
     * @param timeoutMillis how long a device has to answer an action ({@code keel.management.action-timeout})
     * @param pollMillis    how often the queue is looked at for due and overdue actions (0: only on {@link #sweep})
     */
    public ManagementActions(ResourceStore store, TypeRegistry types, ResourceChangeEvents events, ManagementAdapters adapters,
                             Clock clock, long timeoutMillis, long pollMillis) {
        this.store = store;
        this.types = types;
        this.events = events;
        this.adapters = adapters;
        this.clock = clock;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.policies = new GoverningPolicies(types);
        this.work = Executors.newCachedThreadPool(r -> daemon(r, "keel-management"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "keel-management-queue"));
        if (pollMillis > 0) {
            timer.scheduleWithFixedDelay(this::sweepSafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The handle the resource types' hooks use inside the write transaction {@code tx}. */
    public ManagementTransaction in(Transaction tx) {
        return new ManagementTransaction(this, tx);
    }

    <T> T write(java.util.function.Function<Transaction, T> work) {
        return store.write(work);
    }

    Duration timeout() {
        return timeout;
    }

    Instant now() {
        return clock.now();
    }

    String instance() {
        return instance;
    }

    ManagementAdapters adapters() {
        return adapters;
    }

    ActionTarget targetOf(Resource r) {
        ResourceType type = types.typeOf(r);
        if (type instanceof ActionTarget t) {
            return t;
        }
        throw new IllegalStateException(type.rootElement() + " records no management actions");
    }

    ResourceType typeOf(Resource r) {
        return types.typeOf(r);
    }

    GoverningPolicies policies() {
        return policies;
    }

    /** After the commit of the transaction that started them: the actions go to their devices. */
    void performAfterCommit(List<ManagementQueue.Entry> started) {
        for (ManagementQueue.Entry e : started) {
            work.execute(() -> perform(e));
        }
    }

    /** Hands a started action to the adapter of its node; its answer, whenever it comes, is recorded. */
    private void perform(ManagementQueue.Entry started) {
        try {
            Handed handed = store.read(tx -> {
                Resource target = tx.tree().find(started.ri());
                if (target == null || !started.equals(tx.managementQueue().action(started.ri(), started.action()))) {
                    return null; // deleted, cancelled or given up meanwhile
                }
                ActionTarget t = targetOf(target);
                Resource node = t.node(tx.tree(), target);
                return new Handed(node, node == null ? null : t.action(tx.tree(), target, node, started.action()));
            });
            if (handed == null) {
                return;
            }
            ManagementAdapter adapter = handed.node == null ? null : adapters.forNode(handed.node).orElse(null);
            CompletionStage<ActionOutcome> stage;
            if (adapter == null) {
                stage = CompletableFuture.completedFuture(unreachable("no management adapter manages the device of the node any more"));
            } else {
                try {
                    stage = adapter.perform(handed.action);
                } catch (RuntimeException e) {
                    stage = CompletableFuture.failedFuture(e);
                }
            }
            stage.whenCompleteAsync((outcome, failure) -> record(started, outcome != null ? outcome : failed(failure)), work);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "management action " + started.action() + " of " + started.ri() + " could not be handed over", e);
        }
    }

    private record Handed(Resource node, ManagementAction action) {
    }

    /** The outcome of an adapter's stage that failed: 6020/6021 and the like, the device not reached. */
    private static ActionOutcome failed(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String detail = cause instanceof OneM2MException e ? e.rsc().code() + " " + e.getMessage() : String.valueOf(cause);
        return unreachable(detail);
    }

    static ActionOutcome unreachable(String detail) {
        return new ActionOutcome(false, detail, Map.of(RESULT, INTERNAL_ERROR));
    }

    private static ActionOutcome notFinished(String detail) {
        return new ActionOutcome(false, detail, Map.of(RESULT, NOT_FINISHED));
    }

    /** Records the outcome of the run {@code started}, unless that run is over (given up, cancelled, deleted). */
    private void record(ManagementQueue.Entry started, ActionOutcome outcome) {
        try {
            store.write(tx -> {
                Resource target = tx.tree().lock(started.ri());
                ManagementQueue.Entry now = tx.managementQueue().action(started.ri(), started.action());
                if (target != null && started.equals(now)) {
                    finish(tx, target, now, outcome);
                } else {
                    LOG.fine(() -> "late answer to " + started.action() + " of " + started.ri() + " ignored: " + outcome.detail());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the outcome of management action " + started.action() + " of " + started.ri()
                    + " could not be recorded", e);
        }
    }

    /** Ends a run: the target's status follows, and the next run of a repeating action is scheduled. */
    private void finish(Transaction tx, Resource target, ManagementQueue.Entry entry, ActionOutcome outcome) {
        ActionTarget t = targetOf(target);
        boolean more = entry.runsLeft() > 1;
        Set<String> changed = t.finished(target, entry.action(), outcome, more);
        if (more) {
            tx.managementQueue().putAction(new ManagementQueue.Entry(entry.ri(), entry.action(), false,
                    clock.now().plus(t.interval(target)), entry.runsLeft() - 1, ""));
        } else {
            tx.managementQueue().removeAction(entry.ri(), entry.action());
        }
        changed(tx, target, changed);
    }

    /** Stores a change the CSE made to a resource's attributes and raises its notifications. */
    void changed(Transaction tx, Resource target, Set<String> modified) {
        if (modified.isEmpty()) {
            return; // an action without a status attribute (reboot): nothing to show
        }
        target.lt = clock.after(target.lt);
        if (typeOf(target).hasStateTag()) {
            target.st++;
        }
        tx.tree().update(target);
        events.updated(tx, target, modified);
    }

    /**
     * Starts the waiting runs that are due and gives up the running ones past their deadline; returns how many it
     * handled. Called periodically, on every CSE instance sharing the database.
     */
    public int sweep() {
        int handled = 0;
        for (;;) {
            Instant now = clock.now();
            List<ManagementQueue.Entry> due = store.read(tx -> tx.managementQueue().dueActions(now, PAGE));
            for (ManagementQueue.Entry e : due) {
                if (store.write(tx -> overdue(tx, e))) {
                    handled++;
                }
            }
            if (due.size() < PAGE) {
                return handled;
            }
        }
    }

    private boolean overdue(Transaction tx, ManagementQueue.Entry seen) {
        Resource target = tx.tree().lock(seen.ri());
        ManagementQueue.Entry e = tx.managementQueue().action(seen.ri(), seen.action());
        if (target == null || !seen.equals(e)) {
            return false; // another instance or the device's answer came first
        }
        if (e.running()) {
            finish(tx, target, e, notFinished("the device did not answer within " + timeout.toMillis() + " ms"));
        } else {
            in(tx).run(target, e.action(), e.runsLeft());
            changed(tx, target, targetOf(target).started(target, e.action()));
        }
        return true;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the management queue could not be worked through; retrying at the next interval", e);
        }
    }

    /** The actions this instance runs fail: nobody will be there to record the device's answer. */
    @Override
    public void close() {
        timer.shutdownNow();
        work.shutdownNow();
        try {
            for (ManagementQueue.Entry e : store.read(tx -> tx.managementQueue().runningActions(instance))) {
                store.write(tx -> {
                    Resource target = tx.tree().lock(e.ri());
                    if (target != null && e.equals(tx.managementQueue().action(e.ri(), e.action()))) {
                        finish(tx, target, e, notFinished("the CSE stopped before the device answered"));
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the running management actions could not be marked failed at stop; they fail at"
                    + " their deadline", e);
        }
    }
}
