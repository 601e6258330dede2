package io.keel.ops;

import io.keel.core.access.IpRange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Who may read the metrics. Without a token: loopback clients only. With {@code keel.ops.token}: whoever presents it
 * as {@code Authorization: Bearer <token>}, and nobody else — a reverse proxy on the same host would otherwise make
 * every client a loopback one.
 */
public final class MetricsAccess {
    private static final List<IpRange> LOOPBACK = List.of(IpRange.parse("127.0.0.0/8", false), IpRange.parse("::1", true));
    private static final String BEARER = "Bearer ";
    /** SHA-256 of the token, or null when none is set: hashes compare in constant time whatever the lengths. */
    private final byte[] tokenHash;

    /** @param token keel.ops.token, or null or empty when none is set */
    public MetricsAccess(String token) {
        this.tokenHash = token == null || token.isEmpty() ? null : sha256(token);
    }

    boolean allows(String clientAddress, String authorization) {
        if (tokenHash == null) {
            return clientAddress != null && LOOPBACK.stream().anyMatch(r -> r.contains(clientAddress));
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, sha256(authorization.substring(BEARER.length()).trim()));
    }

    /** Whether admission is by token (a refused client is asked to authenticate) rather than by address. */
    boolean byToken() {
        return tokenHash != null;
    }

    /** Why a client was refused, short and the same for every client: nothing about the token. */
    String refusal() {
        return tokenHash == null ? "metrics are served to loopback clients only\n"
                : "metrics need the bearer token of keel.ops.token\n";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
