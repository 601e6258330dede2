package io.keel.core.resource;

import io.keel.primitive.RequestPrimitive;
import java.util.List;
import java.util.regex.Pattern;

/** Verification of new notification targets of a subscription (TS-0004 7.4.8.2.1), before it is stored. */
public interface NotificationTargets {
    /** A notification target in URL format (scheme://…); anything else is a oneM2M ID (TS-0004 7.5.1.2.2). */
    Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.+");

    static boolean isUrl(String target) {
        return URL.matcher(target).matches();
    }

    /**
     * Sends the verification request to each target that is a oneM2M ID and not the originator itself; URL targets
     * are not verified (TS-0001 10.2.10.2).
     *
     * @throws io.keel.primitive.OneM2MException 5204 when a target cannot be reached or refuses, 4101 when it refuses
     *         the creator
     */
    void verify(Resource subscription, RequestPrimitive request, List<String> targets);

    /** The Blocking_Update subscription the resource has now, or null (TS-0004 7.4.8.2.1: at most one). */
    Resource blockingSubscription(String subscribedTo);
}
