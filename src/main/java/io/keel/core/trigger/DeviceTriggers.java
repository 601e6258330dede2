package io.keel.core.trigger;

import io.keel.core.CseIdentity;
import io.keel.core.notification.ResourceChangeEvents;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceStore;
import io.keel.primitive.OneM2MException;
import java.util.Map;

/**
 * The intake of device triggers (TS-0001 8.3.3.2.1, TS-0004 9.2) that a network adapter (an SMS or 3GPP gateway, the
 * Mcn side Keel does not speak itself) delivers for a registree AE of this CSE. Keel is then the trigger recipient
 * CSE: it checks the payload (TS-0004 table 9.2.1-1) and notifies the subscriptions of the AE's {@code <AE>} resource
 * that ask for notificationEventType 6, with the payload as their content (nct 4). The AE itself acts on the payload
 * (for executeCRUD it makes the request, TS-0001 8.3.3.2.1 step 8); the CSE performs no operation of its own for it.
 */
public final class DeviceTriggers {
    private final CseIdentity cse;
    private final ResourceStore store;
    private final ResourceChangeEvents events;

    public DeviceTriggers(CseIdentity cse, ResourceStore store, ResourceChangeEvents events) {
        this.cse = cse;
        this.store = store;
        this.events = events;
    }

    /** What a trigger did: the AE it was for, the payload as notified, and how many subscriptions were notified. */
    public record Received(String ae, Map<String, Object> payload, int notified) {
    }

    /**
     * A trigger for the AE of {@code aeId} (CSE-relative, or SP-relative with this CSE's ID).
     *
     * @param payload the m2m:tgp object, or null for a trigger without payload (establishConnection)
     * @throws OneM2MException 4000 for a bad payload (naming the field) or a tiae that is not the AE; 4004 when no
     *         registree AE of this CSE has the AE-ID
     */
    public Received received(String aeId, Object payload) {
        String id = cseRelative(aeId);
        Map<String, Object> tgp = TriggerPayload.of(payload);
        if (tgp.get("tiae") instanceof String tiae && !cseRelative(tiae).equals(id)) {
            throw OneM2MException.badRequest("tiae " + tiae + " is not the AE the trigger is for (" + id + ")");
        }
        int notified = store.write(tx -> {
            Resource ae = tx.tree().lock(id);
            if (ae == null || ae.ty != ResourceTypes.AE || !cse.cseBaseRi().equals(ae.pi) || !id.equals(ae.get("aei"))) {
                throw OneM2MException.notFound("no AE with AE-ID " + id + " is registered with this CSE");
            }
            return events.triggerReceived(tx, ae, tgp);
        });
        return new Received(id, tgp, notified);
    }

    /** {@code /cse-id/Cae} is {@code Cae}; an AE-ID of another CSE stays as it is, and is found nowhere here. */
    private String cseRelative(String aeId) {
        if (aeId == null || aeId.isEmpty()) {
            throw OneM2MException.badRequest("the AE-ID of the trigger recipient is missing");
        }
        String prefix = cse.spRelativeCseId() + "/";
        return aeId.startsWith(prefix) ? aeId.substring(prefix.length()) : aeId;
    }
}
