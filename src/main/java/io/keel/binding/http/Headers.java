package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The header fields of one HTTP message, looked up by case-insensitive name (TS-0009 5.1: a receiver accepts header
 * names in lower, upper or mixed case). Built from whatever the HTTP layer has — servlet, JAX-RS or an HTTP
 * client — and copied into a case-insensitive map, so case-insensitivity never depends on the caller. Values of
 * names that differ only in case are merged.
 */
public final class Headers {
    private final Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Headers() {
    }

    /** From a name → values map (its own key comparison does not matter). Null keys or values are skipped. */
    public static Headers of(Map<String, ? extends Collection<String>> raw) {
        Headers h = new Headers();
        if (raw != null) {
            raw.forEach((name, values) -> h.add(name, values));
        }
        return h;
    }

    /** From the header names and a lookup of each name's values, e.g. a servlet request's getHeaderNames/getHeaders. */
    public static Headers of(Iterable<String> names, Function<String, ? extends Collection<String>> values) {
        Headers h = new Headers();
        for (String name : names) {
            h.add(name, values.apply(name));
        }
        return h;
    }

    /** From alternating names and values; convenient for tests and for a client's fixed headers. */
    public static Headers of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Headers h = new Headers();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            h.add(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
        }
        return h;
    }

    private void add(String name, Collection<String> values) {
        if (name == null || values == null) {
            return;
        }
        List<String> list = byName.computeIfAbsent(name, k -> new ArrayList<>());
        for (String v : values) {
            if (v != null) {
                list.add(v);
            }
        }
    }

    public boolean contains(String name) {
        List<String> values = byName.get(name);
        return values != null && !values.isEmpty();
    }

    /**
     * The value of a header that may occur once, trimmed of surrounding whitespace; null when absent. The same header
     * given again with a different value is a 4000 naming it (repeating the same value is harmless).
     */
    public String single(String name) {
        List<String> values = byName.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String first = values.get(0).trim();
        for (String v : values) {
            if (!v.trim().equals(first)) {
                throw OneM2MException.badRequest(name + " is given more than once with different values");
            }
        }
        return first;
    }

    /** The first value, trimmed, or null: for lenient reading of what a remote entity sent. */
    public String first(String name) {
        List<String> values = byName.get(name);
        return values == null || values.isEmpty() ? null : values.get(0).trim();
    }

    /** Every value as received (possibly several, each possibly a comma-separated list); empty when absent. */
    public List<String> all(String name) {
        List<String> values = byName.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }
}
