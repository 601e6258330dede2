package io.keel.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token an operator endpoint admits (RFC 6750 {@code Authorization: Bearer <token>}), held as its SHA-256 so
 * that presented tokens compare in constant time whatever their lengths.
 */
public final class BearerToken {
    private static final String BEARER = "Bearer ";
    /** SHA-256 of the token, or null when none is set. */
    private final byte[] tokenHash;

    /** @param token the configured token, or null or empty when none is set */
    public BearerToken(String token) {
        this.tokenHash = token == null || token.isEmpty() ? null : sha256(token);
    }

    /** Whether a token is set. */
    public boolean configured() {
        return tokenHash != null;
    }

    /** Whether the Authorization header presents the token (never, when none is set). */
    public boolean presentedIn(String authorization) {
        if (tokenHash == null || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, sha256(authorization.substring(BEARER.length()).trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
