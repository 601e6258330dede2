package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consultation-based dynamic authorization over HTTP (TS-0004 7.3.3.15, 7.4.36; TS-0001 11.5.2; TS-0003 7.3.2.2) with
 * a real decision point: {@code owner (AE) / c (cnt, a policy granting the owner only, daci → the consultation)}.
 */
class DynamicAuthorizationIT extends KeelIT {
    private static final long NO_REQUEST_MILLIS = 0;
    private DecisionPointServer das;
    private String owner;
    private String asker;
    private String dac;
    /** The consultations the test created, deleted after it: Keel stops consulting a decision point that is gone. */
    private final List<String> consultations = new ArrayList<>();
    /** A container everyone may retrieve and discover, holding the containers under test. */
    private String open;
    /** The policy of {@code open}: everyone may retrieve and discover. */
    private String openAcp;

    @BeforeEach
    void tree() {
        das = new DecisionPointServer();
        owner = cse.registerAe("C" + OneM2MClient.unique("owner"), OneM2MClient.unique("owner"));
        asker = cse.registerAe("C" + OneM2MClient.unique("asker"), OneM2MClient.unique("asker"));
        dac = dac(true, das.url());
        Reply r = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"all\"],\"acop\":34}," + rule(owner, 63)
                + "]},\"pvs\":{\"acr\":[" + rule(owner, 63) + "]}}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        openAcp = r.json().path("m2m:acp").path("ri").asText();
        Reply o = cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + openAcp + "\"]}}")
                .from(owner).send();
        assertEquals(201, o.status(), o.text());
        open = o.json().path("m2m:cnt").path("ri").asText();
    }

    @AfterEach
    void stop() {
        das.close();
        for (String created : consultations) {
            Reply deleted = cse.delete("/" + created).send();
            assertEquals(200, deleted.status(), deleted.text());
        }
    }

    @Test
    void ts0004_7_4_36_aConsultationIsCreatedAsGiven() {
        Reply r = cse.get("/" + dac).send();
        assertEquals(200, r.status(), r.text());
        JsonNode body = r.json().path("m2m:dac");
        assertEquals(34, body.path("ty").asInt());
        assertTrue(body.path("dae").asBoolean());
        assertEquals(das.url(), body.path("dap").get(0).asText());
    }

    @Test
    void ts0004_7_4_36_badConsultationsAreBadRequests() {
        assertBadRequest(cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dap\":[\"" + das.url() + "\"]}}").send(), "dae");
        assertBadRequest(cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dae\":true}}").send(), "dap");
        assertBadRequest(cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dae\":\"maybe\",\"dap\":[\"" + das.url() + "\"]}}").send(), "dae");
        assertBadRequest(cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dae\":true,\"dap\":[\"http://bad host/\"]}}").send(), "dap");
    }

    @Test
    void ts0001_9_6_1_3_dynamicAuthorizationConsultationIdsMustNameConsultations() {
        String acp = acpForOwner();
        assertBadRequest(cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"daci\":[\"" + acp + "\"]}}").from(owner).send(), "daci");
        assertBadRequest(cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"daci\":[\"dacMissing\"]}}").from(owner).send(), "daci");
        String c = container(null);
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"daci\":[\"dacMissing\"]}}").from(owner).send(), "daci");
        Reply linked = cse.put("/" + c, "{\"m2m:cnt\":{\"daci\":[\"" + dac + "\"]}}").from(owner).send();
        assertEquals(200, linked.status(), linked.text());
        assertEquals(dac, linked.json().path("m2m:cnt").path("daci").get(0).asText());
    }

    @Test
    void ts0004_7_3_3_15_grantedWhenTheDecisionPointPermitsAndNoPolicyDoes() {
        String c = container(dac);
        das.granting(rule(asker, 2), null);
        Reply r = cse.get("/" + c).from(asker).send();
        assertEquals(200, r.status(), r.text());
        JsonNode sei = das.next(5_000);
        assertNotNull(sei, "the decision point was asked");
        assertEquals(1, sei.path("sit").asInt(), sei.toString());
        JsonNode dreq = sei.path("dreq");
        assertEquals(asker, dreq.path("or").asText(), sei.toString());
        assertEquals(2, dreq.path("op").asInt(), sei.toString());
        assertEquals(3, dreq.path("trt").asInt(), sei.toString());
        assertEquals(c, dreq.path("trid").asText(), sei.toString());
        assertFalse(dreq.path("rts").asText().isEmpty(), sei.toString());
        // What it granted is Retrieve only.
        assertDenied(cse.delete("/" + c).from(asker).send(), "do not include delete");
    }

    @Test
    void ts0003_7_3_2_2_aTokenTheDecisionPointIssuesGrantsOnceVerified() throws Exception {
        String c = container(dac);
        // The DAS issues with the issuer and key this CSE is configured with: here the CSE issues it for the test.
        String jwt = issuedToken(asker, c, 2);
        das.answering("{\"m2m:sei\":{\"sit\":2,\"dres\":{\"tkns\":[\"" + jwt + "\"]}}}");
        Reply r = cse.get("/" + c).from(asker).send();
        assertEquals(200, r.status(), r.text());
        JsonNode ati = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.header("X-M2M-ATI")).path("ltia").get(0);
        assertFalse(ati.path("lti").asText().isEmpty(), r.header("X-M2M-ATI"));
        // The Local-Token-ID names the token in the next request, without asking the decision point.
        das.refusing();
        Reply again = cse.get("/" + c + "?ltids=" + ati.path("lti").asText()).from(asker).send();
        assertEquals(200, again.status(), again.text());
        // What the token grants is Retrieve only; a token held by another originator grants nothing.
        assertDenied(cse.put("/" + c, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(asker).send(), null);
        das.answering("{\"m2m:sei\":{\"sit\":2,\"dres\":{\"tkns\":[\"" + issuedToken(owner, c, 2) + "\"]}}}");
        assertDenied(cse.get("/" + c).from(asker).send(), "held by");
        das.answering("{\"m2m:sei\":{\"sit\":2,\"dres\":{\"tkns\":[\"not-a-jwt\"]}}}");
        assertDenied(cse.get("/" + c).from(asker).send(), "was refused");
    }

    @Test
    void ts0003_7_3_2_3_withTqiTheRefusalNamesTheServersToAskForTokens() {
        String c = container(dac);
        das.refusing();
        Reply r = cse.get("/" + c + "?tqi=true").from(asker).send();
        assertEquals(403, r.status(), r.text());
        assertEquals(4103, r.rsc(), r.text());
        JsonNode tqf = r.json().path("m2m:tqf");
        assertEquals(das.url(), tqf.path("dasi").get(0).path("uri").asText(), r.text());
        assertEquals(asker, tqf.path("dasi").get(0).path("dreq").path("or").asText(), r.text());
        assertEquals(c, tqf.path("dasi").get(0).path("dreq").path("trid").asText(), r.text());
        assertFalse(r.json().has("m2m:dbg"), "no debugging information beside it: " + r.text());
        // Without tqi, or where no consultation decides, the refusal is the usual one.
        assertDenied(cse.get("/" + c).from(asker).send(), "granted nothing");
        assertDenied(cse.get("/" + container(null) + "?tqi=true").from(asker).send(), null);
    }

    @Test
    void ts0004_7_3_3_15_aPolicyThatGrantsIsNotOverruledNorIsTheDecisionPointAsked() {
        String c = container(dac);
        das.refusing();
        assertEquals(200, cse.get("/" + c).from(owner).send().status());
        assertNull(das.next(NO_REQUEST_MILLIS), "no consultation when a policy grants");
    }

    @Test
    void ts0004_7_3_3_15_refusedWhenTheDecisionPointDenies() {
        String c = container(dac);
        das.refusing();
        assertDenied(cse.get("/" + c).from(asker).send(), "granted nothing");
        das.granting(rule(owner, 63), null); // privileges for someone else
        assertDenied(cse.get("/" + c).from(asker).send(), "do not include retrieve");
    }

    @Test
    void ts0004_7_3_3_15_refusedWhenTheDecisionPointAnswersGarbage() {
        String c = container(dac);
        das.answering("{\"m2m:sei\":{\"sit\":2,\"dres\":{\"dai\":{\"gp\":{\"acr\":[{\"acop\":\"many\"}]}}}}}");
        assertDenied(cse.get("/" + c).from(asker).send(), "m2m:dynAuthDasResponse");
        das.answering("<html>no</html>");
        assertDenied(cse.get("/" + c).from(asker).send(), "no content this CSE could read");
        das.answering("{\"m2m:cin\":{\"con\":\"x\"}}");
        assertDenied(cse.get("/" + c).from(asker).send(), "m2m:securityInfo");
        das.answering("{\"m2m:sei\":{\"sit\":1}}");
        assertDenied(cse.get("/" + c).from(asker).send(), "m2m:securityInfo");
    }

    @Test
    void ts0004_7_3_3_15_refusedWithinTheBoundWhenTheDecisionPointHangs() {
        String c = container(dac);
        das.hanging();
        long start = System.nanoTime();
        assertDenied(cse.get("/" + c).from(asker).send(), "did not answer");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 10_000, "the request waited " + tookMillis + " ms");
    }

    @Test
    void ts0004_7_3_3_15_refusedWhenNoDecisionPointCanBeReached() {
        String unreachable = dac(true, "http://127.0.0.1:9/das");
        String c = container(unreachable);
        assertDenied(cse.get("/" + c).from(asker).send(), "could be reached");
    }

    @Test
    void ts0001_9_6_43_aDisabledConsultationIsNotAsked() {
        String disabled = dac(false, das.url());
        String c = container(disabled);
        das.granting(rule(asker, 63), null);
        assertDenied(cse.get("/" + c).from(asker).send(), null);
        assertNull(das.next(NO_REQUEST_MILLIS), "a disabled consultation is not asked");
    }

    @Test
    void ts0003_7_3_2_2_aDecisionHoldsForItsLifetimeAndNoLonger() {
        String c = container(dac);
        das.granting(rule(asker, 2), "600000"); // ten minutes
        assertEquals(200, cse.get("/" + c).from(asker).send().status());
        assertEquals(200, cse.get("/" + c).from(asker).send().status());
        assertNotNull(das.next(5_000));
        assertNull(das.next(NO_REQUEST_MILLIS), "the second request was decided by the kept decision");
        // Another operation is another decision.
        assertDenied(cse.delete("/" + c).from(asker).send(), "do not include delete");
        assertNotNull(das.next(5_000));

        String d = container(dac);
        das.granting(rule(asker, 2), "1"); // one millisecond: over by the next request
        assertEquals(200, cse.get("/" + d).from(asker).send().status());
        assertNotNull(das.next(5_000));
        das.refusing();
        assertDenied(cse.get("/" + d).from(asker).send(), "granted nothing");
        assertNotNull(das.next(5_000), "an expired decision is asked again");
    }

    @Test
    void ts0003_7_3_2_2_aChangedConsultationIsAskedAgain() {
        String c = container(dac);
        das.granting(rule(asker, 2), "600000");
        assertEquals(200, cse.get("/" + c).from(asker).send().status());
        assertNotNull(das.next(5_000));
        Reply changed = cse.put("/" + dac, "{\"m2m:dac\":{\"lbl\":[\"changed\"]}}").send();
        assertEquals(200, changed.status(), changed.text());
        das.refusing();
        assertDenied(cse.get("/" + c).from(asker).send(), "granted nothing");
        assertNotNull(das.next(5_000));
        Reply off = cse.put("/" + dac, "{\"m2m:dac\":{\"dae\":false}}").send();
        assertEquals(200, off.status(), off.text());
        das.granting(rule(asker, 2), "600000");
        assertDenied(cse.get("/" + c).from(asker).send(), null);
        assertNull(das.next(NO_REQUEST_MILLIS), "disabled since");
    }

    @Test
    void ts0001_9_6_1_3_withoutDaciOfItsOwnAResourceFollowsItsParents() {
        String c = container(dac);
        Reply cin = cse.create("/" + c, 4, "{\"m2m:cin\":{\"con\":\"v\"}}").from(owner).send();
        assertEquals(201, cin.status(), cin.text());
        String i = cin.json().path("m2m:cin").path("ri").asText();
        das.granting(rule(asker, 2), null);
        assertEquals(200, cse.get("/" + i).from(asker).send().status());
        assertEquals(i, das.next(5_000).path("dreq").path("trid").asText());
    }

    @Test
    void ts0004_7_3_3_14_discoveryShowsWhatTheDecisionPointGrants() {
        String c = container(dac);
        String hidden = container(null);
        das.granting(rule(asker, 32), "600000");
        List<String> found = discovered(asker, "ty=3");
        assertTrue(found.contains(c), found.toString());
        assertFalse(found.contains(hidden), found.toString());
        // The grant named discovery only.
        assertDenied(cse.get("/" + c).from(asker).send(), "do not include retrieve");
        das.refusing();
        String other = cse.registerAe("C" + OneM2MClient.unique("other"), OneM2MClient.unique("other"));
        assertFalse(discovered(other, "ty=3").contains(c));
    }

    @Test
    void ts0004_7_3_3_15_childListsShowWhatTheDecisionPointGrants() {
        String c = container(dac);
        String hidden = container(null);
        das.granting(rule(asker, 2), "600000");
        Reply r = cse.get("/" + open + "?rcn=6").from(asker).send();
        assertEquals(200, r.status(), r.text());
        assertTrue(r.text().contains(nameOf(c)), r.text());
        assertFalse(r.text().contains(nameOf(hidden)), r.text());
    }

    @Test
    void ts0004_7_3_3_15_partialRetrieveIsDecidedAsRetrieve() {
        String c = container(dac);
        das.granting(rule(asker, 2), null);
        Reply r = cse.get("/" + c + "?atrl=lbl+ty").from(asker).send();
        assertEquals(200, r.status(), r.text());
        assertEquals(3, r.json().path("m2m:cnt").path("ty").asInt(), r.text());
        das.refusing();
        assertDenied(cse.get("/" + c + "?atrl=lbl+ty").from(asker).send(), "granted nothing");
    }

    @Test
    void ts0004_7_4_14_2_5_fanOutMembersAreDecidedByTheirConsultation() {
        String c = container(dac);
        Reply g = cse.create("/" + owner, 9, "{\"m2m:grp\":{\"mnm\":2,\"mid\":[\"" + c + "\"],\"acpi\":[\"" + openAcp + "\"]}}").send();
        assertEquals(201, g.status(), g.text());
        String grp = g.json().path("m2m:grp").path("ri").asText();
        das.granting(rule(asker, 2), null);
        Reply r = cse.get("/" + grp + "/fopt").from(asker).send();
        assertEquals(200, r.status(), r.text());
        assertEquals(2000, r.json().path("m2m:agr").path("m2m:rsp").get(0).path("rsc").asInt(), r.text());
        das.refusing();
        Reply refused = cse.get("/" + grp + "/fopt").from(asker).send();
        assertEquals(4103, refused.json().path("m2m:agr").path("m2m:rsp").get(0).path("rsc").asInt(), refused.text());
    }

    @Test
    void ts0004_7_4_14_3_2_theFanOutPointOfAGroupLinkingAConsultation() {
        String member = container(null);
        String acp = acpForOwner();
        Reply g = cse.create("/" + owner, 9, "{\"m2m:grp\":{\"mnm\":2,\"mid\":[\"" + member + "\"],\"acpi\":[\"" + acp
                + "\"],\"daci\":[\"" + dac + "\"]}}").send();
        assertEquals(201, g.status(), g.text());
        String grp = g.json().path("m2m:grp").path("ri").asText();
        das.refusing();
        assertDenied(cse.get("/" + grp + "/fopt").from(asker).send(), "granted nothing");
        das.granting(rule(asker, 2), null);
        Reply r = cse.get("/" + grp + "/fopt").from(asker).send();
        assertEquals(200, r.status(), r.text());
        // Through the fan-out point, each member still decides for itself: the member links no consultation.
        assertEquals(4103, r.json().path("m2m:agr").path("m2m:rsp").get(0).path("rsc").asInt(), r.text());
        assertEquals(grp, das.next(5_000).path("dreq").path("trid").asText());
    }

    // ---- helpers ----

    private String dac(boolean enabled, String dap) {
        Reply r = cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dae\":" + enabled + ",\"dap\":[\"" + dap + "\"]}}").send();
        assertEquals(201, r.status(), r.text());
        String ri = r.json().path("m2m:dac").path("ri").asText();
        consultations.add(ri);
        return ri;
    }

    /** A token the CSE issues (its issuer and key) for the holder, granting acop on the resource ri. */
    private String issuedToken(String holder, String ri, int acop) {
        Reply r = cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"" + holder + "\",\"tkps\":{\"pm\":[{\"ris\":[\"" + ri
                + "\"],\"pv\":{\"acr\":[" + rule(holder, acop) + "]}}]}}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:tk").path("tkob").asText();
    }

    private String acpForOwner() {
        Reply r = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule(owner, 63) + "]},\"pvs\":{\"acr\":["
                + rule(owner, 63) + "]}}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:acp").path("ri").asText();
    }

    /** A container in {@code open} governed by a policy granting the owner only, linking {@code dacRi} (or none). */
    private String container(String dacRi) {
        String acp = acpForOwner();
        String attrs = "\"acpi\":[\"" + acp + "\"]" + (dacRi == null ? "" : ",\"daci\":[\"" + dacRi + "\"]");
        Reply r = cse.create("/" + open, 3, "{\"m2m:cnt\":{" + attrs + "}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    private static String rule(String originator, int acop) {
        return "{\"acor\":[\"" + originator + "\"],\"acop\":" + acop + "}";
    }

    private List<String> discovered(String who, String query) {
        Reply r = cse.get("/" + open + "?fu=1&drt=2&" + query).from(who).send();
        List<String> out = new ArrayList<>();
        if (r.status() == 403) {
            return out;
        }
        assertEquals(200, r.status(), r.text());
        r.json().path("m2m:uril").forEach(u -> out.add(u.asText().substring(u.asText().lastIndexOf('/') + 1)));
        return out;
    }

    private String nameOf(String ri) {
        return cse.get("/" + ri).send().json().elements().next().path("rn").asText();
    }

    private static void assertDenied(Reply r, String reasonPart) {
        assertEquals(403, r.status(), r.text());
        assertEquals(4103, r.rsc(), r.text());
        if (reasonPart != null) {
            assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
        }
    }

    private static void assertBadRequest(Reply r, String reasonPart) {
        assertEquals(400, r.status(), r.text());
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
    }
}
