package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distributed authorization resources with Keel as their PDP, PRP and PIP (TS-0004 7.4.43–7.4.45; TS-0001
 * 9.6.41–9.6.43; TS-0003 7.5): {@code owner (AE) / c (cnt, a policy granting the owner everything)}.
 */
class DistributedAuthorizationIT extends KeelIT {
    private String owner;
    private String other;
    private String c;

    @BeforeEach
    void tree() {
        owner = cse.registerAe("C" + OneM2MClient.unique("owner"), OneM2MClient.unique("owner"));
        other = cse.registerAe("C" + OneM2MClient.unique("other"), OneM2MClient.unique("other"));
        String rule = "{\"acor\":[\"" + owner + "\"],\"acop\":63}";
        Reply acp = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule + "]},\"pvs\":{\"acr\":[" + rule + "]}}}")
                .from(owner).send();
        assertEquals(201, acp.status(), acp.text());
        Reply cnt = cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText() + "\"]}}")
                .from(owner).send();
        assertEquals(201, cnt.status(), cnt.text());
        c = cnt.json().path("m2m:cnt").path("ri").asText();
    }

    @Test
    void ts0004_7_4_43_2_3_keelDecidesAsItsOwnPdp() {
        String pdp = create(35, "m2m:auds", "{}");
        JsonNode permit = update(pdp, "m2m:auds", "{\"to\":\"" + c + "\",\"fr\":\"" + owner + "\",\"op\":4}");
        assertEquals(1, permit.path("dec").asInt(), permit.toString());
        assertEquals(1, permit.path("sus").asInt(), permit.toString());
        assertFalse(permit.has("to") || permit.has("fr") || permit.has("op"), "the request is not kept: " + permit);
        JsonNode deny = update(pdp, "m2m:auds", "{\"to\":\"" + c + "\",\"fr\":\"" + other + "\",\"op\":2}");
        assertEquals(2, deny.path("dec").asInt(), deny.toString());
        assertEquals(1, deny.path("sus").asInt(), deny.toString());
        JsonNode discovery = update(pdp, "m2m:auds", "{\"to\":\"" + c + "\",\"fr\":\"" + owner + "\",\"op\":2,\"fu\":1}");
        assertEquals(1, discovery.path("dec").asInt(), discovery.toString());
        JsonNode stored = cse.get("/" + pdp).send().json().path("m2m:auds");
        assertFalse(stored.has("fr") || stored.has("to"), stored.toString());
    }

    @Test
    void ts0004_7_4_43_2_3_aResourceOfNoOneHereIsNotApplicable() {
        String pdp = create(35, "m2m:auds", "{}");
        JsonNode r = update(pdp, "m2m:auds", "{\"to\":\"cntMissing\",\"fr\":\"" + owner + "\",\"op\":2}");
        assertEquals(2, r.path("sus").asInt(), r.toString());
        assertFalse(r.has("dec"), r.toString());
    }

    @Test
    void ts0004_7_4_43_2_3_badDecisionRequests() {
        String pdp = create(35, "m2m:auds", "{}");
        assertBadRequest(cse.put("/" + pdp, "{\"m2m:auds\":{\"to\":\"" + c + "\",\"op\":2}}").send(), "fr");
        assertBadRequest(cse.put("/" + pdp, "{\"m2m:auds\":{\"to\":\"" + c + "\",\"fr\":\"" + owner + "\",\"op\":2,\"lbl\":[\"x\"]}}")
                .send(), "lbl");
        assertBadRequest(cse.put("/" + pdp, "{\"m2m:auds\":{\"to\":\"" + c + "\",\"fr\":\"" + owner + "\",\"op\":9}}").send(), "op");
        assertBadRequest(cse.put("/" + pdp, "{\"m2m:auds\":{\"dec\":1}}").send(), "dec");
        // An update of none of the request attributes is an ordinary one.
        assertEquals(200, cse.put("/" + pdp, "{\"m2m:auds\":{\"lbl\":[\"pdp\"]}}").send().status());
    }

    @Test
    void ts0004_7_4_44_2_3_keelAnswersThePoliciesAsItsOwnPrp() {
        String prp = create(36, "m2m:aupy", "{}");
        JsonNode r = update(prp, "m2m:aupy", "{\"to\":\"" + c + "\"}");
        assertEquals(1, r.path("sus").asInt(), r.toString());
        assertEquals(1, r.path("ca").asInt(), r.toString());
        assertEquals(owner, r.path("ps").path("pv").get(0).path("acr").get(0).path("acor").get(0).asText(), r.toString());
        assertFalse(r.has("to"), r.toString());
        JsonNode none = update(prp, "m2m:aupy", "{\"to\":\"" + owner + "\"}"); // the AE has no acpi
        assertEquals(2, none.path("sus").asInt(), none.toString());
        assertFalse(none.has("ps"), none.toString());
        assertBadRequest(cse.put("/" + prp, "{\"m2m:aupy\":{\"to\":\"" + c + "\",\"lbl\":[\"x\"]}}").send(), "to");
    }

    @Test
    void ts0004_7_4_45_2_3_keelInformsOfTheRolesAndTokensItKeeps() {
        String roleId = "r" + System.nanoTime() + "@keel.example.net";
        String otherRole = "r" + System.nanoTime() + "x@keel.example.net";
        Reply role = cse.create("/cse-in", 31, roleJson(roleId, owner, -3600, 3600)).send();
        assertEquals(201, role.status(), role.text());
        assertEquals(201, cse.create("/cse-in", 31, roleJson(otherRole, other, -3600, 3600)).send().status());
        assertEquals(201, cse.create("/cse-in", 31, roleJson("r" + System.nanoTime() + "old@keel.example.net", owner, -7200, -3600))
                .send().status(), "an expired role is not given");
        Reply token = cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"" + owner + "\"}}").send();
        assertEquals(201, token.status(), token.text());
        String tokenId = token.json().path("m2m:tk").path("tkid").asText();
        Reply othersToken = cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"" + other + "\"}}").send();
        assertEquals(201, othersToken.status(), othersToken.text());

        String pip = create(37, "m2m:auif", "{}");
        JsonNode all = update(pip, "m2m:auif", "{\"fr\":\"" + owner + "\"}");
        assertEquals(1, all.path("sus").asInt(), all.toString());
        assertEquals(List.of(roleId), values(all.path("m2m:rol"), "rlid"), all.toString());
        assertTrue(values(all.path("m2m:tk"), "tkid").contains(tokenId), all.toString());
        assertFalse(values(all.path("m2m:tk"), "tkid").contains(othersToken.json().path("m2m:tk").path("tkid").asText()),
                "a token held by another is not given: " + all);
        assertFalse(all.has("fr"), "the request is not kept: " + all);

        JsonNode narrowed = update(pip, "m2m:auif", "{\"fr\":\"" + owner + "\",\"rids\":[\"" + otherRole + "\"],\"tids\":[\""
                + tokenId + "\"]}");
        assertEquals(1, narrowed.path("sus").asInt(), narrowed.toString());
        assertFalse(narrowed.has("m2m:rol"), "the role asked for is not the owner's: " + narrowed);
        assertEquals(List.of(tokenId), values(narrowed.path("m2m:tk"), "tkid"), narrowed.toString());

        JsonNode none = update(pip, "m2m:auif", "{\"fr\":\"Cnobody\",\"rids\":[\"" + roleId + "\"]}");
        assertEquals(2, none.path("sus").asInt(), none.toString());
        assertFalse(none.has("m2m:rol") || none.has("m2m:tk"), none.toString());

        JsonNode stored = cse.get("/" + pip).send().json().path("m2m:auif");
        assertFalse(stored.has("m2m:rol") || stored.has("m2m:tk") || stored.has("fr"), "nothing is kept: " + stored);
        assertBadRequest(cse.put("/" + pip, "{\"m2m:auif\":{\"rids\":[\"r1\"]}}").send(), "fr");
        assertBadRequest(cse.put("/" + pip, "{\"m2m:auif\":{\"fr\":\"" + owner + "\",\"lbl\":[\"x\"]}}").send(), "nothing else");
    }

    // --- Keel as the PEP: adri, apri and airi of the policies governing the target (TS-0001 9.6.2, 11.6.2) ----------

    @Test
    void ts0001_9_6_2_0_theCombinationsTheTextRefusesAre4000() {
        String pvs = "\"pvs\":{\"acr\":[" + rule(owner, 63) + "]}";
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[]}," + pvs + ",\"adri\":[\"x\"],\"apri\":[\"y\"]}}"),
                "never present together");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule(other, 2) + "]}," + pvs + ",\"adri\":[\"x\"]}}"),
                "adri is present only while pv holds no rule");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule(other, 2) + "]}," + pvs + ",\"apri\":[\"x\"]}}"),
                "apri is present only while pv holds no rule");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[]}," + pvs + ",\"adri\":[\"x\"],\"airi\":[\"y\"]}}"),
                "airi does not go with adri");
        String delegating = acp("[]", "\"adri\":[\"x\"]");
        assertBadRequest(cse.put("/" + delegating, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule(other, 2) + "]}}}").from(owner).send(),
                "adri is present only while pv holds no rule");
        assertEquals("x", cse.get("/" + delegating).from(owner).send().json().path("m2m:acp").path("adri").path(0).asText());
    }

    @Test
    void ts0003_7_5_4_theRolesOfAPipOfThisCseMeetTheRulesOfPv() {
        String roleId = "r" + System.nanoTime() + "@keel.example.net";
        assertEquals(201, cse.create("/cse-in", 31, roleJson(roleId, other, -3600, 3600)).send().status());
        String pip = create(37, "m2m:auif", "{}");
        String box = container(acp("[" + rule(roleId, 2) + "]", "\"airi\":[\"" + pip + "\"]"));

        Reply byRole = cse.get("/" + box).from(other).send();
        assertEquals(200, byRole.status(), "the PIP gives the role the originator did not name: " + byRole.text());
        Reply noRole = cse.get("/" + box).from(third()).send();
        assertEquals(4103, noRole.rsc(), noRole.text());
        assertTrue(noRole.json().path("m2m:dbg").asText().contains("distributed authorization refused"), noRole.text());
        Reply update = cse.put("/" + box, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(other).send();
        assertEquals(4103, update.rsc(), "the role's rule grants retrieve only: " + update.text());
    }

    @Test
    void ts0003_7_5_2_aPdpOfThisCseDecidesAsThisCseDoesAndDeniesWithAReason() {
        String pdp = create(35, "m2m:auds", "{}");
        String byPdp = acp("[]", "\"adri\":[\"" + pdp + "\"]");
        String box = container(byPdp);

        Reply denied = cse.get("/" + box).from(other).send();
        assertEquals(4103, denied.rsc(), denied.text());
        assertTrue(denied.json().path("m2m:dbg").asText().contains("the PDP " + pdp + " of " + byPdp + " denied retrieve"), denied.text());

        // The PDP decides with what this CSE has: here the roles its PIP gives, which a policy beside names.
        String roleId = "r" + System.nanoTime() + "@keel.example.net";
        assertEquals(201, cse.create("/cse-in", 31, roleJson(roleId, other, -3600, 3600)).send().status());
        String pip = create(37, "m2m:auif", "{}");
        String byRole = acp("[" + rule(roleId, 2) + "]", "\"airi\":[\"" + pip + "\"]");
        Reply relinked = cse.put("/" + box, "{\"m2m:cnt\":{\"acpi\":[\"" + byPdp + "\",\"" + byRole + "\"]}}").from(owner).send();
        assertEquals(200, relinked.status(), relinked.text());
        Reply granted = cse.get("/" + box).from(other).send();
        assertEquals(200, granted.status(), granted.text());
    }

    @Test
    void ts0003_7_5_3_thePoliciesOfAPrpOfThisCseAreMatched() {
        String prp = create(36, "m2m:aupy", "{}");
        String byPrp = acp("[]", "\"apri\":[\"" + prp + "\"]");
        String box = container(byPrp);

        Reply denied = cse.get("/" + box).from(other).send();
        assertEquals(4103, denied.rsc(), denied.text());
        assertTrue(denied.json().path("m2m:dbg").asText().contains("the rules the PRP of " + byPrp + " gave do not grant retrieve"),
                denied.text());
    }

    @Test
    void ts0003_7_5_2_aPdpThatCannotBeReachedDenies() {
        String box = container(acp("[]", "\"adri\":[\"/id-nowhere/cse-x/pdp\",\"cntMissing\"]"));

        Reply denied = cse.get("/" + box).from(other).send();

        assertEquals(4103, denied.rsc(), denied.text());
        String dbg = denied.json().path("m2m:dbg").asText();
        assertTrue(dbg.contains("<authorizationDecision> /id-nowhere/cse-x/pdp answered"), denied.text());
        assertTrue(dbg.contains("cntMissing cannot be reached"), denied.text());
    }

    private String third() {
        return cse.registerAe("C" + OneM2MClient.unique("third"), OneM2MClient.unique("third"));
    }

    private Reply createAcp(String body) {
        return cse.create("/" + owner, 1, body).from(owner).send();
    }

    /** A policy of the owner, managed by it, with these pv rules and the attributes given besides. */
    private String acp(String pvRules, String more) {
        Reply r = createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":" + pvRules + "},\"pvs\":{\"acr\":[" + rule(owner, 63) + "]},"
                + more + "}}");
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:acp").path("ri").asText();
    }

    private String container(String acpi) {
        Reply r = cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acpi + "\"]}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    private static String rule(String originator, int acop) {
        return "{\"acor\":[\"" + originator + "\"],\"acop\":" + acop + "}";
    }

    private static List<String> values(JsonNode list, String sn) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.path(sn).asText()));
        return out;
    }

    private static String roleJson(String roleId, String holder, long nbf, long naf) {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .withZone(java.time.ZoneOffset.UTC);
        return "{\"m2m:rol\":{\"rlid\":\"" + roleId + "\",\"tkis\":\"" + OneM2MClient.ADMIN + "\",\"tkhd\":\"" + holder
                + "\",\"tknb\":\"" + f.format(java.time.Instant.now().plusSeconds(nbf)) + "\",\"tkna\":\""
                + f.format(java.time.Instant.now().plusSeconds(naf)) + "\"}}";
    }

    @Test
    void ts0004_7_4_43_onlyUnderTheCseBase() {
        Reply r = cse.create("/" + owner, 35, "{\"m2m:auds\":{}}").send();
        assertEquals(403, r.status(), r.text());
        assertEquals(4108, r.rsc(), r.text());
    }

    private String create(int ty, String root, String body) {
        Reply r = cse.create("/cse-in", ty, "{\"" + root + "\":" + body + "}").send();
        assertEquals(201, r.status(), r.text());
        JsonNode created = r.json().path(root);
        assertEquals(ty, created.path("ty").asInt());
        assertFalse(created.has("sus"), r.text());
        return created.path("ri").asText();
    }

    private JsonNode update(String ri, String root, String body) {
        Reply r = cse.put("/" + ri, "{\"" + root + "\":" + body + "}").send();
        assertEquals(200, r.status(), r.text());
        return r.json().path(root);
    }

    private static void assertBadRequest(Reply r, String reasonPart) {
        assertEquals(400, r.status(), r.text());
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
    }
}
