package io.keel.core.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.flex.CatalogueLoader.CatalogueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the declarative catalogues of specializations (flexContainer's {@code flex/}, mgmtObj's {@code mgmt/}) read
 * alike: a class path folder listed by an index file, one JSON object per file with known fields, and the M/O/NP
 * request optionality of each attribute. Every problem is a {@link CatalogueException} naming the file and the field.
 */
public final class CatalogueFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogueFiles() {
    }

    /** The files an index on the class path lists (one name a line, {@code #} comments), each as its text, in order. */
    public static Map<String, String> builtIn(String folder, String index) {
        ClassLoader cl = CatalogueFiles.class.getClassLoader();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : read(cl, folder + index).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            out.put(folder + name, read(cl, folder + name));
        }
        return out;
    }

    private static String read(ClassLoader cl, String name) {
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new CatalogueException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file as a JSON object whose fields are all in {@code fields}. */
    public static Map<?, ?> object(String source, String json, Set<String> fields) {
        Object tree;
        try {
            tree = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new CatalogueException(source + ": not JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (!(tree instanceof Map<?, ?> m)) {
            throw new CatalogueException(source + ": must be one JSON object");
        }
        fields(source, "", m, fields);
        return m;
    }

    /** Refuses a field of {@code m} (at {@code where}) that is not in {@code fields}. */
    public static void fields(String source, String where, Map<?, ?> m, Set<String> fields) {
        for (Object k : m.keySet()) {
            if (!fields.contains(k)) {
                throw new CatalogueException(source + ": " + where + "unknown field " + k);
            }
        }
    }

    /** A non-empty string field. */
    public static String text(String source, Map<?, ?> m, String field, String where) {
        if (!(m.get(field) instanceof String s) || s.isBlank()) {
            throw new CatalogueException(source + ": " + where + field + " must be a non-empty string");
        }
        return s;
    }

    /** A list field. */
    public static List<?> list(String source, Map<?, ?> m, String field) {
        if (!(m.get(field) instanceof List<?> l)) {
            throw new CatalogueException(source + ": " + field + " must be a list");
        }
        return l;
    }

    /** A request optionality of TS-0004's attribute tables: M, O or NP (an Update is never M: it names what changes). */
    public static Presence presence(String source, String field, String value, boolean update) {
        return switch (value) {
            case "M" -> {
                if (update) {
                    throw new CatalogueException(source + ": " + field + " cannot be M: an Update names only what it changes");
                }
                yield Presence.MANDATORY;
            }
            case "O" -> Presence.OPTIONAL;
            case "NP" -> Presence.NOT_PERMITTED;
            default -> throw new CatalogueException(source + ": " + field + " must be M, O or NP, not " + value);
        };
    }
}
