package io.keel.core.resource.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.keel.core.CseIdentity;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenKey;
import io.keel.core.access.token.TokenSettings;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.FakeStore;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <role>} and {@code <token>} (TS-0004 7.4.40, 7.4.41): who assigns roles, who has tokens issued. */
class RoleAndTokenTypeTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private static final String ISSUER = "//keel.example.net/id-in";

    private static RequestPrimitive from(String originator) {
        RequestPrimitive req = new RequestPrimitive();
        req.from = originator;
        return req;
    }

    @ParameterizedTest
    @ValueSource(strings = {"CAdmin", "id-in", "/id-in", "//keel.example.net/id-in"})
    void ts0003_7_4_2_2_theAuthorizationAuthorityAssignsRoles(String originator) {
        new RoleType().checkCreator(from(originator), CSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cae1", "/id-mn", "CAdmin2"})
    void ts0003_7_4_2_2_nobodyElseAssignsRoles(String originator) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> new RoleType().checkCreator(from(originator), CSE));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertTrue(e.getMessage().contains("Authorization Authority"), e.getMessage());
    }

    private static Resource prepared(TokenType type, String originator, Map<String, Object> attributes) {
        FakeStore store = new FakeStore();
        Resource base = store.tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in");
        Resource draft = new Resource();
        draft.ty = ResourceTypes.TOKEN;
        draft.attributes = new LinkedHashMap<>(attributes);
        store.write(tx -> {
            type.prepareCreate(new ResourceOperation(tx, from(originator), CSE, Instant.now(), base, draft, attributes, null));
            return null;
        });
        return draft;
    }

    private static TokenType withKey() throws Exception {
        TokenType type = new TokenType();
        type.authorityWith(new TokenAuthority(new TokenSettings(null, ISSUER, ISSUER, 60_000),
                TokenKey.of(new OctetSequenceKeyGenerator(256).generate())));
        return type;
    }

    @Test
    void ts0003_7_4_2_3_theCseIssuesTheTokenTheAuthorityAsksFor() throws Exception {
        Resource token = prepared(withKey(), "CAdmin", Map.of("tkhd", "Cae1", "tknm", "kitchen"));
        assertEquals("Cae1", token.get("tkhd"));
        assertEquals(ISSUER, token.get("tkis"));
        assertEquals("kitchen", token.get("tknm"));
        assertEquals(List.of(ISSUER), token.get("tkau"));
        assertEquals(3, ((String) token.get("tkob")).split("\\.").length);
        assertTrue(((String) token.get("tkid")).endsWith("@keel.example.net"));
    }

    @Test
    void ts0003_7_4_2_3_onlyTheAuthorityHasTokensIssued() throws Exception {
        OneM2MException e = assertThrows(OneM2MException.class, () -> prepared(withKey(), "Cae1", Map.of("tkhd", "Cae1")));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertTrue(e.getMessage().contains("Authorization Authority"), e.getMessage());
    }

    @Test
    void aCseWithoutKeySaysItIssuesNoTokens() {
        OneM2MException e = assertThrows(OneM2MException.class, () -> prepared(new TokenType(), "CAdmin", Map.of("tkhd", "Cae1")));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("keel.token.signing-key"), e.getMessage());
    }

    @Test
    void ts0004_7_4_41_aStoredTokenObjectMustBeOneThisCseAccepts() throws Exception {
        TokenType type = withKey();
        Resource issued = prepared(type, "CAdmin", Map.of("tkhd", "Cae1"));
        Resource stored = prepared(type, "Cae1", Map.of("tkob", issued.get("tkob")));
        assertEquals(issued.get("tkid"), stored.get("tkid"));
        OneM2MException foreign = assertThrows(OneM2MException.class,
                () -> prepared(withKey(), "Cae1", Map.of("tkob", issued.get("tkob"))));
        assertEquals(ResponseStatusCode.BAD_REQUEST, foreign.rsc());
        assertTrue(foreign.getMessage().startsWith("tkob (tokenObject): "), foreign.getMessage());
    }
}
