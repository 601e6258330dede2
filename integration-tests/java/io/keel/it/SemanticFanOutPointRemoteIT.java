package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code <semanticFanOutPoint>} (TS-0004 7.4.35.2.2) with members on another CSE, links between descriptors of the two
 * CSEs (relatedSemantics and m2m:resourceDescriptorLink in discovery and queries, TS-0004 7.3.3.18, 7.3.3.19.1) and
 * validation against an ontology announced to the IN (7.4.34.2.1, 7.4.47), between two Keel processes over real HTTP
 * (an IN-CSE and an MN-CSE registered with it): a sensor described on the IN, a lamp on the MN, one group on the IN;
 * a member whose CSE cannot be reached, on an MN-CSE of its own whose registrar is down. One CSE pair serves every
 * case that needs another CSE, to keep the Keel processes an IT run starts few.
 */
class SemanticFanOutPointRemoteIT extends TwoCsesIT {
    private static final String EX = "http://example.org/building#";
    private static final String IN_B = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?device ex:locatedIn ex:BuildingB }"
            + " ORDER BY ?device";
    private static final String JOIN = "PREFIX ex: <" + EX + "> ASK { ?t a ex:TemperatureSensor ; ex:locatedIn ?b ."
            + " ?l a ex:Light ; ex:locatedIn ?b }";

    @BeforeAll
    static void startTwoCses() {
        startCses("keel-sfop-remote");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** TS-0009 6.2.2.2: a raw '+' separates list items, so spaces go as %20. */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A container on {@code at} with a Turtle descriptor {@code desc}, both governed by a policy giving
     * {@code originator} every operation; the container's ri.
     */
    private static String described(OneM2MClient at, String cseName, String rn, String turtle, String originator, String extra) {
        Reply acp = send(at.create("/" + cseName, 1, "{\"m2m:acp\":{\"rn\":\"acp-" + rn + "\",\"pv\":{\"acr\":[{\"acor\":[\""
                + originator + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}"));
        assertEquals(201, acp.status(), acp.text());
        String acpi = "\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText() + "\"]";
        Reply cnt = send(at.create("/" + cseName, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"," + acpi + "}}"));
        assertEquals(201, cnt.status(), cnt.text());
        Reply smd = send(at.create("/" + cseName + "/" + rn, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64("@prefix ex: <" + EX + "> .\n" + turtle + "\n") + "\"," + acpi + extra + "}}"));
        assertEquals(201, smd.status(), smd.text());
        return cnt.json().path("m2m:cnt").path("ri").asText();
    }

    /** A lamp in building B on the MN, reachable from the IN; its SP-relative structured address. */
    private static String farLamp() {
        String name = OneM2MClient.unique("lamp");
        described(atMn, "cse-mn", name, "ex:" + name + " a ex:Light ; ex:locatedIn ex:BuildingB .", "/id-in/CAdmin", "");
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-mn/cse-mn/" + name)).rsc() == 2000,
                "the IN reaches the MN");
        return "/id-mn/cse-mn/" + name;
    }

    private static String group(OneM2MClient at, String cseName, List<String> members) {
        String rn = OneM2MClient.unique("grp");
        String mid = String.join(",", members.stream().map(m -> "\"" + m + "\"").toList());
        Reply r = send(at.create("/" + cseName, 9, "{\"m2m:grp\":{\"rn\":\"" + rn + "\",\"mnm\":5,\"mid\":[" + mid + "]}}"));
        assertEquals(201, r.status(), r.text());
        assertTrue(r.json().path("m2m:grp").path("ssi").asBoolean(), r.text());
        return cseName + "/" + rn;
    }

    private static List<String> uris(Reply r) {
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode result(Reply r) {
        assertEquals(200, r.status(), r.text());
        try {
            return new ObjectMapper().readTree(r.json().path("m2m:qres").asText());
        } catch (IOException e) {
            throw new AssertionError("m2m:qres is no JSON: " + r.text(), e);
        }
    }

    private static List<String> devices(Reply r) {
        List<String> out = new ArrayList<>();
        result(r).path("results").path("bindings").forEach(b -> out.add(b.path("device").path("value").asText()));
        return out;
    }

    @Test
    void ts0004_7_4_35_2_2_discoveryThroughSfopAsksTheMembersOnTheirCses() {
        String sensor = OneM2MClient.unique("sensor");
        String near = described(atIn, "cse-in", sensor, "ex:" + sensor + " a ex:TemperatureSensor ; ex:locatedIn ex:BuildingB .",
                "CAdmin", "");
        String lamp = farLamp();
        String group = group(atIn, "cse-in", List.of(near, lamp));
        Reply found = send(atIn.get("/" + group + "/sfop?fu=1&smf=" + enc(IN_B)));
        assertEquals(List.of("cse-in/" + sensor, lamp), uris(found), "the member here, then the one on the MN, SP-relative");
        assertEquals(null, found.header("X-M2M-CTS"), "every member answered: " + found.text());
        String lights = "PREFIX ex: <" + EX + "> ASK { ?l a ex:Light }";
        assertEquals(List.of(lamp), uris(send(atIn.get("/" + group + "/sfop?fu=1&smf=" + enc(lights)))));
        Reply second = send(atIn.get("/" + group + "/sfop?fu=1&lim=1&ofst=2&smf=" + enc(IN_B)));
        assertEquals(List.of(lamp), uris(second), "ofst and lim page through the joined list");
    }

    @Test
    void ts0004_7_4_35_2_2_aQueryThroughSfopJoinsTheDescriptorsOfMembersOnBothCses() {
        String sensor = OneM2MClient.unique("sensor");
        String near = described(atIn, "cse-in", sensor, "ex:" + sensor + " a ex:TemperatureSensor ; ex:locatedIn ex:BuildingB .",
                "CAdmin", "");
        String lamp = farLamp();
        String group = group(atIn, "cse-in", List.of(near, lamp));
        assertTrue(result(send(atIn.get("/" + group + "/sfop?sqi=true&smf=" + enc(JOIN)))).path("boolean").asBoolean(),
                "one pattern joins the sensor's triples (IN) and the lamp's (MN)");
        List<String> all = devices(send(atIn.get("/" + group + "/sfop?sqi=true&smf=" + enc(IN_B))));
        assertEquals(List.of(EX + lamp.substring(lamp.lastIndexOf('/') + 1), EX + sensor).stream().sorted().toList(), all);
        String nearOnly = group(atIn, "cse-in", List.of(near));
        assertTrue(!result(send(atIn.get("/" + nearOnly + "/sfop?sqi=true&smf=" + enc(JOIN)))).path("boolean").asBoolean(),
                "without the MN's member there is no light");
    }

    @Test
    void ts0004_7_4_35_2_2_theMembersCseJudgesTheOriginator() {
        String name = OneM2MClient.unique("closed");
        described(atMn, "cse-mn", name, "ex:" + name + " a ex:Light ; ex:locatedIn ex:BuildingB .", "/id-in/Csomeone", "");
        String closed = "/id-mn/cse-mn/" + name;
        String group = group(atIn, "cse-in", List.of(closed));
        assertEquals(List.of(), uris(send(atIn.get("/" + group + "/sfop?fu=1&smf=" + enc(IN_B)))),
                "the MN's policy does not let /id-in/CAdmin discover it");
        assertEquals(List.of(), devices(send(atIn.get("/" + group + "/sfop?sqi=true&smf=" + enc(IN_B)))));
    }

    @Test
    void ts0004_7_3_3_19_1_relatedSemanticsMayNameADescriptorOnAnotherCse() {
        String lamp = farLamp();
        String room = OneM2MClient.unique("room");
        described(atIn, "cse-in", room, "ex:" + room + " ex:contains ex:" + lamp.substring(lamp.lastIndexOf('/') + 1) + " .",
                "CAdmin", ",\"rels\":[\"" + lamp + "/desc\"]");
        String lit = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?r ex:contains ?device . ?device a ex:Light }";
        List<String> found = devices(send(atIn.get("/cse-in/" + room + "?sqi=true&smf=" + enc(lit))));
        assertEquals(List.of(EX + lamp.substring(lamp.lastIndexOf('/') + 1)), found, "the lamp's type is in the MN's descriptor");
    }

    /**
     * An MN-CSE whose registrar is down reaches no member elsewhere, nor a linked descriptor elsewhere (TS-0004
     * 7.3.3.18): discovery is partial, a query 5103.
     */
    @Test
    void ts0004_7_4_35_2_2_and_7_3_3_18_anUnreachableMemberOrLinkMakesDiscoveryPartialAndAQueryFail() throws Exception {
        Path dir = Files.createTempDirectory("keel-sfop-lonely");
        String token = "lonely-" + System.nanoTime();
        Files.writeString(dir.resolve("credentials"), "bearer sha256:" + Credentials.sha256(token) + " C*\n");
        try (KeelProcess lonely = CseEnv.of(dir, "id-lonely", "cse-mn", "MN").port(KeelProcess.freePort())
                .credentials(dir.resolve("credentials")).registrar("http://127.0.0.1:" + KeelProcess.freePort(), "id-up", "cse-up",
                        "Bearer " + token).set("KEEL_FORWARDING_TIMEOUT", "3000").start()) {
            OneM2MClient at = new OneM2MClient(lonely.base());
            String sensor = OneM2MClient.unique("sensor");
            Reply cnt = at.create("/cse-mn", 3, "{\"m2m:cnt\":{\"rn\":\"" + sensor + "\"}}").header("Authorization", "Bearer " + token).send();
            assertEquals(201, cnt.status(), cnt.text());
            Reply smd = at.create("/cse-mn/" + sensor, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\"" + b64("@prefix ex: <"
                    + EX + "> .\nex:" + sensor + " a ex:TemperatureSensor ; ex:locatedIn ex:BuildingB .\n") + "\"}}")
                    .header("Authorization", "Bearer " + token).send();
            assertEquals(201, smd.status(), smd.text());
            Reply grp = at.create("/cse-mn", 9, "{\"m2m:grp\":{\"rn\":\"g\",\"mnm\":5,\"mid\":[\""
                    + cnt.json().path("m2m:cnt").path("ri").asText() + "\",\"/id-far/cse-far/x\"]}}")
                    .header("Authorization", "Bearer " + token).send();
            assertEquals(201, grp.status(), grp.text());

            Reply found = at.get("/cse-mn/g/sfop?fu=1&smf=" + enc(IN_B)).header("Authorization", "Bearer " + token).send();
            assertEquals(List.of("cse-mn/" + sensor), uris(found), "what the reachable members have");
            assertEquals("1", found.header("X-M2M-CTS"), "partial: the member elsewhere may have matches " + found.text());
            Reply query = at.get("/cse-mn/g/sfop?sqi=true&smf=" + enc(IN_B)).header("Authorization", "Bearer " + token).send();
            assertEquals(5103, query.rsc(), query.text());
            assertTrue(query.json().path("m2m:dbg").asText().contains("/id-far/cse-far/x"), query.text());

            Reply room = at.create("/cse-mn", 3, "{\"m2m:cnt\":{\"rn\":\"room\"}}").header("Authorization", "Bearer " + token).send();
            assertEquals(201, room.status(), room.text());
            Reply linking = at.create("/cse-mn/room", 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\"" + b64("@prefix ex: <"
                    + EX + "> .\nex:room ex:contains ex:lamp .\n") + "\",\"rels\":[\"/id-far/cse-far/lamp/desc\"]}}")
                    .header("Authorization", "Bearer " + token).send();
            assertEquals(201, linking.status(), linking.text());
            Reply partial = at.get("/cse-mn?fu=1&smf=" + enc(LIT)).header("Authorization", "Bearer " + token).send();
            assertEquals(List.of(), uris(partial), partial.text());
            assertEquals("1", partial.header("X-M2M-CTS"), "the linked descriptor might have matched: partial " + partial.text());
            Reply linkedQuery = at.get("/cse-mn/room?sqi=true&smf=" + enc(LIT)).header("Authorization", "Bearer " + token).send();
            assertEquals(5103, linkedQuery.rsc(), "a query over part of its data basis would give a wrong answer: " + linkedQuery.text());
            assertTrue(linkedQuery.json().path("m2m:dbg").asText().contains("/id-far/cse-far/lamp/desc"), linkedQuery.text());
        }
    }

    // --- links to descriptors of the other CSE (TS-0004 7.3.3.18) ----------------------------------------------

    private static final String M2M_LINK = "<http://www.onem2m.org/ontology/Base_Ontology/base_ontology#resourceDescriptorLink>";
    private static final String LIT = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?r ex:contains ?device . ?device a ex:Light }";

    private static String name(String address) {
        return address.substring(address.lastIndexOf('/') + 1);
    }

    @Test
    void ts0004_7_3_3_18_2_discoveryJoinsADescriptorOnAnotherCseThatRelatedSemanticsNames() {
        String lamp = farLamp();
        String room = OneM2MClient.unique("room");
        String roomRi = described(atIn, "cse-in", room, "ex:" + room + " ex:contains ex:" + name(lamp) + " .", "CAdmin",
                ",\"rels\":[\"" + lamp + "/desc\"]");
        Reply found = send(atIn.get("/cse-in?fu=1&smf=" + enc(LIT)));
        assertTrue(uris(found).contains("cse-in/" + room), "the lamp's type is in the MN's descriptor only: " + found.text());
        assertEquals(null, found.header("X-M2M-CTS"), "the MN answered: " + found.text());
        String group = group(atIn, "cse-in", List.of(roomRi));
        assertEquals(List.of("cse-in/" + room), uris(send(atIn.get("/" + group + "/sfop?fu=1&smf=" + enc(LIT)))),
                "through sfop, a member here is matched with the MN's descriptor its own links (TS-0004 7.4.35.2.2)");
    }

    @Test
    void ts0004_7_3_3_18_1_discoveryAndQueryFollowResourceDescriptorLinkToTheOtherCseAndBack() {
        String id = OneM2MClient.unique("chain");
        // IN: the sensor's room -> MN: the room's floor -> IN: the floor's building -> (back to the sensor: a cycle).
        String sensorDesc = "/id-in/cse-in/" + id + "s/desc";
        String buildingDesc = "/id-in/cse-in/" + id + "b/desc";
        described(atMn, "cse-mn", id + "f", "ex:" + id + "room ex:on ex:" + id + "floor .\nex:x " + M2M_LINK + " \"" + buildingDesc
                + "\" .", "/id-in/CAdmin", "");
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-mn/cse-mn/" + id + "f/desc")).rsc() == 2000,
                "the IN reaches the MN");
        described(atIn, "cse-in", id + "b", "ex:" + id + "floor ex:partOf ex:BuildingB .\nex:x " + M2M_LINK + " \"" + sensorDesc
                + "\" .", "CAdmin", "");
        described(atIn, "cse-in", id + "s", "ex:" + id + "sensor ex:locatedIn ex:" + id + "room .\nex:x " + M2M_LINK
                + " \"/id-mn/cse-mn/" + id + "f/desc\" .", "CAdmin", "");
        String inB = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?device ex:locatedIn ?r . ?r ex:on ?f ."
                + " ?f ex:partOf ex:BuildingB }";
        assertEquals(List.of("cse-in/" + id + "b", "cse-in/" + id + "s"), uris(send(atIn.get("/cse-in?fu=1&smf=" + enc(inB)))),
                "the sensor's descriptor joined with the MN's, and with the IN's the MN's links; the building's joined with the"
                        + " sensor's it links (and so the MN's)");
        assertEquals(List.of(EX + id + "sensor"), devices(send(atIn.get("/cse-in/" + id + "s?sqi=true&smf=" + enc(inB)))),
                "the same graph answers a query below the sensor");
    }

    @Test
    void ts0004_7_4_35_2_2_theLinksOfARemoteMembersDescriptorsAreFollowed() {
        String lamp = farLamp();
        String room = OneM2MClient.unique("room");
        described(atMn, "cse-mn", room, "ex:" + room + " ex:contains ex:" + name(lamp) + " .", "/id-in/CAdmin",
                ",\"rels\":[\"cse-mn/" + name(lamp) + "/desc\"]");
        String group = group(atIn, "cse-in", List.of("/id-mn/cse-mn/" + room));
        assertEquals(List.of(EX + name(lamp)), devices(send(atIn.get("/" + group + "/sfop?sqi=true&smf=" + enc(LIT)))),
                "the lamp is no member: its type comes through the member's relatedSemantics, read from the MN's view");
    }

    @Test
    void ts0004_7_4_34_2_1_aDescriptorIsValidatedAgainstAnOntologyAnnouncedToItsCse() {
        String repo = repositoryOnMn();
        String id = OneM2MClient.unique("onto");
        String iri = "http://example.org/" + id;
        String owl = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix ex: <" + EX + "> .\n<" + iri + "> a owl:Ontology .\n"
                + "ex:Light a owl:Class .\nex:Room a owl:Class .\nex:locatedIn a owl:ObjectProperty .\n";
        Reply ont = send(atMn.create("/cse-mn/" + repo, 39, "{\"m2m:ont\":{\"rn\":\"" + id + "\",\"ontf\":5,\"ontc\":\"" + b64(owl)
                + "\",\"at\":[\"/id-in\"],\"aa\":[\"ontf\",\"ontc\"],\"acpi\":[\"" + mnRepositoryAcp + "\"]}}"));
        assertEquals(201, ont.status(), ont.text());
        Eventually.holds(Duration.ofSeconds(60), () -> send(atMn.get("/cse-mn/" + repo + "/" + id)).json().path("m2m:ont").path("at")
                .toString().contains("/id-in/"), "the ontology is announced to the IN");
        Reply cnt = send(atIn.create("/cse-in", 3, "{\"m2m:cnt\":{\"rn\":\"" + id + "\"}}"));
        assertEquals(201, cnt.status(), cnt.text());
        Reply valid = send(atIn.create("/cse-in/" + id, 24, "{\"m2m:smd\":{\"rn\":\"ok\",\"dcrp\":5,\"dsp\":\"" + b64("@prefix ex: <"
                + EX + "> .\nex:l a ex:Light ; ex:locatedIn ex:r .\n") + "\",\"or\":\"" + iri + "\",\"vlde\":true}}"));
        assertEquals(201, valid.status(), "the IN validates against the announced copy: " + valid.text());
        assertTrue(valid.json().path("m2m:smd").path("svd").asBoolean(), valid.text());
        Reply invalid = send(atIn.create("/cse-in/" + id, 24, "{\"m2m:smd\":{\"rn\":\"bad\",\"dcrp\":5,\"dsp\":\"" + b64("@prefix ex: <"
                + EX + "> .\nex:l a ex:Toaster .\n") + "\",\"or\":\"" + iri + "\",\"vlde\":true}}"));
        assertEquals(4120, invalid.rsc(), invalid.text());
        assertTrue(invalid.json().path("m2m:dbg").asText().contains("Toaster"), invalid.text());

        // TS-0004 7.4.34.2.1 c: linking the MN's lamp, it goes to the original's repository (lnk: the ontology's ri on the
        // MN, retrieved by the IN for its parent) and is validated there.
        String lamp = lampForValidation();
        Reply linked = send(atIn.create("/cse-in/" + id, 24, "{\"m2m:smd\":{\"rn\":\"linked\",\"dcrp\":5,\"dsp\":\""
                + b64("@prefix ex: <" + EX + "> .\nex:l a ex:Light ; ex:locatedIn ex:r .\n") + "\",\"or\":\"" + iri
                + "\",\"vlde\":true,\"rels\":[\"" + lamp + "\"]}}"));
        assertEquals(201, linked.status(), linked.text());
        assertTrue(linked.json().path("m2m:smd").path("svd").asBoolean(), linked.text());
    }

    // --- validation through the semanticValidation of another CSE (TS-0004 7.4.34.2.1 c) --------------------------

    /** A CSE has one ontologyRepository (TS-0004 7.4.46): the MN's, made once, announced to the IN. */
    private static String mnRepository;
    /** The policy of the MN's repository, which its ontologies may name too. */
    private static String mnRepositoryAcp;

    /**
     * The MN's ontologyRepository, whose policy lets the IN (as itself: it validates there) and CAdmin do anything,
     * announced to the IN; its name.
     */
    private static synchronized String repositoryOnMn() {
        if (mnRepository == null) {
            Eventually.holds(Duration.ofSeconds(60), () -> send(atMn.get("/cse-mn/id-in")).status() == 200, "the MN registered with the IN");
            String id = OneM2MClient.unique("repo");
            Reply acp = send(atMn.create("/cse-mn", 1, "{\"m2m:acp\":{\"rn\":\"acp-" + id + "\",\"pv\":{\"acr\":[{\"acor\":[\"/id-in\","
                    + "\"CAdmin\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}"));
            assertEquals(201, acp.status(), acp.text());
            Reply repo = send(atMn.create("/cse-mn", 38, "{\"m2m:ontr\":{\"rn\":\"" + id + "\",\"acpi\":[\""
                    + acp.json().path("m2m:acp").path("ri").asText() + "\"],\"at\":[\"/id-in\"]}}"));
            assertEquals(201, repo.status(), repo.text());
            mnRepository = id;
            mnRepositoryAcp = acp.json().path("m2m:acp").path("ri").asText();
        }
        return mnRepository;
    }

    /** An ontology in the MN's repository; its SP-relative structured address. */
    private static String ontologyOnMn() {
        String repo = repositoryOnMn();
        String id = OneM2MClient.unique("onto");
        String owl = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix ex: <" + EX + "> .\n<http://example.org/" + id
                + "> a owl:Ontology .\nex:Light a owl:Class .\nex:Room a owl:Class .\nex:locatedIn a owl:ObjectProperty .\n"
                + "ex:contains a owl:ObjectProperty .\n";
        Reply ont = send(atMn.create("/cse-mn/" + repo, 39, "{\"m2m:ont\":{\"rn\":\"" + id + "\",\"ontf\":5,\"ontc\":\"" + b64(owl)
                + "\"}}"));
        assertEquals(201, ont.status(), ont.text());
        return "/id-mn/cse-mn/" + repo + "/" + id;
    }

    /** A lamp on the MN that the IN, as itself, and its CAdmin may read; its descriptor's SP-relative address. */
    private static String lampForValidation() {
        String name = OneM2MClient.unique("vlamp");
        described(atMn, "cse-mn", name, "ex:" + name + " a ex:Light ; ex:locatedIn ex:BuildingB .", "/id-in/CAdmin\",\"/id-in", "");
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-mn/cse-mn/" + name)).rsc() == 2000,
                "the IN reaches the MN");
        return "/id-mn/cse-mn/" + name + "/desc";
    }

    private static Reply createDescriptor(String cnt, String rn, String turtle, String or, String lamp) {
        return send(atIn.create("/cse-in/" + cnt, 24, "{\"m2m:smd\":{\"rn\":\"" + rn + "\",\"dcrp\":5,\"dsp\":\""
                + b64("@prefix ex: <" + EX + "> .\n" + turtle + "\n") + "\",\"or\":\"" + or + "\",\"vlde\":true,\"rels\":[\""
                + lamp + "\"]}}"));
    }

    private static String container() {
        String cnt = OneM2MClient.unique("vroom");
        Reply r = send(atIn.create("/cse-in", 3, "{\"m2m:cnt\":{\"rn\":\"" + cnt + "\"}}"));
        assertEquals(201, r.status(), r.text());
        return cnt;
    }

    @Test
    void ts0004_7_4_34_2_1_c_aDescriptorLinkingOneOnAnotherCseIsValidatedByTheSemanticValidationThere() {
        String or = ontologyOnMn();
        String lamp = lampForValidation();
        String cnt = container();
        String lampName = lamp.split("/")[3];
        Reply valid = createDescriptor(cnt, "ok", "ex:room a ex:Room ; ex:contains ex:" + lampName + " .", or, lamp);
        assertEquals(201, valid.status(), "the MN's smv validated it with the lamp's triples: " + valid.text());
        assertTrue(valid.json().path("m2m:smd").path("svd").asBoolean(), "step k: svd from the result " + valid.text());

        Reply invalid = createDescriptor(cnt, "bad", "ex:room a ex:Toaster ; ex:contains ex:" + lampName + " .", or, lamp);
        assertEquals(4120, invalid.rsc(), "INVALID_SEMANTICS, as the MN answered: " + invalid.text());
        assertTrue(invalid.json().path("m2m:dbg").asText().contains("Toaster"), invalid.text());
        assertEquals(4004, send(atIn.get("/cse-in/" + cnt + "/bad")).rsc(), "nothing stored");

        Reply far = createDescriptor(cnt, "far", "ex:room a ex:Room .", "/id-far/cse-far/repo/o", lamp);
        assertEquals(5103, far.rsc(), "no CSE hosts that ontology's semanticValidation for this one: " + far.text());
        assertTrue(far.json().path("m2m:dbg").asText().contains("/id-far/cse-far/repo/smv"), far.text());
        assertEquals(4004, send(atIn.get("/cse-in/" + cnt + "/far")).rsc(), "nothing stored");
    }

    @Test
    void ts0004_7_4_34_2_3_c_anUpdateIsValidatedByTheSemanticValidationThereToo() {
        String or = ontologyOnMn();
        String lamp = lampForValidation();
        String cnt = container();
        String lampName = lamp.split("/")[3];
        String room = "ex:room a ex:Room ; ex:contains ex:" + lampName + " .";
        Reply created = send(atIn.create("/cse-in/" + cnt, 24, "{\"m2m:smd\":{\"rn\":\"d\",\"dcrp\":5,\"dsp\":\""
                + b64("@prefix ex: <" + EX + "> .\n" + room + "\n") + "\",\"or\":\"" + or + "\",\"rels\":[\"" + lamp + "\"]}}"));
        assertEquals(201, created.status(), created.text());
        String path = "/cse-in/" + cnt + "/d";

        Reply on = send(atIn.put(path, "{\"m2m:smd\":{\"vlde\":true}}"));
        assertEquals(200, on.status(), on.text());
        assertTrue(on.json().path("m2m:smd").path("svd").asBoolean(), on.text());

        String dsp = send(atIn.get(path)).json().path("m2m:smd").path("dsp").asText();
        Reply invalid = send(atIn.put(path, "{\"m2m:smd\":{\"dsp\":\"" + b64("@prefix ex: <" + EX + "> .\nex:room a ex:Toaster ;"
                + " ex:contains ex:" + lampName + " .\n") + "\"}}"));
        assertEquals(4120, invalid.rsc(), invalid.text());
        assertEquals(dsp, send(atIn.get(path)).json().path("m2m:smd").path("dsp").asText(), "the descriptor is unchanged");

        Reply far = send(atIn.put(path, "{\"m2m:smd\":{\"or\":\"/id-far/cse-far/repo/o\"}}"));
        assertEquals(5103, far.rsc(), far.text());
        assertEquals(or, send(atIn.get(path)).json().path("m2m:smd").path("or").asText(), "ontologyRef unchanged");
    }

    // --- smf outside discovery, with a link to the other CSE (TS-0004 7.3.3.1, 7.3.3.18) --------------------------

    @Test
    void ts0004_7_3_3_18_aConditionalOperationFollowsALinkToAnotherCse() {
        String lamp = farLamp();
        String room = OneM2MClient.unique("room");
        described(atIn, "cse-in", room, "ex:" + room + " ex:contains ex:" + name(lamp) + " .", "CAdmin",
                ",\"rels\":[\"" + lamp + "/desc\"]");
        Reply met = send(atIn.get("/cse-in/" + room + "?fu=2&smf=" + enc(LIT)));
        assertEquals(200, met.status(), "the lamp's type is in the MN's descriptor only: " + met.text());
        String toaster = "PREFIX ex: <" + EX + "> ASK { ?r ex:contains ?d . ?d a ex:Toaster }";
        assertEquals(4004, send(atIn.get("/cse-in/" + room + "?fu=2&smf=" + enc(toaster))).rsc(), "not met");
        String shut = OneM2MClient.unique("shut");
        described(atMn, "cse-mn", shut, "ex:" + shut + " a ex:Light .", "/id-in/Csomeone", "");
        String closedRoom = OneM2MClient.unique("room");
        described(atIn, "cse-in", closedRoom, "ex:" + closedRoom + " ex:contains ex:" + shut + " .", "CAdmin",
                ",\"rels\":[\"/id-mn/cse-mn/" + shut + "/desc\"]");
        Reply refused = send(atIn.get("/cse-in/" + closedRoom + "?fu=2&smf=" + enc(LIT)));
        assertEquals(4004, refused.rsc(), "the MN refuses CAdmin (4103): the link adds nothing, the target is not met "
                + refused.text());
        Reply deleted = send(atIn.delete("/cse-in/" + room + "?fu=2&smf=" + enc(LIT)));
        assertEquals(200, deleted.status(), "a conditional Delete too: " + deleted.text());

        String lonely = OneM2MClient.unique("room");
        String noDescriptor = farLamp(); // the container, whose content is no descriptor: it cannot be read as one
        described(atIn, "cse-in", lonely, "ex:" + lonely + " ex:contains ex:lamp .", "CAdmin",
                ",\"rels\":[\"" + noDescriptor + "\"]");
        try {
            Reply unknown = send(atIn.get("/cse-in/" + lonely + "?fu=2&smf=" + enc(LIT)));
            assertEquals(5103, unknown.rsc(), "whether it is met depends on a descriptor that cannot be read: " + unknown.text());
            assertTrue(unknown.json().path("m2m:dbg").asText().contains(noDescriptor), unknown.text());
            String rooms = "PREFIX ex: <" + EX + "> ASK { ?r ex:contains ?d }";
            assertEquals(200, send(atIn.get("/cse-in/" + lonely + "?fu=2&smf=" + enc(rooms))).status(),
                    "met without the unreadable one: performed");
        } finally {
            send(atIn.delete("/cse-in/" + lonely)); // the other tests discover below cse-in: it would make them partial
        }
    }

    @Test
    void ts0004_7_3_3_18_aChildListFilteredBySmfFollowsALinkToAnotherCse() {
        String lamp = farLamp();
        String house = OneM2MClient.unique("house");
        Reply h = send(atIn.create("/cse-in", 3, "{\"m2m:cnt\":{\"rn\":\"" + house + "\"}}"));
        assertEquals(201, h.status(), h.text());
        for (String rn : List.of("lit", "dark")) {
            Reply cnt = send(atIn.create("/cse-in/" + house, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}"));
            assertEquals(201, cnt.status(), cnt.text());
        }
        Reply smd = send(atIn.create("/cse-in/" + house + "/lit", 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64("@prefix ex: <" + EX + "> .\nex:lit ex:contains ex:" + name(lamp) + " .\n") + "\",\"rels\":[\"" + lamp
                + "/desc\"]}}"));
        assertEquals(201, smd.status(), smd.text());
        Reply dark = send(atIn.create("/cse-in/" + house + "/dark", 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64("@prefix ex: <" + EX + "> .\nex:dark ex:contains ex:nothing .\n") + "\"}}"));
        assertEquals(201, dark.status(), dark.text());
        Reply refs = send(atIn.get("/cse-in/" + house + "?rcn=6&smf=" + enc(LIT)));
        assertEquals(200, refs.status(), refs.text());
        List<String> names = new ArrayList<>();
        refs.json().path("m2m:rrl").path("rrf").forEach(r -> names.add(r.path("nm").asText()));
        assertEquals(List.of("lit"), names, "the child whose descriptor links the MN's lamp: " + refs.text());
        assertEquals(null, refs.header("X-M2M-CTS"), refs.text());
    }
}
