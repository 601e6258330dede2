package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Authorization Relationship Mapping over HTTP with a real decision point (TS-0003 7.3.2.2 steps 3.2–8, 7.3.2.7.1;
 * TS-0004 7.5.1.2.14, 7.5.1.2.15): {@code owner / c (cnt, a policy granting the owner only, daci → the consultation)};
 * the AE {@code old} gets a token issued asking for its signature, signs it, and registers anew as {@code renewed}
 * (same App-ID, new AE-ID), which proves with the signature that the token is its.
 */
class AuthorizationRelationshipIT extends KeelIT {
    /** The App-ID keel.authsign.keys shares the key of {@link #mic} with (integration-tests/resources). */
    private static final String APP_ID = "Nauthsign.it";
    private static final byte[] KEY = "authsign-it-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private DecisionPointServer das;
    private String owner;
    private String old;
    private String renewed;
    private String c;
    /** The consultation the test created, deleted after it: Keel stops consulting a decision point that is gone. */
    private String dac;
    private String jwt;

    @BeforeEach
    void tree() {
        das = new DecisionPointServer();
        owner = cse.registerAe("C" + OneM2MClient.unique("owner"), OneM2MClient.unique("owner"));
        old = signingAe("old");
        renewed = signingAe("renewed");
        Reply d = cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dae\":true,\"dap\":[\"" + das.url() + "\"]}}").send();
        assertEquals(201, d.status(), d.text());
        dac = d.json().path("m2m:dac").path("ri").asText();
        Reply acp = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule(owner, 63) + "]},\"pvs\":{\"acr\":["
                + rule(owner, 63) + "]}}}").from(owner).send();
        assertEquals(201, acp.status(), acp.text());
        Reply cnt = cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText()
                + "\"],\"daci\":[\"" + dac + "\"]}}").from(owner).send();
        assertEquals(201, cnt.status(), cnt.text());
        c = cnt.json().path("m2m:cnt").path("ri").asText();
        // The DAS issues with the issuer and key this CSE is configured with: here the CSE issues it for the test.
        Reply tk = cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"" + old + "\",\"tkps\":{\"pm\":[{\"ris\":[\"" + c
                + "\"],\"pv\":{\"acr\":[" + rule("all", 2) + "]}}]}}}").send();
        assertEquals(201, tk.status(), tk.text());
        jwt = tk.json().path("m2m:tk").path("tkob").asText();
    }

    @AfterEach
    void stop() {
        das.close();
        if (dac != null) {
            Reply deleted = cse.delete("/" + dac).send();
            assertEquals(200, deleted.status(), deleted.text());
        }
    }

    @Test
    void ts0003_7_3_2_2_theDecisionPointAsksForSignaturesAndTheyReachIt() throws Exception {
        String lti = tokenIssuedAskingForSignatures();

        Reply signed = sign(old, mic(jwt));

        assertEquals(200, signed.status(), signed.text());
        assertEquals(2000, signed.rsc(), signed.text());
        JsonNode forwarded = das.next(10_000);
        assertNotNull(forwarded, "the signatures went on to the decision point");
        assertEquals(7, forwarded.path("sit").asInt(), forwarded.toString());
        JsonNode darq = forwarded.path("darq");
        assertTrue(darq.path("or").asText().endsWith("/" + old), forwarded.toString());
        assertEquals(mic(jwt), darq.path("aus").get(0).asText(), forwarded.toString());
        assertEquals(jwt, darq.path("tkns").get(0).asText(), forwarded.toString());
        // Signed: a request with the token is no longer asked for signatures.
        Reply again = cse.get("/" + c).from(old).header("Authorization", jwt).send();
        assertEquals(200, again.status(), again.text());
        assertNull(again.header("X-M2M-ASRI"), again.text());
        assertEquals(200, cse.get("/" + c + "?ltids=" + lti).from(old).send().status());
    }

    @Test
    void ts0003_7_3_2_7_1_aNewAeIdProvesPossessionAndTheHolderMoves() throws Exception {
        String lti = tokenIssuedAskingForSignatures();
        assertEquals(200, sign(old, mic(jwt)).status());
        das.next(10_000);
        das.answering("{\"m2m:sei\":{\"sit\":8,\"dars\":{\"tkns\":[\"" + jwt + "\"],\"sig\":[\"" + mic(jwt) + "\"]}}}");

        Reply asked = cse.get("/" + c + "?ltids=" + lti).from(renewed).send();

        assertEquals(403, asked.status(), asked.text());
        assertEquals(4103, asked.rsc(), asked.text());
        assertEquals("true", asked.header("X-M2M-ASRI"), "the AE is asked for its signature (step 4)");
        JsonNode request = das.next(10_000);
        assertNotNull(request, "the decision point was asked for the signature it keeps (TS-0004 7.5.1.2.15)");
        assertEquals(7, request.path("sit").asInt(), request.toString());
        assertTrue(request.path("darq").path("asri").asBoolean(), request.toString());

        Reply proven = cse.get("/" + c + "?ltids=" + lti).from(renewed).header("X-M2M-AS", mic(jwt)).send();

        assertEquals(200, proven.status(), proven.text());
        Reply withoutSignature = cse.get("/" + c + "?ltids=" + lti).from(renewed).send();
        assertEquals(200, withoutSignature.status(), "the holder is the new AE-ID now: " + withoutSignature.text());
        Reply oldId = cse.get("/" + c + "?ltids=" + lti).from(old).send();
        assertEquals(403, oldId.status(), "the old AE-ID holds it no more: " + oldId.text());
    }

    @Test
    void ts0003_7_3_2_7_1_7_forgedSignaturesAreRefused() throws Exception {
        String lti = tokenIssuedAskingForSignatures();
        byte[] otherKey = "not-the-key-shared-with-this-AE!".getBytes(StandardCharsets.US_ASCII);

        Reply forgedRecord = sign(old, mic(otherKey, jwt));

        assertEquals(403, forgedRecord.status(), forgedRecord.text());
        assertEquals(4103, forgedRecord.rsc(), forgedRecord.text());
        assertEquals(0, das.pending(), "nothing went on to the decision point");

        assertEquals(200, sign(old, mic(jwt)).status());
        das.next(10_000);
        das.answering("{\"m2m:sei\":{\"sit\":8,\"dars\":{\"sig\":[\"" + mic(jwt) + "\"]}}}");
        Reply forgedUpdate = cse.get("/" + c + "?ltids=" + lti).from(renewed).header("X-M2M-AS", mic(otherKey, jwt)).send();

        assertEquals(403, forgedUpdate.status(), forgedUpdate.text());
        assertEquals(4103, forgedUpdate.rsc(), forgedUpdate.text());
        assertNull(forgedUpdate.header("X-M2M-ASRI"), "refused with no further process: " + forgedUpdate.text());
        assertEquals(200, cse.get("/" + c + "?ltids=" + lti).from(old).send().status(), "the holder stays");
    }

    @Test
    void ts0004_7_5_1_2_14_aMappingRequestWithoutTokensIsABadRequest() {
        Reply r = cse.method("POST", "/cse-in").from(old)
                .json("{\"m2m:sei\":{\"sit\":7,\"darq\":{\"aus\":[\"" + mic(jwt) + "\"]}}}").send();

        assertEquals(400, r.status(), r.text());
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains("tids"), r.text());
    }

    /**
     * TS-0003 7.3.2.2 steps 1–5: old asks with asi; the decision point issues the token asking for signatures (asri);
     * the response grants, assigns a Local-Token-ID and asks old to sign. Returns the Local-Token-ID.
     */
    private String tokenIssuedAskingForSignatures() throws Exception {
        das.answering("{\"m2m:sei\":{\"sit\":2,\"dres\":{\"tkns\":[\"" + jwt + "\"],\"asri\":true}}}");
        Reply r = cse.get("/" + c + "?asi=true").from(old).send();
        assertEquals(200, r.status(), r.text());
        assertEquals("true", r.header("X-M2M-ASRI"), "the response asks for signatures (step 5)");
        JsonNode asked = das.next(10_000);
        assertNotNull(asked);
        assertTrue(asked.path("dreq").path("asi").asBoolean(), "asi went to the decision point: " + asked);
        JsonNode ati = new ObjectMapper().readTree(r.header("X-M2M-ATI")).path("ltia").get(0);
        return ati.path("lti").asText();
    }

    /** TS-0004 7.5.1.2.14: the AE sends its signatures on the token to the Hosting CSE in a Notify. */
    private Reply sign(String ae, String signature) {
        return cse.method("POST", "/cse-in").from(ae).json("{\"m2m:sei\":{\"sit\":7,\"darq\":{\"aus\":[\"" + signature
                + "\"],\"tkns\":[\"" + jwt + "\"]}}}").send();
    }

    private String signingAe(String name) {
        String rn = OneM2MClient.unique(name);
        Reply r = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"" + APP_ID
                + "\",\"rr\":false,\"srv\":[\"3\"]}}").from("C" + rn).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:ae").path("aei").asText();
    }

    private static String mic(String token) {
        return mic(KEY, token);
    }

    private static String mic(byte[] key, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rule(String originator, int acop) {
        return "{\"acor\":[\"" + originator + "\"],\"acop\":" + acop + "}";
    }
}
