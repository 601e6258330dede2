package io.keel.core.resource;

import io.keel.primitive.RequestPrimitive;
import java.util.List;

/** Verification of new notification targets of a subscription (TS-0004 7.4.8.2.1), before it is stored. */
public interface NotificationTargets {
    /**
     * Sends the verification request to each target that is not the originator itself.
     *
     * @throws io.keel.primitive.OneM2MException 5204 when a target cannot be reached or refuses, 4101 when it refuses
     *         the creator
     */
    void verify(Resource subscription, RequestPrimitive request, List<String> targets);
}
