package io.keel.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The indexed key of an RDF term in semantic_triple: the term itself when short, else '#' and its SHA-256, so that
 * index rows stay within what every database accepts whatever the length of a literal.
 */
final class TermKey {
    private static final int LONGEST_AS_IS = 180;

    private TermKey() {
    }

    /** The key of a term in N-Triples form; null for null (any term). */
    static String of(String term) {
        if (term == null || term.length() <= LONGEST_AS_IS) {
            return term;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(term.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
