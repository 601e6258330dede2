package io.keel.core.access.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oneM2M JWTs (TS-0003 7.3.2.4–7.3.2.6): what this CSE issues, and which tokens it accepts from an originator. */
class TokenAuthorityTest {
    private static final String ISSUER = "//keel.example.net/id-in";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final OctetSequenceKey jwk = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
    private final TokenAuthority authority = authority(jwk);

    TokenAuthorityTest() throws Exception {
    }

    private static TokenAuthority authority(com.nimbusds.jose.jwk.JWK jwk) {
        try {
            return new TokenAuthority(new TokenSettings(null, ISSUER, ISSUER, 3_600_000), TokenKey.of(jwk));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String issue(String holder, Instant nbf, Instant exp, List<String> audience) {
        return authority.issue(null, holder, nbf, exp, "test", audience, null, null, NOW).token();
    }

    private static boolean is(String expected, String id) {
        return expected.equals(id);
    }

    private static void assertRefused(ResponseStatusCode rsc, String reasonPart, Runnable r) {
        OneM2MException e = assertThrows(OneM2MException.class, r::run);
        assertEquals(rsc, e.rsc(), e.getMessage());
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @Test
    void ts0003_7_3_2_6_2_issuedTokenIsASignedJwtWithTheOneM2MClaims() throws Exception {
        String token = issue("Cholder", null, null, null);
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(null, jwt.getHeader().getContentType());
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertEquals("Cholder", c.getStringClaim("azp"));
        assertEquals(ISSUER, c.getIssuer());
        assertEquals(List.of(ISSUER), c.getAudience(), "the audience defaults to this CSE");
        assertTrue(c.getJWTID().matches("[0-9a-f]{32}@keel\\.example\\.net"), c.getJWTID());
        assertEquals(NOW.getEpochSecond(), c.getNotBeforeTime().toInstant().getEpochSecond());
        assertEquals(NOW.plusSeconds(3600).getEpochSecond(), c.getExpirationTime().toInstant().getEpochSecond());
        assertEquals("test", c.getStringClaim("tknm"));
        assertEquals("1", c.getStringClaim("tkvr"));
    }

    @Test
    void ts0003_7_3_2_5_acceptsItsOwnTokenForTheHolderWhileValid() {
        String token = issue("Cholder", null, null, null);
        TokenClaims c = authority.accepted(token, id -> is("Cholder", id), NOW.plusSeconds(10));
        assertEquals("Cholder", c.holder());
        assertEquals("test", c.name());
    }

    @Test
    void ts0003_7_3_2_3_refusesATokenOfAnotherHolder() {
        String token = issue("Cholder", null, null, null);
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "held by Cholder",
                () -> authority.accepted(token, id -> is("Cother", id), NOW));
    }

    @Test
    void ts0003_7_3_2_3_refusesExpiredAndNotYetValidTokens() {
        String token = issue("Cholder", NOW.minusSeconds(100), NOW.minusSeconds(10), null);
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "expired",
                () -> authority.accepted(token, id -> is("Cholder", id), NOW));
        String future = issue("Cholder", NOW.plusSeconds(100), NOW.plusSeconds(200), null);
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "not valid before",
                () -> authority.accepted(future, id -> is("Cholder", id), NOW));
        assertEquals("Cholder", authority.accepted(future, id -> is("Cholder", id), NOW.plusSeconds(150)).holder());
    }

    @Test
    void ts0003_7_3_2_3_audienceMustNameThisCseWhenItNamesAny() {
        String elsewhere = issue("Cholder", null, null, List.of("//other.example.net/id-x"));
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "meant for //other.example.net/id-x",
                () -> authority.accepted(elsewhere, id -> is("Cholder", id), NOW));
        String wildcard = issue("Cholder", null, null, List.of("//other.example.net/id-x", "//keel.example.net/*"));
        assertEquals("Cholder", authority.accepted(wildcard, id -> is("Cholder", id), NOW).holder());
        String spRelative = issue("Cholder", null, null, List.of("/id-in"));
        assertEquals("Cholder", authority.accepted(spRelative, id -> is("Cholder", id), NOW).holder());
    }

    @Test
    void ts0003_7_3_2_6_3_refusesATokenSignedByAnotherKey() throws Exception {
        TokenAuthority other = authority(new OctetSequenceKeyGenerator(256).generate());
        String foreign = other.issue(null, "Cholder", null, null, null, null, null, null, NOW).token();
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "does not verify",
                () -> authority.accepted(foreign, id -> is("Cholder", id), NOW));
    }

    @Test
    void ts0003_7_3_2_6_3_refusesAForgedPayload() {
        String token = issue("Cholder", null, null, null);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("Cholder", "Cthief");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "does not verify",
                () -> authority.accepted(forged, id -> is("Cthief", id), NOW));
    }

    @Test
    void ts0003_7_3_2_6_3_refusesUnsecuredAndOtherAlgorithms() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID("a@keel.example.net").issuer(ISSUER).claim("azp", "Cholder")
                .claim("tkvr", "1").notBeforeTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60))).build();
        String none = new PlainJWT(claims).serialize();
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "alg none",
                () -> authority.accepted(none, id -> is("Cholder", id), NOW));
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
        hs512.sign(new MACSigner(new OctetSequenceKeyGenerator(512).generate()));
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "accepts HS256 only",
                () -> authority.accepted(hs512.serialize(), id -> is("Cholder", id), NOW));
    }

    @Test
    void ts0003_7_3_2_6_3_aTokenThatIsNoJwtIsABadRequest() {
        assertRefused(ResponseStatusCode.BAD_REQUEST, "no JWT", () -> authority.accepted("not-a-token", id -> true, NOW));
        assertRefused(ResponseStatusCode.BAD_REQUEST, "no JWT", () -> authority.accepted("a.b.c", id -> true, NOW));
    }

    @Test
    void ts0003_7_3_2_6_3_claimsMustBeThoseOfAOneM2MJwt() throws Exception {
        JWTClaimsSet noHolder = new JWTClaimsSet.Builder().jwtID("a@keel.example.net").issuer(ISSUER).claim("tkvr", "1")
                .notBeforeTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), noHolder);
        jwt.sign(new MACSigner(jwk));
        assertRefused(ResponseStatusCode.BAD_REQUEST, "azp is missing", () -> authority.accepted(jwt.serialize(), id -> true, NOW));
    }

    @Test
    void ts0003_7_3_2_3_refusesATokenOfAnotherIssuerSignedWithTheSameKey() throws Exception {
        TokenAuthority sameKeyOtherIssuer = new TokenAuthority(new TokenSettings(null, "//rogue.example.net/id-r", ISSUER, 60_000),
                TokenKey.of(jwk));
        String token = sameKeyOtherIssuer.issue(null, "Cholder", null, null, null, null, null, null, NOW).token();
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "issued by //rogue.example.net/id-r",
                () -> authority.accepted(token, id -> is("Cholder", id), NOW));
    }

    @Test
    void ts0003_7_3_2_5_permissionsRoundTrip() {
        Map<String, Object> tkps = TokenPermissions.normalize("tkps", Map.of("pm", List.of(
                Map.of("ris", List.of("cnt1"), "pv", Map.of("acr", List.of(Map.of("acor", List.of("Cholder"), "acop", 2L)))),
                Map.of("rids", List.of("reader@keel.example.net")))), false);
        String token = authority.issue(null, "Cholder", null, null, null, null, tkps, null, NOW).token();
        TokenClaims c = authority.accepted(token, id -> is("Cholder", id), NOW);
        assertEquals(tkps, c.permissions());
        List<TokenPermissions.Permission> p = c.permissionList();
        assertEquals(List.of("cnt1"), p.get(0).resourceIds());
        assertEquals(List.of("reader@keel.example.net"), p.get(1).roleIds());
    }

    @Test
    void ts0003_7_3_2_5_privilegesNeedResourceIds() {
        assertRefused(ResponseStatusCode.BAD_REQUEST, "pv needs ris", () -> TokenPermissions.normalize("tkps",
                Map.of("pm", List.of(Map.of("pv", Map.of("acr", List.of())))), false));
        assertRefused(ResponseStatusCode.BAD_REQUEST, "no m2m:roleID", () -> TokenPermissions.normalize("tkps",
                Map.of("pm", List.of(Map.of("rids", List.of("Reader@UPPER.example")))), false));
    }

    @Test
    void withoutAKeyNothingIsIssuedNorAccepted() {
        TokenAuthority none = new TokenAuthority(new TokenSettings(null, ISSUER, ISSUER, 60_000), null);
        assertFalse(none.issues());
        assertRefused(ResponseStatusCode.BAD_REQUEST, "issues no tokens",
                () -> none.issue(null, "Cholder", null, null, null, null, null, null, NOW));
        String token = issue("Cholder", null, null, null);
        assertRefused(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "accepts no tokens",
                () -> none.accepted(token, id -> true, NOW));
    }

    @Test
    void aPublicKeyVerifiesButIssuesNothing() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        TokenAuthority signer = authority(ec);
        TokenAuthority verifier = authority(ec.toPublicJWK());
        String token = signer.issue(null, "Cholder", null, null, null, null, null, null, NOW).token();
        assertEquals("Cholder", verifier.accepted(token, id -> is("Cholder", id), NOW).holder());
        assertFalse(verifier.issues());
    }

    @Test
    void keyFileProblemsStopTheStartNamingTheFile(@TempDir Path dir) throws Exception {
        Path weak = dir.resolve("weak.jwk");
        Files.writeString(weak, "{\"kty\":\"oct\",\"k\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]) + "\"}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenKey.load(weak));
        assertTrue(e.getMessage().contains("weak.jwk"), e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> TokenKey.load(dir.resolve("none.jwk")));
        assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
        Path good = dir.resolve("good.jwk");
        Files.writeString(good, jwk.toJSONString());
        assertNotEquals(null, TokenKey.load(good));
    }
}
