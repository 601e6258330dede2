package io.keel.core.management;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceTree;
import java.time.Duration;
import java.util.Set;

/**
 * What a resource type whose resources record management actions (an {@code <execInstance>}, a {@code <mgmtObj>} with
 * action attributes) tells {@link ManagementActions}: which node's device acts, what the adapter is handed, and how
 * the resource's status attributes follow the action.
 */
public interface ActionTarget {
    /** The {@code <node>} whose device carries out the target's actions, or null when it is gone. */
    Resource node(ResourceTree tree, Resource target);

    /** The action handed to the node's adapter. */
    ManagementAction action(ResourceTree tree, Resource target, Resource node, String action);

    /** The action was handed to the device: the status shows it under way. Returns the attributes it changed. */
    Set<String> started(Resource target, String action);

    /**
     * A run of the action ended: the device answered, or the CSE gave up on it (its outcome then carries {@code exr}
     * {@link ManagementActions#NOT_FINISHED} or {@link ManagementActions#INTERNAL_ERROR}).
     *
     * @param more whether runs of a repeating action remain
     * @return the attributes it changed
     */
    Set<String> finished(Resource target, String action, ActionOutcome outcome, boolean more);

    /** The time between two runs of a repeating action. */
    default Duration interval(Resource target) {
        return Duration.ZERO;
    }
}
