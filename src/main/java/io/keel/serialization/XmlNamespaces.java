package io.keel.serialization;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The XML namespaces whose prefixes the content tree keeps in its names: {@code m2m:} for oneM2M's own types (TS-0004
 * 8.3), and those of the flexContainer specializations (TS-0004 7.4.37: {@code cod:binSh}), declared at start from the
 * catalogue. XML writes a name with such a prefix in its namespace and reads an element of that namespace back under
 * that prefix, whatever prefix the document chose.
 */
public final class XmlNamespaces {
    private static final Map<String, String> BY_PREFIX = new ConcurrentHashMap<>(Map.of("m2m", XmlCodec.NAMESPACE));
    private static final Map<String, String> BY_URI = new ConcurrentHashMap<>(Map.of(XmlCodec.NAMESPACE, "m2m"));

    private XmlNamespaces() {
    }

    /**
     * Declares a prefix and its namespace.
     *
     * @throws IllegalArgumentException when either is declared already with another partner
     */
    public static synchronized void declare(String prefix, String uri) {
        String known = BY_PREFIX.get(prefix);
        String knownPrefix = BY_URI.get(uri);
        if ((known != null && !known.equals(uri)) || (knownPrefix != null && !knownPrefix.equals(prefix))) {
            throw new IllegalArgumentException("XML namespace prefix " + prefix + " (" + uri + ") clashes with "
                    + (known != null ? prefix + " (" + known + ")" : knownPrefix + " (" + uri + ")"));
        }
        BY_PREFIX.put(prefix, uri);
        BY_URI.put(uri, prefix);
    }

    /** @return the namespace of a declared prefix, or null */
    static String uri(String prefix) {
        return BY_PREFIX.get(prefix);
    }

    /** @return the prefix the content tree uses for a declared namespace, or null */
    static String prefix(String uri) {
        return uri == null ? null : BY_URI.get(uri);
    }
}
