package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <group>} (TS-0004 7.4.13) and its fanOutPoint (TS-0004 7.4.14): member rules on create and
 * update, and requests through {@code fopt} answered with {@code m2m:agr}.
 *
 * <p>Each test works under its own AE {@code ae} with two containers {@code c1}, {@code c2} the AE owns.
 */
class GroupIT extends KeelIT {
    private static final CBORMapper CBOR = new CBORMapper();
    private String ae;
    private String c1;
    private String c2;

    @BeforeEach
    void tree() {
        ae = cse.registerAe("C" + OneM2MClient.unique("grp"), OneM2MClient.unique("grpAe"));
        c1 = container("c1");
        c2 = container("c2");
    }

    // ---- the group resource ----

    @Test
    void ts0004_7_4_13_2_1_createRemovesDuplicatesAndMaintainsCnmAndMtv() {
        String c1Structured = cse.get("/" + c1).from(ae).send().json().path("m2m:cnt").path("rn").asText();
        Reply r = createGroup(ae, "\"mt\":3,\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + c2 + "\",\"" + c1 + "\",\"/id-in/" + c1
                + "\",\"cse-in/" + aeName() + "/" + c1Structured + "\"]");
        assertEquals(201, r.status(), r.text());
        JsonNode grp = r.json().path("m2m:grp");
        assertEquals(9, grp.path("ty").asInt());
        assertEquals(List.of(c1, c2), texts(grp.path("mid")));
        assertEquals(2, grp.path("cnm").asInt());
        assertTrue(grp.path("mtv").asBoolean(), r.text());
        assertEquals(3, grp.path("mt").asInt());
        assertEquals(1, grp.path("csy").asInt());
        Reply underCseBase = cse.create("/cse-in", 9, "{\"m2m:grp\":{\"mnm\":1,\"mid\":[\"" + c1 + "\"]}}").send();
        assertEquals(201, underCseBase.status(), underCseBase.text());
        assertEquals(0, underCseBase.json().path("m2m:grp").path("mt").asInt());
    }

    @Test
    void ts0004_7_4_13_2_1_moreMembersThanMnmIs6010() {
        Reply tooMany = createGroup(ae, "\"mnm\":1,\"mid\":[\"" + c1 + "\",\"" + c2 + "\"]");
        assertEquals(400, tooMany.status(), tooMany.text());
        assertEquals(6010, tooMany.rsc());
        String grp = group(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + c2 + "\"]");
        Reply lowered = cse.put("/" + grp, "{\"m2m:grp\":{\"mnm\":1}}").from(ae).send();
        assertEquals(6010, lowered.rsc(), lowered.text());
        Reply third = cse.put("/" + grp, "{\"m2m:grp\":{\"mid\":[\"" + c1 + "\",\"" + c2 + "\",\"" + ae + "\"]}}").from(ae).send();
        assertEquals(6010, third.rsc(), third.text());
        Reply fewer = cse.put("/" + grp, "{\"m2m:grp\":{\"mid\":[\"" + c2 + "\"]}}").from(ae).send();
        assertEquals(200, fewer.status(), fewer.text());
        assertEquals(1, fewer.json().path("m2m:grp").path("cnm").asInt());
    }

    @Test
    void ts0004_7_4_13_2_1_consistencyStrategyDecidesAboutMembersOfAnotherType() {
        String members = "\"mt\":3,\"mnm\":5,\"mid\":[\"" + c1 + "\",\"" + ae + "\"]";
        Reply abandonMember = createGroup(ae, members + ",\"csy\":1");
        assertEquals(201, abandonMember.status(), abandonMember.text());
        assertEquals(List.of(c1), texts(abandonMember.json().path("m2m:grp").path("mid")));
        assertEquals(1, abandonMember.json().path("m2m:grp").path("cnm").asInt());
        Reply abandonGroup = createGroup(ae, members + ",\"csy\":2");
        assertEquals(400, abandonGroup.status(), abandonGroup.text());
        assertEquals(4110, abandonGroup.rsc());
        Reply setMixed = createGroup(ae, members + ",\"csy\":3");
        assertEquals(201, setMixed.status(), setMixed.text());
        assertEquals(0, setMixed.json().path("m2m:grp").path("mt").asInt());
        assertEquals(List.of(c1, ae), texts(setMixed.json().path("m2m:grp").path("mid")));
    }

    @Test
    void ts0004_7_4_13_2_1_membersMustExistAndBeRetrievableByTheOriginator() {
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("stranger"));
        Reply noPrivilege = createGroup(stranger, "\"mnm\":2,\"mid\":[\"" + c1 + "\"]");
        assertEquals(403, noPrivilege.status(), noPrivilege.text());
        assertEquals(5105, noPrivilege.rsc());
        Reply missing = createGroup(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"cnt-none-" + System.nanoTime() + "\"]");
        assertEquals(404, missing.status(), missing.text());
        assertEquals(4004, missing.rsc());
        Reply remote = createGroup(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"/id-mn/cnt7\"]");
        assertEquals(201, remote.status(), remote.text());
        assertFalse(remote.json().path("m2m:grp").path("mtv").asBoolean(), remote.text());
    }

    @Test
    void ts0004_7_4_13_1_unsupportedAndCseSetAttributesAreRefused() {
        Reply ssi = createGroup(ae, "\"mnm\":2,\"mid\":[],\"ssi\":true");
        assertEquals(4000, ssi.rsc(), ssi.text()); // NP: the hosting CSE generates it (TS-0004 table 7.4.13.1-3)
        assertTrue(ssi.json().path("m2m:dbg").asText().contains("ssi"), ssi.text());
        Reply made = createGroup(ae, "\"mnm\":2,\"mid\":[]");
        assertTrue(made.json().path("m2m:grp").path("ssi").asBoolean(), "generated true: sfop serves it " + made.text());
        Reply cnm = createGroup(ae, "\"mnm\":2,\"mid\":[],\"cnm\":0");
        assertEquals(4000, cnm.rsc(), cnm.text());
        Reply noMid = createGroup(ae, "\"mnm\":2");
        assertEquals(4000, noMid.rsc(), noMid.text());
    }

    @Test
    void ts0004_7_4_13_deletingAGroupDeletesItsSubscriptions() {
        String grp = group(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\"]");
        NotificationReceiver receiver = new NotificationReceiver();
        try {
            Reply sub = cse.create("/" + grp, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"],\"enc\":{\"net\":[1,2]},"
                    + "\"su\":\"" + receiver.url("/su") + "\"}}").from(ae).send();
            assertEquals(201, sub.status(), sub.text());
            assertEquals(200, cse.put("/" + grp, "{\"m2m:grp\":{\"gn\":\"team\"}}").from(ae).send().status());
            assertEquals("team", receiver.next().sgn().path("nev").path("rep").path("m2m:grp").path("gn").asText());
            assertEquals(2002, cse.delete("/" + grp).from(ae).send().rsc());
            List<Received> after = List.of(receiver.next(), receiver.next());
            assertTrue(after.stream().anyMatch(n -> n.sgn().path("sud").asBoolean()), after.toString());
            assertTrue(after.stream().anyMatch(n -> n.sgn().path("nev").path("net").asInt() == 2), after.toString());
            String subRi = sub.json().path("m2m:sub").path("ri").asText();
            assertEquals(4004, cse.get("/" + subRi).from(ae).send().rsc());
        } finally {
            receiver.close();
        }
    }

    // ---- fanOutPoint ----

    @Test
    void ts0004_7_4_14_2_5_retrieveAggregatesEachMembersOwnAnswer() {
        String reader = cse.registerAe("C" + OneM2MClient.unique("reader"), OneM2MClient.unique("reader"));
        String readable = acp("[\"" + reader + "\"]", 2);
        setAcpi(c1, readable);
        String grp = group(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + c2 + "\"]");
        setAcpi(grp, readable); // reader may retrieve through fopt, and c1 — but not c2, which only ae may read
        Reply r = cse.get("/" + grp + "/fopt").from(reader).send();
        assertEquals(200, r.status(), r.text());
        assertEquals(2000, r.rsc());
        Map<String, JsonNode> byMember = byMember(r.json());
        assertEquals(2000, byMember.get(c1).path("rsc").asInt(), r.text());
        assertEquals(c1, byMember.get(c1).path("pc").path("m2m:cnt").path("ri").asText());
        assertEquals(r.header("X-M2M-RI"), byMember.get(c1).path("rqi").asText());
        assertEquals(4103, byMember.get(c2).path("rsc").asInt(), r.text());
        String outsider = cse.registerAe("C" + OneM2MClient.unique("outsider"), OneM2MClient.unique("outsider"));
        Reply denied = cse.get("/" + grp + "/fopt").from(outsider).send();
        assertEquals(403, denied.status(), denied.text());
        assertEquals(4103, denied.rsc());
    }

    @Test
    void ts0004_7_4_14_3_3_macpRatherThanAcpiGovernsTheFanOutPoint() {
        String reader = cse.registerAe("C" + OneM2MClient.unique("reader"), OneM2MClient.unique("reader"));
        String readable = acp("[\"" + reader + "\"]", 2);
        setAcpi(c1, readable);
        String grp = group(ae, "\"mnm\":1,\"mid\":[\"" + c1 + "\"],\"macp\":[\"" + readable + "\"]");
        assertEquals(403, cse.get("/" + grp).from(reader).send().status()); // no acpi: the group is ae's alone
        Reply r = cse.get("/" + grp + "/fopt").from(reader).send();
        assertEquals(200, r.status(), r.text());
        assertEquals(2000, byMember(r.json()).get(c1).path("rsc").asInt(), r.text());
    }

    @Test
    void ts0004_7_4_14_3_2_createIntoEveryMemberAndReadThemBackThroughARelativePath() {
        String grp = group(ae, "\"mt\":3,\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + c2 + "\"]");
        Reply created = cse.create("/" + grp + "/fopt", 4, "{\"m2m:cin\":{\"con\":\"all\"}}").from(ae).send();
        assertEquals(200, created.status(), created.text());
        assertEquals(2000, created.rsc());
        Map<String, JsonNode> byMember = byMember(created.json());
        for (String c : List.of(c1, c2)) {
            assertEquals(2001, byMember.get(c).path("rsc").asInt(), created.text());
            assertEquals(1, cse.get("/" + c).from(ae).send().json().path("m2m:cnt").path("cni").asInt());
        }
        Reply latest = cse.get("/" + grp + "/fopt/la").from(ae).send();
        assertEquals(200, latest.status(), latest.text());
        Map<String, JsonNode> la = byMember(latest.json());
        for (String c : List.of(c1, c2)) {
            assertEquals(2000, la.get(c).path("rsc").asInt(), latest.text());
            assertEquals("all", la.get(c).path("pc").path("m2m:cin").path("con").asText());
            assertEquals(c, la.get(c).path("pc").path("m2m:cin").path("pi").asText());
        }
        Reply wrongType = cse.create("/" + grp + "/fopt", 2, "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}").from(ae).send();
        assertEquals(403, wrongType.status(), wrongType.text());
        assertEquals(4108, wrongType.rsc());
    }

    /** The group's mt says what its members are; what fopt/<path> creates is created below them, which mt does not say. */
    @Test
    void ts0004_7_4_14_2_1_aCreateBelowFoptIsCheckedByWhatThePathAddressesNotByTheMemberType() {
        String grp = group(ae, "\"mt\":2,\"mnm\":1,\"mid\":[\"" + ae + "\"]");
        String box = cse.get("/" + c1).from(ae).send().json().path("m2m:cnt").path("rn").asText();
        Reply created = cse.create("/" + grp + "/fopt/" + box, 4, "{\"m2m:cin\":{\"con\":\"21\"}}").from(ae).send();
        assertEquals(200, created.status(), created.text());
        assertEquals(2001, byMember(created.json()).get(ae).path("rsc").asInt(), created.text());
        assertEquals(1, cse.get("/" + c1).from(ae).send().json().path("m2m:cnt").path("cni").asInt());
        Reply direct = cse.create("/" + grp + "/fopt", 4, "{\"m2m:cin\":{\"con\":\"21\"}}").from(ae).send();
        assertEquals(4108, direct.rsc(), direct.text());
    }

    /** A member deleted from this CSE leaves mid and cnm drops, so a fan-out never addresses it (TS-0004 7.4.13.1). */
    @Test
    void ts0004_7_4_13_1_aDeletedMemberLeavesTheGroup() {
        String c2Structured = "cse-in/" + aeName() + "/" + cse.get("/" + c2).from(ae).send().json().path("m2m:cnt").path("rn").asText();
        String grp = group(ae, "\"mnm\":3,\"mid\":[\"" + c1 + "\",\"" + c2Structured + "\",\"/id-mn/far\"]");
        assertEquals(200, cse.delete("/" + c1).from(ae).send().status());
        JsonNode after = cse.get("/" + grp).from(ae).send().json().path("m2m:grp");
        assertEquals("[\"" + c2Structured + "\",\"/id-mn/far\"]", after.path("mid").toString());
        assertEquals(2, after.path("cnm").asInt());
        Reply fanned = cse.get("/" + grp + "/fopt").from(ae).send();
        Map<String, JsonNode> byMember = byMember(fanned.json());
        assertEquals(2000, byMember.get(c2Structured).path("rsc").asInt(), fanned.text());
        assertEquals(false, byMember.containsKey(c1), fanned.text());
        assertEquals(200, cse.delete("/" + c2Structured).from(ae).send().status());
        assertEquals("[\"/id-mn/far\"]", cse.get("/" + grp).from(ae).send().json().path("m2m:grp").path("mid").toString());
    }

    @Test
    void ts0004_7_4_14_2_4_anEmptyGroupIs4109() {
        String grp = group(ae, "\"mnm\":2,\"mid\":[]");
        Reply r = cse.get("/" + grp + "/fopt").from(ae).send();
        assertEquals(403, r.status(), r.text());
        assertEquals(4109, r.rsc());
    }

    /**
     * Two groups that are members of each other: without loop detection {@code g1/fopt/fopt/…} would multiply by two at
     * every fopt (2^12 member requests here). The members' requests carry the fan-out's X-M2M-GID, and a fanOutPoint
     * they reach again answers 4104.
     */
    @Test
    void ts0001_10_2_7_1_aFanOutReachingAFanOutPointAgainIs4104() {
        String g1 = group(ae, "\"mnm\":2,\"mid\":[]");
        String g2 = group(ae, "\"mnm\":2,\"mid\":[\"" + g1 + "\"]");
        Reply update = cse.put("/" + g1, "{\"m2m:grp\":{\"mid\":[\"" + g1 + "\",\"" + g2 + "\"]}}").from(ae).send();
        assertEquals(200, update.status(), update.text());
        Reply r = cse.get("/" + g1 + "/fopt" + "/fopt".repeat(12)).from(ae).send();
        assertEquals(200, r.status(), r.text());
        Map<String, JsonNode> byMember = byMember(r.json());
        assertEquals(Set.of(g1, g2), byMember.keySet(), r.text());
        for (JsonNode rsp : byMember.values()) {
            assertEquals(4104, rsp.path("rsc").asInt(), r.text());
        }
        // The same group request identifier from the originator while nothing is under way is just a fan-out.
        Reply once = cse.get("/" + g1 + "/fopt").from(ae).header("X-M2M-GID", "gid-it").send();
        assertEquals(2000, byMember(once.json()).get(g2).path("rsc").asInt(), once.text());
    }

    @Test
    void ts0004_7_4_14_2_4_aDeletedMemberIsNoLongerAddressed() {
        String grp = group(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + c2 + "\"]");
        assertEquals(2002, cse.delete("/" + c2).from(ae).send().rsc());
        Reply r = cse.get("/" + grp + "/fopt").from(ae).send();
        assertEquals(200, r.status(), r.text());
        Map<String, JsonNode> byMember = byMember(r.json());
        assertEquals(2000, byMember.get(c1).path("rsc").asInt(), r.text());
        assertEquals(1, byMember.size(), "the deleted member left the group: " + r.text());
    }

    @Test
    void ts0004_7_4_14_2_5_membersNotAnsweredBeforeTheRequestExpiresAreLeftOutAndNoneIs5209() {
        // A Notify to an AE with a pollingChannel waits for the AE's answer (keel.notification.timeout, 5 s), which this
        // AE never polls for; a container takes no Notify and answers at once.
        Reply pch = cse.create("/" + ae, 15, "{\"m2m:pch\":{}}").from(ae).send();
        assertEquals(201, pch.status(), pch.text());
        String notification = "{\"m2m:sgn\":{\"sur\":\"/id-in/elsewhere\",\"nev\":{\"net\":1,\"rep\":{}}}}";
        String grp = group(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + ae + "\"]");
        long started = System.nanoTime();
        Reply partial = cse.method("POST", "/" + grp + "/fopt").from(ae).header("X-M2M-RET", "1000").json(notification).send();
        assertTrue(System.nanoTime() - started < 4_000_000_000L, "waited for the AE's answer");
        assertEquals(200, partial.status(), partial.text());
        Map<String, JsonNode> byMember = byMember(partial.json());
        assertEquals(List.of(c1), List.copyOf(byMember.keySet()), partial.text());
        assertEquals(4005, byMember.get(c1).path("rsc").asInt());
        String waiting = group(ae, "\"mnm\":1,\"mid\":[\"" + ae + "\"]");
        Reply none = cse.method("POST", "/" + waiting + "/fopt").from(ae).header("X-M2M-RET", "1000").json(notification).send();
        assertEquals(500, none.status(), none.text());
        assertEquals(5209, none.rsc());
    }

    @Test
    void ts0004_8_3_theAggregatedResponseInXmlAndCbor() throws Exception {
        String grp = group(ae, "\"mnm\":2,\"mid\":[\"" + c1 + "\",\"" + c2 + "\"]");
        Reply xml = cse.get("/" + grp + "/fopt").from(ae).header("Accept", "application/xml").send();
        assertEquals(200, xml.status(), xml.text());
        String body = xml.text();
        assertTrue(body.contains("<m2m:agr"), body);
        assertEquals(2, body.split("<m2m:rsp>", -1).length - 1, body);
        assertTrue(body.contains("<fr>" + c1 + "</fr>") && body.contains("<fr>" + c2 + "</fr>"), body);
        assertTrue(body.contains("<rsc>2000</rsc>"), body);
        Reply cbor = cse.get("/" + grp + "/fopt").from(ae).header("Accept", "application/cbor").send();
        assertEquals(200, cbor.status(), cbor.text());
        JsonNode agr = CBOR.readTree(cbor.response().body());
        assertEquals(2, agr.path("m2m:agr").path("m2m:rsp").size(), agr.toString());
        assertEquals(2000, agr.path("m2m:agr").path("m2m:rsp").get(0).path("rsc").asInt());
    }

    // ---- helpers ----

    private String container(String rn) {
        Reply r = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    private Reply createGroup(String parent, String attributes) {
        return cse.create("/" + parent, 9, "{\"m2m:grp\":{" + attributes + "}}").from(parent).send();
    }

    private String group(String parent, String attributes) {
        Reply r = createGroup(parent, attributes);
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:grp").path("ri").asText();
    }

    /** A policy under ae granting acor the acop; ae may do everything and manage it. */
    private String acp(String acor, int acop) {
        Reply r = cse.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":" + acor + ",\"acop\":" + acop
                + "},{\"acor\":[\"" + ae + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63}]}}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:acp").path("ri").asText();
    }

    private void setAcpi(String ri, String acp) {
        String root = cse.get("/" + ri).from(ae).send().json().fieldNames().next();
        Reply r = cse.put("/" + ri, "{\"" + root + "\":{\"acpi\":[\"" + acp + "\"]}}").from(ae).send();
        assertEquals(200, r.status(), r.text());
    }

    private String aeName() {
        return cse.get("/" + ae).from(ae).send().json().path("m2m:ae").path("rn").asText();
    }

    /** The m2m:rsp of an m2m:agr by their fr (the member). */
    private static Map<String, JsonNode> byMember(JsonNode body) {
        Map<String, JsonNode> out = new HashMap<>();
        body.path("m2m:agr").path("m2m:rsp").forEach(rsp -> out.put(rsp.path("fr").asText(), rsp));
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
