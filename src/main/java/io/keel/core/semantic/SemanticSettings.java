package io.keel.core.semantic;

import io.keel.core.Settings;

/**
 * The bounds of the semantic functions: what a descriptor may weigh, and what one SPARQL evaluation may spend.
 *
 * @param descriptorMaxBytes most bytes of a decoded descriptor (or ontology content) a Create or Update may store
 * @param descriptorMaxTriples most triples one descriptor may hold
 * @param queryTimeoutMillis most milliseconds one SPARQL evaluation (a semanticsFilter, a semanticOpExec) may run
 * @param queryMaxTriples most stored triples one semanticsFilter evaluation may read
 * @param contentTriples whether a contentInstance whose content is RDF (by its contentInfo) gets a semanticDescriptor
 *                       child holding those triples (TS-0004 7.4.7.2.1)
 */
public record SemanticSettings(int descriptorMaxBytes, int descriptorMaxTriples, long queryTimeoutMillis, int queryMaxTriples,
                               boolean contentTriples) {
    public static final SemanticSettings DEFAULTS = new SemanticSettings(1 << 20, 20_000, 5_000, 1_000_000, true);

    public static SemanticSettings from(Settings s) {
        SemanticSettings d = DEFAULTS;
        SemanticSettings r = new SemanticSettings(s.getInt("keel.semantics.descriptor-max-bytes", d.descriptorMaxBytes),
                s.getInt("keel.semantics.descriptor-max-triples", d.descriptorMaxTriples),
                s.getLong("keel.semantics.query-timeout", d.queryTimeoutMillis),
                s.getInt("keel.semantics.query-max-triples", d.queryMaxTriples),
                flag(s, "keel.semantics.content-triples", d.contentTriples));
        if (r.descriptorMaxBytes <= 0 || r.descriptorMaxTriples <= 0 || r.queryTimeoutMillis <= 0 || r.queryMaxTriples <= 0) {
            throw new IllegalStateException("the keel.semantics.* bounds must be positive");
        }
        return r;
    }

    private static boolean flag(Settings s, String key, boolean defaultValue) {
        String v = s.get(key, String.valueOf(defaultValue));
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalStateException("setting " + key + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
