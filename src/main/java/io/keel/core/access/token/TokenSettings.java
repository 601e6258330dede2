package io.keel.core.access.token;

import io.keel.core.CseIdentity;
import io.keel.core.Settings;

/**
 * How this CSE issues and accepts oneM2M JWTs (TS-0003 7.3.2.6.3: the credentials are configured, not exchanged).
 *
 * @param signingKey the file of the JSON Web Key (RFC 7517) tokens are signed and verified with; null: no tokens
 * @param issuer     the issuer (iss) of the tokens this CSE issues and the only one it accepts
 * @param audience   this CSE's absolute CSE-ID, which an audience must name when it names any
 * @param lifetimeMillis how long an issued token is valid when its creator gives no notAfter
 */
public record TokenSettings(String signingKey, String issuer, String audience, long lifetimeMillis) {
    /** {@code keel.token.signing-key}, {@code keel.token.issuer} (the absolute CSE-ID), {@code keel.token.lifetime}. */
    public static TokenSettings from(Settings s, CseIdentity cse) {
        String key = s.get("keel.token.signing-key", "");
        String absolute = "//" + cse.spId() + cse.spRelativeCseId();
        return new TokenSettings(key.isBlank() ? null : key.trim(), s.get("keel.token.issuer", absolute), absolute,
                s.getLong("keel.token.lifetime", 3_600_000));
    }

    /** No key: tokens are neither issued nor accepted. */
    public static TokenSettings none(CseIdentity cse) {
        return new TokenSettings(null, "//" + cse.spId() + cse.spRelativeCseId(), "//" + cse.spId() + cse.spRelativeCseId(), 0);
    }
}
