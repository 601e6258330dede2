package io.keel.core.resource.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription's notificationStatsInfo (nsi, Release 4 TS-0004 7.4.8.1): per notification target (tg) the Notify
 * requests the CSE sent (rqs) and the responses it received (rss), as the list of m2m:notificationStatsInfo the
 * subscription stores. Only the CSE writes it; notificationStatsEnable (nse) says whether it is counting.
 */
public final class NotificationStatsInfo {
    private NotificationStatsInfo() {
    }

    /** Counts starting at zero for each target: what turning nse on begins with. */
    public static List<Map<String, Object>> fresh(List<String> targets) {
        List<Map<String, Object>> nsi = new ArrayList<>();
        for (String target : targets) {
            nsi.add(entry(target, 0, 0));
        }
        return nsi;
    }

    /**
     * The counts of the targets still in {@code targets}, in their order; a new target starts at zero, a removed one's
     * counts go with it.
     */
    public static List<Map<String, Object>> retarget(Object nsi, List<String> targets) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String target : targets) {
            Map<?, ?> kept = find(nsi, target);
            out.add(kept == null ? entry(target, 0, 0) : entry(target, number(kept.get("rqs")), number(kept.get("rss"))));
        }
        return out;
    }

    /** {@code nsi} with the target's counts raised; a target it does not list is left out (it is no target now). */
    public static List<Map<String, Object>> add(Object nsi, String target, long requests, long responses) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (nsi instanceof List<?> entries) {
            for (Object e : entries) {
                Map<?, ?> m = (Map<?, ?>) e;
                long rqs = number(m.get("rqs"));
                long rss = number(m.get("rss"));
                out.add(target.equals(m.get("tg")) ? entry(target, rqs + requests, rss + responses)
                        : entry((String) m.get("tg"), rqs, rss));
            }
        }
        return out;
    }

    private static Map<?, ?> find(Object nsi, String target) {
        if (nsi instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m && target.equals(m.get("tg"))) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Map<String, Object> entry(String target, long requests, long responses) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tg", target);
        m.put("rqs", requests);
        m.put("rss", responses);
        return m;
    }

    private static long number(Object n) {
        return n instanceof Number x ? x.longValue() : 0;
    }
}
