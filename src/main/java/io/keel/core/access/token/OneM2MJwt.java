package io.keel.core.access.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.keel.primitive.OneM2MException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * oneM2M JWTs (TS-0003 7.3.2.6): the claim set of table 7.3.2.6.2-1 (tkvr, jti, iss, azp, nbf, exp, tknm, aud, tkps,
 * tkex) in a JWS compact serialization with {@code typ: JWT} and no {@code cty}, signed with the {@link TokenKey}.
 */
public final class OneM2MJwt {
    private OneM2MJwt() {
    }

    /** Signs the claims: the m2m:dynAuthJWT a token carries. */
    public static String issue(TokenClaims c, TokenKey key) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("tkvr", c.version())
                .jwtID(c.tokenId())
                .issuer(c.issuer())
                .claim("azp", c.holder())
                .notBeforeTime(Date.from(c.notBefore()))
                .expirationTime(Date.from(c.notAfter()));
        if (c.name() != null) {
            claims.claim("tknm", c.name());
        }
        if (!c.audience().isEmpty()) {
            claims.audience(c.audience());
        }
        if (c.permissions() != null) {
            claims.claim("tkps", c.permissions());
        }
        if (c.extension() != null) {
            claims.claim("tkex", c.extension());
        }
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a token whose signature this key verifies.
     *
     * @throws OneM2MException 4000 when it is no JWT in compact serialization (m2m:dynAuthJWT) or its claims are not
     *                         those of a oneM2M JWT; 4103 when it is unsecured, encrypted, of another algorithm or its
     *                         signature does not verify
     */
    public static TokenClaims verified(String compact, TokenKey key) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact);
        } catch (ParseException | RuntimeException e) {
            throw OneM2MException.badRequest("token " + abbreviated(compact) + " is no JWT in JWS or JWE compact serialization");
        }
        if (jwt instanceof PlainJWT) {
            throw OneM2MException.noPrivilege("token " + abbreviated(compact) + " is unsecured (alg none): not accepted");
        }
        if (jwt instanceof EncryptedJWT) {
            throw OneM2MException.noPrivilege("token " + abbreviated(compact) + " is encrypted (JWE): this CSE accepts signed"
                    + " tokens only");
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSHeader header = signed.getHeader();
        if (!key.algorithm().equals(header.getAlgorithm())) {
            throw OneM2MException.noPrivilege("token " + abbreviated(compact) + " is signed with " + header.getAlgorithm()
                    + "; this CSE accepts " + key.algorithm() + " only");
        }
        if (header.getContentType() != null) {
            throw OneM2MException.noPrivilege("token " + abbreviated(compact) + " has a cty header: nested tokens are not accepted");
        }
        try {
            if (!signed.verify(key.verifier())) {
                throw OneM2MException.noPrivilege("token " + abbreviated(compact) + ": its signature does not verify with this"
                        + " CSE's key (forged, or signed by another issuer)");
            }
        } catch (JOSEException e) {
            throw OneM2MException.noPrivilege("token " + abbreviated(compact) + ": its signature cannot be verified: " + e.getMessage());
        }
        try {
            return claims(signed.getJWTClaimsSet());
        } catch (ParseException | RuntimeException e) {
            throw OneM2MException.badRequest("token " + abbreviated(compact) + " carries no oneM2M JWT claim set: " + e.getMessage());
        }
    }

    private static TokenClaims claims(JWTClaimsSet c) throws ParseException {
        String jti = c.getJWTID();
        String iss = c.getIssuer();
        String holder = c.getStringClaim("azp");
        Date nbf = c.getNotBeforeTime();
        Date exp = c.getExpirationTime();
        String version = c.getStringClaim("tkvr");
        for (Object[] claim : new Object[][] {{"jti", jti}, {"iss", iss}, {"azp", holder}, {"nbf", nbf}, {"exp", exp},
                {"tkvr", version}}) {
            if (claim[1] == null) {
                throw new ParseException("the claim " + claim[0] + " is missing", 0);
            }
        }
        if (!TokenPermissions.GLOBAL_ID.matcher(jti).matches()) {
            throw new ParseException("jti " + jti + " is no m2m:tokenID (name@lower-case.fqdn)", 0);
        }
        Map<String, Object> tkps = c.getJSONObjectClaim("tkps");
        Map<String, Object> permissions;
        try {
            permissions = tkps == null ? null : TokenPermissions.normalize("tkps", tkps, false);
        } catch (OneM2MException e) {
            throw new ParseException(e.getMessage(), 0);
        }
        List<String> aud = c.getAudience();
        return new TokenClaims(version, jti, holder, iss, nbf.toInstant(), exp.toInstant(), c.getStringClaim("tknm"),
                aud, permissions, c.getStringClaim("tkex"));
    }

    /** Enough of a token to recognise it in a message, not enough to replay it. */
    static String abbreviated(String compact) {
        return compact.length() <= 16 ? "'" + compact + "'" : "'" + compact.substring(0, 12) + "…'";
    }

    /** When the claims hold as times go: used by tests and {@link TokenAuthority}. */
    static boolean currentAt(TokenClaims c, Instant now) {
        return !now.isBefore(c.notBefore()) && now.isBefore(c.notAfter());
    }
}
