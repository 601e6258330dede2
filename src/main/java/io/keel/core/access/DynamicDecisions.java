package io.keel.core.access;

import io.keel.core.resource.Resource;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions of decision points, per consultation, originator, target and permission, kept until their
 * privilegesLifetime (TS-0003 7.3.2.2 step 4.1: the privileges hold for their lifetime). A decision holds only for the
 * consultation as it was asked: once the dynamicAuthorizationConsultation changes (its lt and attributes) or is
 * deleted, it is asked again. Refusals and decisions without a lifetime are not kept.
 */
final class DynamicDecisions {
    record Key(String dac, String originator, String target, Permission permission) {
    }

    private record Kept(DasDecision decision, Instant dacModified, Map<String, Object> dacAttributes) {
    }

    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private final int max;

    DynamicDecisions(int max) {
        this.max = max;
    }

    /** The decision kept for the key, when it still holds for this state of the consultation; else null. */
    DasDecision find(Key key, Resource dac, Instant now) {
        Kept k = kept.get(key);
        if (k == null) {
            return null;
        }
        if (!k.decision().lastsBeyond(now) || !k.dacModified().equals(dac.lt) || !k.dacAttributes().equals(dac.attributes)) {
            kept.remove(key, k);
            return null;
        }
        return k.decision();
    }

    void keep(Key key, Resource dac, DasDecision decision, Instant now) {
        if (!decision.lastsBeyond(now) || max <= 0) {
            return;
        }
        if (kept.size() >= max) {
            kept.values().removeIf(k -> !k.decision().lastsBeyond(now));
            if (kept.size() >= max) {
                kept.clear(); // all still valid: asking again is correct, only slower
            }
        }
        kept.put(key, new Kept(decision, dac.lt, new java.util.HashMap<>(dac.attributes)));
    }
}
