package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.keel.core.CseIdentity;
import io.keel.core.RecordingOutbound;
import io.keel.core.access.token.AuthorizationSignatures;
import io.keel.core.access.token.HeldByAnother;
import io.keel.core.access.token.LocalTokenIds;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenKey;
import io.keel.core.access.token.TokenSettings;
import io.keel.core.notification.Receivers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.CachedTokens.Cached;
import io.keel.core.store.CachedTokens.Relation;
import io.keel.core.store.FakeStore;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.SignatureRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Authorization Relationship Mapping at the Hosting CSE (TS-0003 7.3.2.2 steps 4.1.1.3–8, 7.3.2.3 step 7.1.5,
 * 7.3.2.7; TS-0004 7.5.1.2.14, 7.5.1.2.15), against a decision point that answers as the test says.
 */
class AuthorizationRelationshipsTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private static final String ISSUER = "//keel.example.net/id-in";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final FakeStore store = new FakeStore();
    private final TokenAuthority tokens;
    private final RecordingOutbound das = new RecordingOutbound();
    private final AuthorizationRelationships relationships;
    private final Instant now = Instant.now();
    private final String token;

    AuthorizationRelationshipsTest() throws Exception {
        tokens = new TokenAuthority(new TokenSettings(null, ISSUER, ISSUER, 3_600_000),
                TokenKey.of(new OctetSequenceKeyGenerator(256).generate()));
        tokens.cacheIn(new LocalTokenIds(store));
        TypeRegistry types = new TypeRegistry();
        store.tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in");
        ae("Cae1", "Napp");
        ae("Cae9", "Napp"); // the same application, registered anew under another AE-ID
        ae("Cother", "Nother");
        dac("dacUrl", "http://das.example.net/das");
        dac("dacAe", "Cdas");
        relationships = new AuthorizationRelationships(CSE, store, tokens, new AuthorizationSignatures(Map.of("Napp", KEY)), das,
                new Receivers(CSE, new Router(CSE, types), types, das), 2_000);
        token = tokens.issue(null, "Cae1", null, null, "t", null, null, null, now).token();
    }

    private void ae(String ri, String api) {
        store.tree.add(ri, "id-in", ResourceTypes.AE, "cse-in/" + ri).attributes.put("api", api);
    }

    private void dac(String ri, String point) {
        Resource dac = store.tree.add(ri, "id-in", ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION, "cse-in/" + ri);
        dac.attributes.put("dae", true);
        dac.attributes.put("dap", List.of(point));
    }

    private String mic() {
        return AuthorizationSignatures.mic(KEY, token);
    }

    private RequestPrimitive request(String from, String... aus) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.from = from;
        req.tokens.add(token);
        req.authorizationSignatures.addAll(List.of(aus));
        return req;
    }

    private RequestPrimitive mappingRequest(String from, Map<String, Object> darq) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.NOTIFY;
        req.from = from;
        req.to = "cse-in";
        req.content = Map.of("m2m:sei", Map.of("sit", 7L, "darq", darq));
        return req;
    }

    /** Whether an ID names the AE, in its CSE-relative or absolute form (as the access decision compares them). */
    private static java.util.function.Predicate<String> is(String ae) {
        return id -> id.equals(ae) || id.equals("//keel.example.net/id-in/" + ae);
    }

    private HeldByAnother heldFor(String originator) {
        return assertThrows(HeldByAnother.class, () -> tokens.accepted(token, is(originator), now));
    }

    private Cached cached() {
        return tokens.localTokenIds().cached(token, now);
    }

    /** The decision point keeps these signatures in its mapping record (TS-0004 7.5.1.2.15: type 8 with signature). */
    private void dasKeeps(List<String> signatures) {
        das.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:sei", Map.of("sit", 8L,
                "dars", Map.of("tkns", List.of(token), "sig", signatures))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> darqSent(RecordingOutbound.Sent sent) {
        Map<String, Object> sei = (Map<String, Object>) ((Map<String, Object>) sent.request().content).get("m2m:sei");
        assertEquals(7L, sei.get("sit"));
        return (Map<String, Object>) sei.get("darq");
    }

    @Test
    void ts0003_7_3_2_2_4_1_1_3_tokensOfADecisionPointAskingForSignaturesAreCachedWithTheOriginatorAsHolder() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);

        Cached c = cached();
        assertNotNull(c);
        assertEquals("//keel.example.net/id-in/Cae1", c.holder(), "the Absolute AE-ID of the originator");
        assertEquals(Relation.DIRECT, c.relation());
        assertEquals("http://das.example.net/das", c.das());
    }

    @Test
    void ts0003_7_3_2_2_4_1_1_2_3_aTokenHeldByAnotherIsNotCached() {
        OneM2MException e = assertThrows(OneM2MException.class,
                () -> relationships.signaturesAsked(List.of(token), "Cother", "http://das.example.net/das", now));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertEquals(null, cached());
    }

    @Test
    void ts0003_7_3_2_2_5_theResponseAsksTheHolderToSign() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);

        assertTrue(relationships.signaturesWanted(request("Cae1"), now));
        assertFalse(relationships.signaturesWanted(request("Cother"), now), "not another originator");
        RequestPrimitive plain = request("Cae1");
        plain.tokens.set(0, tokens.issue(null, "Cae1", null, null, "u", null, null, null, now).token());
        assertFalse(relationships.signaturesWanted(plain, now), "not for a token no decision point asked signatures on");
    }

    @Test
    void ts0004_7_5_1_2_14_theAeSignaturesGoOnToTheDecisionPointThatAskedForThem() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);

        ResponsePrimitive rsp = relationships.receive(mappingRequest("Cae1", Map.of("aus", List.of(mic()), "tkns", List.of(token))), now);

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        RecordingOutbound.Sent sent = das.sent().get(0);
        assertEquals("http://das.example.net/das", sent.url());
        assertEquals(Operation.NOTIFY, sent.request().operation);
        assertEquals("id-in", sent.request().from, "the Hosting CSE sends it");
        Map<String, Object> darq = darqSent(sent);
        assertEquals("//keel.example.net/id-in/Cae1", darq.get("or"), "b) the originator element is the Originator-AE");
        assertEquals(List.of(mic()), darq.get("aus"), "a) the authorSigns as the AE gave them");
        assertEquals(List.of(token), darq.get("tkns"));
        assertEquals(Relation.MAPPED, cached().relation());
        assertFalse(relationships.signaturesWanted(request("Cae1"), now), "signed: the response asks no more");
    }

    @Test
    void ts0003_7_3_2_2_6_aForgedSignatureIsRefusedAndNothingGoesOn() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);
        String forged = AuthorizationSignatures.mic("another key, 32 bytes long......".getBytes(), token);

        OneM2MException e = assertThrows(OneM2MException.class,
                () -> relationships.receive(mappingRequest("Cae1", Map.of("aus", List.of(forged), "tkns", List.of(token))), now));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc(), e.getMessage());
        assertTrue(das.sent().isEmpty());
        assertEquals(Relation.DIRECT, cached().relation());
    }

    @Test
    void ts0004_7_5_1_2_14_onlyTheHolderSendsSignaturesForItsToken() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);

        OneM2MException e = assertThrows(OneM2MException.class,
                () -> relationships.receive(mappingRequest("Cae9", Map.of("aus", List.of(mic()), "tkns", List.of(token))), now));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertTrue(das.sent().isEmpty());
    }

    @Test
    void ts0004_6_3_5_58_aMappingRequestNamesTokensAndSignatures() {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class,
                () -> relationships.receive(mappingRequest("Cae1", Map.of("aus", List.of(mic()))), now)).rsc(), "no token");
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class,
                () -> relationships.receive(mappingRequest("Cae1", Map.of("tkns", List.of(token))), now)).rsc(), "no signature");
        RequestPrimitive otherType = mappingRequest("Cae1", Map.of());
        otherType.content = Map.of("m2m:sei", Map.of("sit", 3L));
        OneM2MException e = assertThrows(OneM2MException.class, () -> relationships.receive(otherType, now));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("securityInfoType 7"), e.getMessage());
    }

    @Test
    void ts0004_7_5_1_2_15_aNewAeIdIsAskedForSignaturesTheDecisionPointKeeps() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);
        dasKeeps(List.of(mic()));

        assertThrows(SignatureRequest.class, () -> relationships.update(store.tree, request("Cae9"), heldFor("Cae9"), now));

        Map<String, Object> darq = darqSent(das.sent().get(0));
        assertEquals(true, darq.get("asri"), "c) authorSignReqInfo true");
        assertEquals(List.of(token), darq.get("tkns"), "b) the tokens of the received request");
        assertEquals("//keel.example.net/id-in/Cae1", cached().holder(), "no signature: the holder stays");
    }

    @Test
    void ts0003_7_3_2_7_1_6_equalSignaturesMoveTheHolderToTheNewAeId() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);
        dasKeeps(List.of(mic() + "=")); // the same signature, padded

        relationships.update(store.tree, request("Cae9", mic()), heldFor("Cae9"), now);

        assertEquals("//keel.example.net/id-in/Cae9", cached().holder());
        assertEquals("t", tokens.accepted(token, is("Cae9"), now).name(), "the new AE-ID holds it now");
        assertThrows(HeldByAnother.class, () -> tokens.accepted(token, is("Cae1"), now), "the old one no more");
    }

    @Test
    void ts0003_7_3_2_7_1_7_signaturesThatDifferAreRefused() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);
        dasKeeps(List.of(mic()));
        String otherAe = AuthorizationSignatures.mic("another key, 32 bytes long......".getBytes(), token);

        OneM2MException e = assertThrows(OneM2MException.class,
                () -> relationships.update(store.tree, request("Cae9", otherAe), heldFor("Cae9"), now));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertFalse(e instanceof SignatureRequest);
        assertEquals("//keel.example.net/id-in/Cae1", cached().holder());
    }

    @Test
    void ts0003_7_3_2_7_1_7_noSignatureFromTheDecisionPointIsARefusal() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);
        das.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:sei", Map.of("sit", 8L,
                "dars", Map.of("tkns", List.of(token)))));

        OneM2MException e = assertThrows(OneM2MException.class,
                () -> relationships.update(store.tree, request("Cae9", mic()), heldFor("Cae9"), now));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertFalse(e instanceof SignatureRequest);
        assertEquals("//keel.example.net/id-in/Cae1", cached().holder());
    }

    @Test
    void ts0004_7_5_1_2_15_anAnswerOfAnotherTypeGivesNoSignature() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);
        das.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:sei", Map.of("sit", 2L,
                "dars", Map.of("sig", List.of(mic())))));

        assertThrows(OneM2MException.class, () -> relationships.update(store.tree, request("Cae9", mic()), heldFor("Cae9"), now));

        assertEquals("//keel.example.net/id-in/Cae1", cached().holder());
    }

    @Test
    void ts0003_7_3_2_7_aTokenWithoutRelationshipStaysWithItsHolder() {
        HeldByAnother held = heldFor("Cae9");

        assertTrue(held == assertThrows(HeldByAnother.class, () -> relationships.update(store.tree, request("Cae9", mic()), held, now)));
        assertTrue(das.sent().isEmpty());
    }

    @Test
    void ts0003_7_3_2_7_2_theDasKeepingTheRelationshipMovesTheHolder() {
        tokens.localTokenIds().assign(token, tokens.authentic(token), "//keel.example.net/id-in/Cae1", Relation.INDIRECT, null, now);

        OneM2MException refused = assertThrows(OneM2MException.class,
                () -> relationships.update(store.tree, request("Cae9", mic()), heldFor("Cae9"), now));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, refused.rsc(), "step 3: refused");
        assertTrue(das.sent().isEmpty());

        ResponsePrimitive rsp = relationships.receive(mappingRequest("/id-in/Cdas", Map.of("or", "Cae9", "tkns", List.of(token))), now);

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals("//keel.example.net/id-in/Cae9", cached().holder(), "step 5.4");
    }

    @Test
    void ts0003_7_3_2_7_2_onlyADecisionPointMovesAHolder() {
        tokens.localTokenIds().assign(token, tokens.authentic(token), "//keel.example.net/id-in/Cae1", Relation.INDIRECT, null, now);

        assertThrows(OneM2MException.class,
                () -> relationships.receive(mappingRequest("Cae9", Map.of("or", "Cae9", "tkns", List.of(token))), now));

        assertEquals("//keel.example.net/id-in/Cae1", cached().holder());
    }

    @Test
    void ts0003_7_3_2_7_2_aDecisionPointMovesOnlyTokensWhoseRelationshipItKeeps() {
        relationships.signaturesAsked(List.of(token), "Cae1", "http://das.example.net/das", now);

        OneM2MException e = assertThrows(OneM2MException.class,
                () -> relationships.receive(mappingRequest("Cdas", Map.of("or", "Cae9", "tkns", List.of(token))), now));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertEquals("//keel.example.net/id-in/Cae1", cached().holder());
    }
}
