package io.keel.core.resource;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import java.util.concurrent.CompletableFuture;

/**
 * The removal of a notification target from a subscription at its own request, a Delete of the subscription's virtual
 * {@code <notificationTargetSelfReference>} (TS-0004 7.4.33.2.4; TS-0001 10.2.10.8): the policy that governs the
 * target decides whether it is removed, refused, or the subscription's creator is asked or told.
 */
public interface NotificationTargetRemoval {
    /**
     * Runs after the read transaction, holding no lock: it may wait for the subscription's creator.
     *
     * @return 2002 when the target was removed; never fails exceptionally but with a {@link io.keel.primitive.OneM2MException}
     */
    CompletableFuture<ResponsePrimitive> remove(RequestPrimitive request, Resource subscription);
}
