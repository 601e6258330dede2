package io.keel.core.resource;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.List;

/**
 * The target subscriptions of a {@code <crossResourceSubscription>} (TS-0004 7.4.58.2.1, 7.4.58.2.4): made and changed by
 * requests on behalf of its originator, as any originator's requests are, wherever the targets are hosted.
 */
public interface CrossResourceTargets {
    /** What creating a crossResourceSubscription linked: its new subscriptions (rrats) and the existing ones (srat), by address. */
    record Linked(List<String> created, List<String> associated) {
    }

    /** What a crossResourceSubscription leaves behind when it goes: the subscriptions it made and those it joined. */
    record Unlink(String crs, List<String> created, List<String> associated, String from, boolean authenticated) {
    }

    /** The new expirationTime of a crossResourceSubscription, for the subscriptions it made (rrats). */
    record Retime(String crs, List<String> created, Instant et, String from, boolean authenticated) {
    }

    /** Refuses every link: a core without the dispatcher to send the requests with (some unit test fixtures). */
    CrossResourceTargets NONE = new CrossResourceTargets() {
        @Override
        public Linked link(String crs, Resource draft, RequestPrimitive create) {
            throw new OneM2MException(ResponseStatusCode.CROSS_RESOURCE_OPERATION_FAILURE, "this CSE makes no cross-resource links");
        }

        @Override
        public void unlink(Unlink what) {
        }

        @Override
        public void retime(Retime what) {
        }
    };

    /**
     * Joins the subscriptions of srat and creates one under each resource of rrat, as the originator of {@code create};
     * when one step fails, undoes the others and throws 5221 naming the target and why (TS-0004 7.4.58.2.1).
     *
     * @param crs the crossResourceSubscription's resourceID; the subscriptions notify and name it in acrs by its SP-relative ID
     */
    Linked link(String crs, Resource draft, RequestPrimitive create);

    /** Deletes and leaves the subscriptions, in the background, once the deletion has committed; failures are ignored (7.4.58.2.4). */
    void unlink(Unlink what);

    /**
     * Gives the subscriptions it made the crossResourceSubscription's new expirationTime, in the background, once the
     * Update has committed, as they were given its expirationTime when created (TS-0004 7.4.58.2.1 c) ii) 5)); failures
     * are only logged.
     */
    void retime(Retime what);
}
