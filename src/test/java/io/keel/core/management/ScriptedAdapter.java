package io.keel.core.management;

import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A management adapter for unit tests: manages the nodes whose nodeID starts with its prefix, records what it is
 * handed, and answers as the test says (a stage the test completes, a failure, an unreachable device).
 */
final class ScriptedAdapter implements ManagementAdapter {
    final List<ManagementAction> performed = new CopyOnWriteArrayList<>();
    final List<ManagementAction> cancelled = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<ActionOutcome>> answers = new CopyOnWriteArrayList<>();
    private final String prefix;
    volatile boolean offline;
    volatile ActionOutcome cancellation = ActionOutcome.success("cancelled");

    ScriptedAdapter(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean manages(Resource node) {
        return String.valueOf(node.get("ni")).startsWith(prefix);
    }

    @Override
    public CompletionStage<ActionOutcome> perform(ManagementAction action) {
        performed.add(action);
        if (offline) {
            return CompletableFuture.failedFuture(new OneM2MException(ResponseStatusCode.MGMT_SESSION_CANNOT_BE_ESTABLISHED,
                    "the device is offline"));
        }
        CompletableFuture<ActionOutcome> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }

    @Override
    public CompletionStage<ActionOutcome> cancel(ManagementAction action) {
        cancelled.add(action);
        return CompletableFuture.completedFuture(cancellation);
    }
}
