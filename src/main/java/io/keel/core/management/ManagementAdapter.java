package io.keel.core.management;

import io.keel.core.resource.Resource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Carries management actions to the device a {@code <node>} stands for, over that device's management protocol
 * (TS-0001 6.2.4, TS-0004 7.4.15–7.4.18): an action attribute of a {@code <mgmtObj>} (firmware {@code ud}, reboot
 * {@code rbo}, …) or a {@code <mgmtCmd>} execution becomes a protocol operation on the device (an LwM2M Execute, …).
 */
public interface ManagementAdapter {
    /** Whether this adapter manages the device of the node (by its nodeID, its management client address, …). */
    boolean manages(Resource node);

    /**
     * Starts the action on the device and returns at once; the stage completes with the outcome the device reported,
     * or exceptionally with an {@link io.keel.primitive.OneM2MException} whose code says why it could not be carried
     * out (6020 when no management session can be established with the device, 6021 on its timeout, …).
     */
    CompletionStage<ActionOutcome> perform(ManagementAction action);

    /**
     * Cancels on the device an action {@link #perform} started that has not completed (a pending {@code <execInstance>},
     * TS-0004 7.4.17.2.1, 7.4.17.2.3); the stage completes with whether the device cancelled it. An adapter whose
     * protocol cannot cancel keeps this default, which reports the cancellation failed.
     */
    default CompletionStage<ActionOutcome> cancel(ManagementAction action) {
        return CompletableFuture.completedFuture(ActionOutcome.failure("the management protocol of this device cannot cancel"));
    }
}
