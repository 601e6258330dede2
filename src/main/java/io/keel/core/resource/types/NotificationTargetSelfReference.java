package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.NotificationTargetRemoval;
import io.keel.core.resource.Resource;
import io.keel.core.resource.VirtualChild;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import java.util.concurrent.CompletableFuture;

/**
 * {@code <notificationTargetSelfReference>} (ntsr), TS-0004 7.4.33: the virtual child of a subscription (table 7.4.8.1-4)
 * or a crossResourceSubscription (table 7.4.58.1-4) through which a notification target removes itself from its
 * notificationURI, by a Delete; Create, Retrieve, Update (and Notify) are
 * 4005 (7.4.33.2.1–7.4.33.2.3).
 */
public final class NotificationTargetSelfReference extends VirtualChild {
    /** TS-0004 table 7.4.8.1-4 names it ntsr (TS-0001 table 9.6.8-1 writes nstr). */
    public static final String NAME = "ntsr";
    static final NotificationTargetSelfReference INSTANCE = new NotificationTargetSelfReference();

    private NotificationTargetSelfReference() {
        super(NAME);
    }

    /**
     * No privilege on the subscription: whoever is one of its notification targets may leave it, which {@link
     * NotificationTargetRemoval} checks (TS-0004 7.4.33.2.4); the operations it refuses are refused whoever asks.
     */
    @Override
    public Permission permission(Operation op) {
        return null;
    }

    @Override
    public CompletableFuture<ResponsePrimitive> delete(RequestPrimitive req, Resource subscription, NotificationTargetRemoval removal) {
        return removal.remove(req, subscription);
    }
}
