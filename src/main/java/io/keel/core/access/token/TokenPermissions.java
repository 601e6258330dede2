package io.keel.core.access.token;

import io.keel.core.access.SetOfAcrs;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * m2m:tokenPermissions (TS-0004 6.3.5.53) of m2m:tokenPermission (6.3.5.41): {@code {"pm": [{"ris": [...], "pv":
 * setOfAcrs, "rids": [...]}]}}. Privileges need the resources they apply to (TS-0003 7.3.2.5 step 1).
 */
public final class TokenPermissions {
    /** m2m:roleID and m2m:tokenID (TS-0004 table 6.3.3-1): issuerRelativeID '@' a lower-case FQDN. */
    public static final Pattern GLOBAL_ID = Pattern.compile("[A-Za-z0-9._-]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Set<String> KEYS = Set.of("ris", "pv", "rids");

    /**
     * One permission.
     *
     * @param resourceIds the resources it is limited to; empty: all
     * @param privileges  the setOfAcrs, as stored, or null
     * @param roleIds     the roles it gives its holder
     */
    public record Permission(List<String> resourceIds, Object privileges, List<String> roleIds) {
    }

    private TokenPermissions() {
    }

    /** Checks a value from a request or a token (4000 naming the element) and returns the one form stored. */
    public static Map<String, Object> normalize(String sn, Object value, boolean fromText) {
        if (!(value instanceof Map<?, ?> m) || !m.keySet().stream().allMatch("pm"::equals)) {
            throw OneM2MException.badRequest(sn + " must be an m2m:tokenPermissions object {pm: [...]}");
        }
        List<Object> out = new ArrayList<>();
        Object pm = m.get("pm");
        List<?> items = pm == null ? List.of() : pm instanceof List<?> l ? l : fromText && pm instanceof Map ? List.of(pm) : null;
        if (items == null) {
            throw OneM2MException.badRequest(sn + ".pm must be a list of m2m:tokenPermission");
        }
        int i = 0;
        for (Object item : items) {
            out.add(permission(sn + ".pm[" + i++ + "]", item, fromText));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pm", out);
        return result;
    }

    private static Map<String, Object> permission(String where, Object item, boolean fromText) {
        if (!(item instanceof Map<?, ?> p) || !KEYS.containsAll(p.keySet())) {
            throw OneM2MException.badRequest(where + " must be an m2m:tokenPermission with ris, pv, rids");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.get("ris") != null) {
            out.put("ris", ids(where + ".ris", p.get("ris"), fromText, null));
        }
        if (p.get("pv") != null) {
            if (!out.containsKey("ris")) {
                throw OneM2MException.badRequest(where + ".pv needs ris: the resources the privileges apply to");
            }
            out.put("pv", SetOfAcrs.normalize(where + ".pv", p.get("pv"), fromText));
        }
        if (p.get("rids") != null) {
            out.put("rids", ids(where + ".rids", p.get("rids"), fromText, GLOBAL_ID));
        }
        return out;
    }

    private static List<String> ids(String where, Object v, boolean fromText, Pattern syntax) {
        List<?> items = fromText && v instanceof String s ? List.of(s.trim().split("\\s+")) : v instanceof List<?> l ? l : null;
        if (items == null || items.isEmpty()) {
            throw OneM2MException.badRequest(where + " must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            if (!(o instanceof String s) || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)
                    || (syntax != null && !syntax.matcher(s).matches())) {
                throw OneM2MException.badRequest(where + " holds " + o + (syntax == null ? ", which is no ID"
                        : ", which is no m2m:roleID (name@lower-case.fqdn)"));
            }
            out.add(s);
        }
        return out;
    }

    /** The permissions of a stored value. */
    static List<Permission> read(Map<String, Object> stored) {
        List<Permission> out = new ArrayList<>();
        if (stored == null || !(stored.get("pm") instanceof List<?> pm)) {
            return out;
        }
        for (Object o : pm) {
            Map<?, ?> p = (Map<?, ?>) o;
            out.add(new Permission(strings(p.get("ris")), p.get("pv"), strings(p.get("rids"))));
        }
        return out;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(s -> out.add((String) s));
        }
        return out;
    }
}
