package io.keel.core.access.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The claim set of a oneM2M token (TS-0004 6.3.5.42 m2m:tokenClaimSet, TS-0003 7.3.2.4).
 *
 * @param permissions the m2m:tokenPermissions as {@link TokenPermissions#normalize} stores it, or null
 */
public record TokenClaims(String version, String tokenId, String holder, String issuer, Instant notBefore, Instant notAfter,
                          String name, List<String> audience, Map<String, Object> permissions, String extension) {
    public TokenClaims {
        audience = audience == null ? List.of() : List.copyOf(audience);
    }

    /** The permissions, each with the resources it is limited to, its rules and its roles. */
    public List<TokenPermissions.Permission> permissionList() {
        return TokenPermissions.read(permissions);
    }
}
