package io.keel.core.notification;

import io.keel.core.resource.Resource;
import io.keel.core.resource.types.SubscriptionType;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an event concerns a subscription (TS-0004 6.3.5.7, 7.5.1.2.2): its type is one of the subscription's net;
 * for net 3/4 the child's type is in chty; for net 1 a changed attribute is in atr; and the conditions on the
 * resource the event is about (createdBefore … sizeBelow, matched as for filter criteria) hold, combined by fo.
 */
final class EventCriteria {
    private EventCriteria() {
    }

    @SuppressWarnings("unchecked")
    static boolean matches(Resource sub, int net, Resource subject, Set<String> modified) {
        if (!SubscriptionType.eventTypes(sub).contains((long) net)) {
            return false;
        }
        Map<String, Object> enc = sub.get("enc") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if ((net == 3 || net == 4) && enc.get("chty") instanceof List<?> chty && !chty.contains((long) subject.ty)) {
            return false;
        }
        if (net == 1 && enc.get("atr") instanceof List<?> atr && atr.stream().noneMatch(modified::contains)) {
            return false;
        }
        List<Boolean> conditions = new ArrayList<>();
        enc.forEach((name, value) -> {
            Boolean holds = condition(name, value, subject);
            if (holds != null) {
                conditions.add(holds);
            }
        });
        if (conditions.isEmpty()) {
            return true;
        }
        boolean or = Long.valueOf(2).equals(enc.get("fo"));
        return or ? conditions.contains(true) : !conditions.contains(false);
    }

    /** One condition on the subject, or null when the member is not a condition on it. */
    private static Boolean condition(String name, Object value, Resource r) {
        return switch (name) {
            case "crb" -> r.ct.isBefore(time(value));
            case "cra" -> !r.ct.isBefore(time(value));
            case "ms" -> !r.lt.isBefore(time(value));
            case "us" -> r.lt.isBefore(time(value));
            case "exb" -> r.et != null && r.et.isBefore(time(value));
            case "exa" -> r.et != null && !r.et.isBefore(time(value));
            case "sts" -> r.st < (Long) value;
            case "stb" -> r.st >= (Long) value;
            case "sza" -> r.cs != null && r.cs >= (Long) value;
            case "szb" -> r.cs != null && r.cs < (Long) value;
            default -> null;
        };
    }

    private static Instant time(Object v) {
        return Timestamps.parse((String) v, "enc");
    }
}
