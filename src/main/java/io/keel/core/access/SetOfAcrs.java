package io.keel.core.access;

import io.keel.core.geo.LocationRegion;
import io.keel.core.schedule.InvalidScheduleEntry;
import io.keel.core.schedule.ScheduleEntry;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The setOfAcrs of an accessControlPolicy's pv and pvs (TS-0004 6.3.5.26, 6.3.5.27):
 * {@code {"acr": [{"acor": [...], "acop": 1..63, "acco": [{"actw": [...], "acip": {"ipv4": [...], "ipv6": [...]},
 * "aclr": {"accc": [...]} or {"accr": [lat, lon, radius]}}], "acaf": bool, "acod": [{"ty": n, "spty": {...},
 * "chty": [...]}]}]}} ({@link ObjectDetails}).
 * {@link #normalize} checks a value from a request and returns the one form stored; {@link #rules} reads it back.
 */
public final class SetOfAcrs {
    private static final Set<String> RULE_KEYS = Set.of("acor", "acop", "acco", "acaf", "acod");
    private static final Set<String> CONTEXT_KEYS = Set.of("actw", "acip", "aclr");
    private static final Set<String> ADDRESS_KEYS = Set.of("ipv4", "ipv6");
    private static final Logger LOG = Logger.getLogger(SetOfAcrs.class.getName());
    /** A time window no moment lies in (the year 2000 is past). */
    private static final ScheduleEntry NEVER = ScheduleEntry.parse("* * * * * * 2000");

    private SetOfAcrs() {
    }

    /**
     * @param fromText XML content: scalars come as text, and a list of one element as that element
     * @throws OneM2MException 4000 with what is wrong
     */
    public static Map<String, Object> normalize(String sn, Object value, boolean fromText) {
        Map<?, ?> set = map(sn, value, Set.of("acr"));
        List<Object> rules = new ArrayList<>();
        if (set.get("acr") != null) {
            int i = 0;
            for (Object rule : list(sn + ".acr", set.get("acr"), fromText)) {
                rules.add(rule(sn + ".acr[" + i++ + "]", rule, fromText));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acr", rules);
        return out;
    }

    /** The rules of a stored setOfAcrs; {@code localId} brings acor entries to the form originators are compared in. */
    public static List<AccessControlRule> rules(Object stored, UnaryOperator<String> localId) {
        List<AccessControlRule> out = new ArrayList<>();
        if (!(stored instanceof Map<?, ?> set) || !(set.get("acr") instanceof List<?> rules)) {
            return out;
        }
        for (Object o : rules) {
            Map<?, ?> rule = (Map<?, ?>) o;
            List<String> acor = new ArrayList<>();
            ((List<?>) rule.get("acor")).forEach(a -> acor.add(localId.apply((String) a)));
            List<AccessControlRule.Context> contexts = new ArrayList<>();
            if (rule.get("acco") instanceof List<?> acco) {
                for (Object c : acco) {
                    contexts.add(context((Map<?, ?>) c));
                }
            }
            List<ObjectDetails> objectDetails = new ArrayList<>();
            if (rule.get("acod") instanceof List<?> acod) {
                acod.forEach(d -> objectDetails.add(ObjectDetails.of((Map<?, ?>) d)));
            }
            out.add(new AccessControlRule(acor, ((Number) rule.get("acop")).intValue(), contexts,
                    Boolean.TRUE.equals(rule.get("acaf")), objectDetails));
        }
        return out;
    }

    private static AccessControlRule.Context context(Map<?, ?> c) {
        List<ScheduleEntry> windows = new ArrayList<>();
        if (c.get("actw") instanceof List<?> actw) {
            for (Object w : actw) {
                try {
                    windows.add(ScheduleEntry.parse((String) w));
                } catch (InvalidScheduleEntry e) {
                    // Stored before actw followed TS-0004 table 7.4.9.1-4 strictly (7 for Sunday): the window never
                    // matches, so the rule grants nothing rather than more than it said.
                    LOG.warning(() -> "accessControlPolicy time window ignored: " + e.getMessage());
                    windows.add(NEVER);
                }
            }
        }
        List<IpRange> addresses = new ArrayList<>();
        if (c.get("acip") instanceof Map<?, ?> acip) {
            for (String kind : List.of("ipv4", "ipv6")) {
                if (acip.get(kind) instanceof List<?> entries) {
                    entries.forEach(e -> addresses.add(IpRange.parse((String) e, kind.equals("ipv6"))));
                }
            }
        }
        LocationRegion region = c.get("aclr") instanceof Map<?, ?> aclr ? LocationRegion.of(aclr) : null;
        return new AccessControlRule.Context(windows, addresses, region);
    }

    private static Map<String, Object> rule(String where, Object value, boolean fromText) {
        Map<?, ?> rule = map(where, value, RULE_KEYS);
        Map<String, Object> out = new LinkedHashMap<>();
        if (rule.get("acor") == null) {
            throw OneM2MException.badRequest(where + " needs acor: the originators it applies to");
        }
        out.put("acor", tokens(where + ".acor", rule.get("acor"), fromText));
        out.put("acop", operations(where + ".acop", rule.get("acop"), fromText));
        if (rule.get("acco") != null) {
            List<Object> contexts = new ArrayList<>();
            int i = 0;
            for (Object c : list(where + ".acco", rule.get("acco"), fromText)) {
                contexts.add(context(where + ".acco[" + i++ + "]", c, fromText));
            }
            out.put("acco", contexts);
        }
        if (rule.get("acaf") != null) {
            Object acaf = rule.get("acaf");
            if (fromText && acaf instanceof String s) {
                // xs:boolean's lexical forms: true, false, 1, 0
                String t = s.trim();
                acaf = t.equals("true") || t.equals("1") ? Boolean.TRUE : t.equals("false") || t.equals("0") ? Boolean.FALSE : acaf;
            }
            if (!(acaf instanceof Boolean)) {
                throw OneM2MException.badRequest(where + ".acaf must be a boolean");
            }
            out.put("acaf", acaf);
        }
        if (rule.get("acod") != null) {
            List<Object> details = new ArrayList<>();
            int i = 0;
            for (Object d : list(where + ".acod", rule.get("acod"), fromText)) {
                details.add(ObjectDetails.normalize(where + ".acod[" + i++ + "]", d, fromText));
            }
            out.put("acod", details);
        }
        return out;
    }

    private static long operations(String where, Object v, boolean fromText) {
        Object n = fromText && v instanceof String s && s.trim().matches("\\+?\\d{1,3}") ? Long.valueOf(s.trim()) : v;
        if (!(n instanceof Long || n instanceof Integer) || ((Number) n).longValue() < 1 || ((Number) n).longValue() > Permission.ALL) {
            throw OneM2MException.badRequest(where + " must be an integer 1-63: the sum of C1 R2 U4 D8 N16 Discovery32");
        }
        return ((Number) n).longValue();
    }

    private static Map<String, Object> context(String where, Object value, boolean fromText) {
        Map<?, ?> c = map(where, value, CONTEXT_KEYS);
        Map<String, Object> out = new LinkedHashMap<>();
        if (c.get("actw") != null) {
            List<String> windows = strings(where + ".actw", c.get("actw"), fromText);
            for (String w : windows) {
                try {
                    ScheduleEntry.parse(w);
                } catch (InvalidScheduleEntry e) {
                    throw OneM2MException.badRequest(where + ".actw: " + e.getMessage());
                }
            }
            out.put("actw", windows);
        }
        if (c.get("acip") != null) {
            Map<?, ?> acip = map(where + ".acip", c.get("acip"), ADDRESS_KEYS);
            Map<String, Object> addresses = new LinkedHashMap<>();
            for (String kind : List.of("ipv4", "ipv6")) {
                if (acip.get(kind) != null) {
                    List<String> entries = tokens(where + ".acip." + kind, acip.get(kind), fromText);
                    entries.forEach(e -> named(where + ".acip." + kind, () -> IpRange.parse(e, kind.equals("ipv6"))));
                    addresses.put(kind, entries);
                }
            }
            out.put("acip", addresses);
        }
        if (c.get("aclr") != null) {
            out.put("aclr", LocationRegion.normalize(where + ".aclr", c.get("aclr"), fromText));
        }
        return out;
    }

    /** Runs a parse whose 4000 names the element only, so that the reason names the attribute too (pv.acr[0]...). */
    private static void named(String where, Runnable parse) {
        try {
            parse.run();
        } catch (OneM2MException e) {
            if (e.rsc() != ResponseStatusCode.BAD_REQUEST) {
                throw e;
            }
            throw OneM2MException.badRequest(where + ": " + e.getMessage());
        }
    }

    static Map<?, ?> map(String where, Object value, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> m)) {
            throw OneM2MException.badRequest(where + " must be an object with " + String.join(", ", new TreeSet<>(allowed)));
        }
        for (Object k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw OneM2MException.badRequest(where + " holds the unknown element " + k);
            }
        }
        return m;
    }

    /** A list; XML gives a list of one element as the element itself. */
    static List<?> list(String where, Object v, boolean fromText) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (fromText && v instanceof Map) {
            return List.of(v);
        }
        throw OneM2MException.badRequest(where + " must be a list");
    }

    /** Strings; XML may give them as one space-separated text (xs:list). */
    private static List<String> tokens(String where, Object v, boolean fromText) {
        List<?> items = fromText && v instanceof String s ? List.of(s.trim().split("\\s+")) : list(where, v, fromText);
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s) || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
                throw OneM2MException.badRequest(where + " must list non-empty strings without spaces");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw OneM2MException.badRequest(where + " must not be empty");
        }
        return out;
    }

    /** Strings that may hold spaces (scheduleEntries); XML repeats the element, one per entry. */
    private static List<String> strings(String where, Object v, boolean fromText) {
        List<?> items = fromText && v instanceof String s ? List.of(s) : list(where, v, fromText);
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw OneM2MException.badRequest(where + " must list strings");
            }
            out.add(s);
        }
        return out;
    }
}
