package io.keel.core.management;

import io.keel.core.resource.Resource;
import io.keel.core.store.ManagementQueue;
import io.keel.core.store.Transaction;
import io.keel.core.store.TransactionListener;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the hooks of a resource type do about management actions inside a write transaction: check that a device can
 * be reached, start or schedule an action (it goes to the device once the transaction has committed), cancel one,
 * create the CSE's own child resources ({@code <execInstance>}).
 */
public final class ManagementTransaction {
    private static final Logger LOG = Logger.getLogger(ManagementTransaction.class.getName());
    private final ManagementActions actions;
    private final Transaction tx;

    ManagementTransaction(ManagementActions actions, Transaction tx) {
        this.actions = actions;
        this.tx = tx;
    }

    /** For a core without management actions (unit tests of other parts): every device is unreachable. */
    public static ManagementTransaction none() {
        return new ManagementTransaction(null, null);
    }

    /**
     * The adapter that manages the node's device; else 6003 EXTERNAL_OBJECT_NOT_REACHABLE (TS-0004 7.3.4.1: the
     * managed entity, or the management server, cannot be identified), which refuses the triggering request whole.
     */
    public ManagementAdapter requireAdapter(Resource node) {
        ManagementAdapter adapter = actions == null ? null : actions.adapters().forNode(node).orElse(null);
        if (adapter == null) {
            throw new OneM2MException(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, "no management adapter of this CSE"
                    + " reaches the device of node " + node.srn + " (ni " + node.get("ni") + ")");
        }
        return adapter;
    }

    /**
     * Starts the action of the target (a stored resource whose type is an {@link ActionTarget}) at {@code due},
     * {@code runs} times: at once when it is due, its status then showing it under way; later through the queue.
     *
     * @return the status attributes it changed on the target, which the caller stores (see {@link #changed})
     */
    public Set<String> start(Resource target, String action, Instant due, long runs) {
        if (due.isAfter(actions.now())) {
            tx.managementQueue().putAction(new ManagementQueue.Entry(target.ri, action, false, due, runs, ""));
            return Set.of();
        }
        run(target, action, runs);
        return actions.targetOf(target).started(target, action);
    }

    /** Stores what the CSE changed on a resource other than the one the request writes, notifying its subscribers. */
    public void changed(Resource target, Set<String> modified) {
        actions.changed(tx, target, modified);
    }

    /** Records the run as handed to the device, to be handed once this transaction has committed. */
    void run(Resource target, String action, long runs) {
        ManagementQueue.Entry entry = new ManagementQueue.Entry(target.ri, action, true,
                actions.now().plus(actions.timeout()), runs, actions.instance());
        tx.managementQueue().putAction(entry);
        tx.listener(Started.class, () -> new Started(actions)).entries.add(entry);
    }

    /** The action of the target, as the queue has it (waiting or running); null when none. */
    public ManagementQueue.Entry find(Resource target, String action) {
        return actions == null ? null : tx.managementQueue().action(target.ri, action);
    }

    /** Drops the action: whatever the device answers later is not recorded. */
    public void forget(Resource target, String action) {
        tx.managementQueue().removeAction(target.ri, action);
    }

    /**
     * Cancels the running action on the device, waiting for its answer at most the action timeout (the target stays
     * locked meanwhile); 6026 MGMT_CANCELLATION_FAILED when the device does not cancel it (TS-0004 7.4.17.2.1). On
     * success the action is dropped.
     */
    public void cancel(Resource target, String action) {
        ActionTarget t = actions.targetOf(target);
        Resource node = t.node(tx.tree(), target);
        ManagementAdapter adapter = node == null ? null : actions.adapters().forNode(node).orElse(null);
        if (adapter == null) {
            throw cancellationFailed("no management adapter reaches the device any more");
        }
        ActionOutcome outcome;
        try {
            outcome = adapter.cancel(t.action(tx.tree(), target, node, action)).toCompletableFuture()
                    .get(actions.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw cancellationFailed("the device did not answer the cancellation within " + actions.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cancellationFailed(cause instanceof OneM2MException m ? m.rsc().code() + " " + m.getMessage() : String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancellationFailed("interrupted");
        }
        if (!outcome.succeeded()) {
            throw cancellationFailed(outcome.detail());
        }
        forget(target, action);
    }

    private static OneM2MException cancellationFailed(String why) {
        return new OneM2MException(ResponseStatusCode.MGMT_CANCELLATION_FAILED, "the cancellation failed: " + why);
    }

    /**
     * Stores a child resource the CSE creates ({@code <execInstance>}), governed like one created by request; the hook
     * records it with {@link io.keel.core.resource.ResourceOperation#created} for its parent's subscribers.
     */
    public void createChild(Resource parent, Resource child) {
        tx.tree().insert(child);
        actions.policies().created(tx.policyIndex(), actions.typeOf(child), child, parent);
    }

    /**
     * When this transaction is rolled back (the request refused), the attributes are set on the resource all the same,
     * in a transaction of their own: a refusal that the status must show (STATUS_NON_CANCELLABLE, TS-0004 7.4.17.2.1).
     */
    public void keepOnRefusal(Resource target, Map<String, Object> attributes) {
        tx.listener(Refused.class, () -> new Refused(actions)).changes.add(new Change(target.ri, attributes));
    }

    private record Change(String ri, Map<String, Object> attributes) {
    }

    /** Hands the started actions to their devices once the transaction has committed. */
    private static final class Started implements TransactionListener {
        private final ManagementActions actions;
        final List<ManagementQueue.Entry> entries = new ArrayList<>();

        Started(ManagementActions actions) {
            this.actions = actions;
        }

        @Override
        public void afterCompletion(boolean committed) {
            if (committed) {
                actions.performAfterCommit(entries);
            }
        }
    }

    private static final class Refused implements TransactionListener {
        private final ManagementActions actions;
        final List<Change> changes = new ArrayList<>();

        Refused(ManagementActions actions) {
            this.actions = actions;
        }

        @Override
        public void afterCompletion(boolean committed) {
            if (committed) {
                return;
            }
            try {
                actions.write(tx -> {
                    for (Change c : changes) {
                        Resource r = tx.tree().lock(c.ri());
                        if (r != null) {
                            r.attributes.putAll(c.attributes());
                            actions.changed(tx, r, Set.copyOf(c.attributes().keySet()));
                        }
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the status of a refused management request could not be recorded", e);
            }
        }
    }
}
