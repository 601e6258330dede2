package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * relatedSemantics of {@code <semanticDescriptor>} in semantic discovery (TS-0004 7.3.3.18.2) and query
 * (7.3.3.19.1), and {@code <ontologyRepository>/smv}, semanticValidation (TS-0004 7.4.48), over HTTP: a room sensor
 * whose descriptor says only which room it is in, and a floor plan's descriptor, which it links, saying which
 * building the room is part of.
 */
class SemanticLinksIT extends KeelIT {
    private static final String EX = "http://example.org/building#";
    private static final String PREFIXES = "@prefix ex: <" + EX + "> .\n";
    private static final String IN_B = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?device ex:locatedIn ?room ."
            + " ?room ex:partOf ex:BuildingB }";
    private String ae;
    private String aePath;

    @BeforeEach
    void setUp() {
        String aeName = OneM2MClient.unique("relsAe");
        ae = cse.registerAe("C" + OneM2MClient.unique("rels"), aeName);
        aePath = "cse-in/" + aeName;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** TS-0009 6.2.2.2: a raw '+' separates list items, so spaces go as %20. */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void container(String rn) {
        Reply r = cse.create("/" + aePath, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    /** A container with a Turtle descriptor {@code desc}; the descriptor's structured path. */
    private String described(String rn, String turtle, String extra) {
        container(rn);
        Reply d = cse.create("/" + aePath + "/" + rn, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64(PREFIXES + turtle) + "\"" + extra + "}}").from(ae).send();
        assertEquals(201, d.status(), d.text());
        return aePath + "/" + rn + "/desc";
    }

    private static String rels(String... addresses) {
        return ",\"rels\":[" + String.join(",", List.of(addresses).stream().map(a -> "\"" + a + "\"").toList()) + "]";
    }

    private List<String> discover(String target, String smf, String from) {
        Reply r = cse.get("/" + target + "?fu=1&smf=" + enc(smf)).from(from).send();
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<String> query(String target, String smf, String from) {
        Reply r = cse.get("/" + target + "?sqi=true&rcn=10&smf=" + enc(smf)).from(from).send();
        assertEquals(200, r.status(), r.text());
        JsonNode result;
        try {
            result = new ObjectMapper().readTree(r.json().path("m2m:qres").asText());
        } catch (IOException e) {
            throw new AssertionError("m2m:qres is no JSON: " + r.text(), e);
        }
        List<String> out = new ArrayList<>();
        result.path("results").path("bindings").forEach(b -> out.add(b.path("device").path("value").asText()));
        return out;
    }

    @Test
    void ts0004_7_3_3_18_2_discoveryMatchesADescriptorJoinedWithTheDescriptorsItsRelatedSemanticsName() {
        String plan = described("plan", "ex:room1 ex:partOf ex:BuildingB .", "");
        described("linked", "ex:sensor1 ex:locatedIn ex:room1 .", rels(plan));
        described("alone", "ex:sensor2 ex:locatedIn ex:room1 .", "");
        assertEquals(List.of(aePath + "/linked"), discover(aePath, IN_B, ae),
                "the room's building is in the linked plan only: the sensor without the link does not match");
        // Addressed by ri, or SP-relative, the link is the same.
        String planRi = cse.get("/" + plan).from(ae).send().json().path("m2m:smd").path("ri").asText();
        described("byRi", "ex:sensor3 ex:locatedIn ex:room1 .", rels("/id-in/" + planRi));
        assertTrue(discover(aePath, IN_B, ae).contains(aePath + "/byRi"), "an SP-relative ri links as well");
    }

    @Test
    void ts0004_7_3_3_18_2_aLinkTheOriginatorMayNotDiscoverOrThatNamesNothingAddsNothing() {
        String otherName = OneM2MClient.unique("relsOther");
        String otherAe = cse.registerAe("C" + OneM2MClient.unique("relsOther"), otherName);
        String otherPath = "cse-in/" + otherName;
        Reply cnt = cse.create("/" + otherPath, 3, "{\"m2m:cnt\":{\"rn\":\"plan\"}}").from(otherAe).send();
        assertEquals(201, cnt.status(), cnt.text());
        Reply foreign = cse.create("/" + otherPath + "/plan", 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64(PREFIXES + "ex:room1 ex:partOf ex:BuildingB .") + "\"}}").from(otherAe).send();
        assertEquals(201, foreign.status(), foreign.text());
        described("linked", "ex:sensor1 ex:locatedIn ex:room1 .", rels(otherPath + "/plan/desc", aePath + "/nothing/here"));
        assertEquals(List.of(), discover(aePath, IN_B, ae), "the other AE's descriptor is not the originator's to discover");
        assertEquals(List.of(aePath + "/linked"), discover(aePath, IN_B, OneM2MClient.ADMIN), "the admin may discover it");
    }

    @Test
    void ts0004_7_3_3_19_1_aQueryJoinsTheDescriptorsTheRelatedSemanticsName() {
        container("plans");
        Reply plan = cse.create("/" + aePath + "/plans", 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64(PREFIXES + "ex:room1 ex:partOf ex:BuildingB .") + "\"}}").from(ae).send();
        assertEquals(201, plan.status(), plan.text());
        container("devices");
        Reply sensor = cse.create("/" + aePath + "/devices", 3, "{\"m2m:cnt\":{\"rn\":\"s1\"}}").from(ae).send();
        assertEquals(201, sensor.status(), sensor.text());
        Reply d = cse.create("/" + aePath + "/devices/s1", 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64(PREFIXES + "ex:sensor1 ex:locatedIn ex:room1 .") + "\"" + rels(aePath + "/plans/desc") + "}}").from(ae).send();
        assertEquals(201, d.status(), d.text());
        assertEquals(List.of(EX + "sensor1"), query(aePath + "/devices", IN_B, ae),
                "the plan is outside the query's target, but the sensor's descriptor links it");
        Reply unlinked = cse.put("/" + aePath + "/devices/s1/desc", "{\"m2m:smd\":{\"rels\":[]}}").from(ae).send();
        assertEquals(2004, unlinked.rsc(), unlinked.text());
        assertEquals(List.of(), query(aePath + "/devices", IN_B, ae), "without the link the building is unknown");
    }

    // --- semanticValidation ------------------------------------------------------------------------------------

    private static final String ONTOLOGY = PREFIXES
            + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            + "ex:Device a owl:Class .\n"
            + "ex:TemperatureSensor a owl:Class ; rdfs:subClassOf ex:Device .\n"
            + "ex:Room a owl:Class .\n"
            + "ex:Building a owl:Class .\n"
            + "ex:locatedIn a owl:ObjectProperty ; rdfs:domain ex:Device ; rdfs:range ex:Room .\n"
            + "ex:partOf a owl:ObjectProperty ; rdfs:domain ex:Room ; rdfs:range ex:Building .\n";

    /** The CSEBase's ontologyRepository (one at most; another IT may have made it). */
    private String repository() {
        Reply r = cse.create("/cse-in", 38, "{\"m2m:ontr\":{\"rn\":\"ontologies\"}}").from(OneM2MClient.ADMIN).send();
        assertTrue(r.status() == 201 || r.rsc() == 4105, r.text());
        return "cse-in/ontologies";
    }

    /** @return the ontology's structured path */
    private String ontology() {
        String rn = OneM2MClient.unique("rooms");
        Reply r = cse.create("/" + repository(), 39, "{\"m2m:ont\":{\"rn\":\"" + rn + "\",\"ontf\":5,\"ontc\":\""
                + b64(ONTOLOGY) + "\"}}").from(OneM2MClient.ADMIN).send();
        assertEquals(201, r.status(), r.text());
        return repository() + "/" + rn;
    }

    private Reply validate(String smd) {
        return cse.put("/" + repository() + "/smv", "{\"m2m:smd\":" + smd + "}").from(OneM2MClient.ADMIN).send();
    }

    private static String smd(String turtle, String extra) {
        return "{\"dcrp\":5,\"dsp\":\"" + b64(PREFIXES + turtle) + "\"" + extra + "}";
    }

    private static void assertError(Reply r, int rsc, String inDbg) {
        assertEquals(rsc, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains(inDbg), "m2m:dbg should name " + inDbg + ": " + r.text());
    }

    @Test
    void ts0004_7_4_48_2_3_aValidDescriptorIsAnsweredWithSemanticValidatedTrue_andNothingIsStored() {
        String or = ontology();
        Reply ok = validate(smd("ex:s a ex:TemperatureSensor ; ex:locatedIn ex:r . ex:r a ex:Room .", ",\"or\":\"" + or + "\""));
        assertEquals(2004, ok.rsc(), ok.text());
        assertTrue(ok.json().path("m2m:smd").path("svd").asBoolean(), ok.text());
        assertEquals(or, ok.json().path("m2m:smd").path("or").asText(), "the representation sent, validated: " + ok.text());
    }

    @Test
    void ts0004_7_4_48_2_3_anInvalidDescriptorIs4120NamingTheProblem() {
        String or = ontology();
        assertError(validate(smd("ex:s a ex:Toaster .", ",\"or\":\"" + or + "\"")), 4120, EX + "Toaster");
        assertError(validate(smd("ex:r a ex:Room . ex:r ex:locatedIn ex:x .", ",\"or\":\"" + or + "\"")), 4120, "rdfs:domain");
    }

    @Test
    void ts0004_7_4_48_2_3_theLinkedDescriptorsAreValidatedWithIt() {
        String or = ontology();
        String goodPlan = described("goodPlan", "ex:room1 a ex:Room ; ex:partOf ex:b .", "");
        String badPlan = described("badPlan", "ex:room1 ex:partOf \"B\" .", "");
        String sensor = "ex:s a ex:TemperatureSensor ; ex:locatedIn ex:room1 .";
        Reply good = cse.put("/" + repository() + "/smv", "{\"m2m:smd\":" + smd(sensor, ",\"or\":\"" + or + "\"" + rels(goodPlan))
                + "}").from(ae).send();
        assertEquals(4103, good.rsc(), "the Update privilege on the repository is needed: " + good.text());
        assertEquals(2004, validate(smd(sensor, ",\"or\":\"" + or + "\"" + rels(goodPlan))).rsc());
        assertError(validate(smd(sensor, ",\"or\":\"" + or + "\"" + rels(badPlan))), 4120, "literal");
        // Recursively: a link of a link counts too.
        String viaLink = described("viaLink", "ex:x a ex:Room .", rels(badPlan));
        assertError(validate(smd(sensor, ",\"or\":\"" + or + "\"" + rels(viaLink))), 4120, "literal");
        assertError(validate(smd(sensor, ",\"or\":\"" + or + "\"" + rels(aePath + "/none/desc"))), 4119, aePath + "/none/desc");
    }

    @Test
    void ts0004_7_4_48_2_3_withoutOntologyRefIs4102_andAnOntologyNotHostedIs4118() {
        assertError(validate(smd("ex:s a ex:Room .", "")), 4102, "ontologyRef");
        assertError(validate(smd("ex:s a ex:Room .", ",\"or\":\"http://example.org/elsewhere\"")), 4118, "elsewhere");
        assertError(validate("{\"dcrp\":5,\"dsp\":\"" + b64("not turtle at all") + "\",\"or\":\"x\"}"), 4000, "dsp");
        assertEquals(4000, cse.put("/" + repository() + "/smv", "{\"m2m:cnt\":{}}").from(OneM2MClient.ADMIN).send().rsc());
    }

    @Test
    void ts0004_7_4_48_2_1_2_4_onlyAnUpdateIsAllowed() {
        String smv = "/" + repository() + "/smv";
        assertEquals(4005, cse.get(smv).from(OneM2MClient.ADMIN).send().rsc());
        assertEquals(4005, cse.delete(smv).from(OneM2MClient.ADMIN).send().rsc());
        assertEquals(4005, cse.create(smv, 24, "{\"m2m:smd\":" + smd("ex:s a ex:Room .", "") + "}").from(OneM2MClient.ADMIN)
                .send().rsc());
        assertFalse(cse.get("/" + repository()).from(OneM2MClient.ADMIN).send().text().contains("\"smv\""),
                "smv is virtual: no attribute or child of the repository's representation");
    }

    // --- m2m:resourceDescriptorLink (TS-0004 7.3.3.18.1) and links in validation (7.4.34.2.1) -----------------

    private static final String M2M = "http://www.onem2m.org/ontology/Base_Ontology/base_ontology#";

    /** Triples linking the descriptors at {@code addresses} by the annotation property (the address as a literal). */
    private static String annotated(String... addresses) {
        StringBuilder b = new StringBuilder();
        for (String a : addresses) {
            b.append("\nex:thisDescription <").append(M2M).append("resourceDescriptorLink> \"").append(a).append("\" .");
        }
        return b.toString();
    }

    @Test
    void ts0004_7_3_3_18_1_discoveryJoinsTheDescriptorsResourceDescriptorLinkTriplesName() {
        String plan = described("plan", "ex:room1 ex:partOf ex:BuildingB .", "");
        described("linked", "ex:sensor1 ex:locatedIn ex:room1 ." + annotated(plan), "");
        described("alone", "ex:sensor2 ex:locatedIn ex:room1 .", "");
        assertEquals(List.of(aePath + "/linked"), discover(aePath, IN_B, ae),
                "the building is in the linked plan only (a basic graph pattern: the database path must step aside)");
        // Recursively: the sensor's descriptor links a floor's, which links the plan.
        String floor = described("floor", "ex:floor1 ex:has ex:room1 ." + annotated(plan), "");
        described("viaFloor", "ex:sensor3 ex:locatedIn ex:room1 ." + annotated(floor), "");
        assertEquals(List.of(aePath + "/linked", aePath + "/viaFloor"), discover(aePath, IN_B, ae),
                "a link of a link joins too (the floor's own triples with the plan's have no sensor: it does not match)");
    }

    @Test
    void ts0004_7_3_3_18_1_cyclicLinksEndAndEachSideSeesTheOther() {
        String sensorPath = aePath + "/cycA/desc";
        String roomPath = aePath + "/cycB/desc";
        described("cycA", "ex:sensorC ex:locatedIn ex:roomC ." + annotated(roomPath), "");
        described("cycB", "ex:roomC ex:partOf ex:BuildingB ." + annotated(sensorPath), "");
        assertEquals(List.of(aePath + "/cycA", aePath + "/cycB"), discover(aePath, IN_B, ae),
                "A links B and B links A: each matches joined with the other, and the evaluation ends");
        assertEquals(List.of(EX + "sensorC"), query(aePath + "/cycA", IN_B, ae), "a query below A joins B (and A once)");
    }

    @Test
    void ts0004_7_3_3_18_2_withRelatedSemanticsTheAnnotationsAreNotFollowed() {
        String plan = described("plan", "ex:room1 ex:partOf ex:BuildingB .", "");
        String empty = described("empty", "ex:nothing ex:to ex:say .", "");
        described("both", "ex:sensor1 ex:locatedIn ex:room1 ." + annotated(plan), rels(empty));
        assertEquals(List.of(), discover(aePath, IN_B, ae),
                "relatedSemantics exists: the resource link-based method, where resourceDescriptorLink means nothing");
    }

    @Test
    void ts0004_7_3_3_19_1_aQueryJoinsTheDescriptorsResourceDescriptorLinkTriplesName() {
        String plan = described("plans", "ex:room1 ex:partOf ex:BuildingB .", "");
        described("devices", "ex:sensor1 ex:locatedIn ex:room1 ." + annotated(plan), "");
        assertEquals(List.of(EX + "sensor1"), query(aePath + "/devices", IN_B, ae),
                "the plan is outside the query's target, but the sensor's descriptor links it");
    }

    private Reply createValidated(String rn, String turtle, String extra) {
        container(rn);
        return cse.create("/" + aePath + "/" + rn, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + b64(PREFIXES + turtle) + "\",\"vlde\":true" + extra + "}}").from(ae).send();
    }

    @Test
    void ts0004_7_4_34_2_1_validationAtCreateAndUpdateIncludesTheLinkedDescriptorsAndTheirOntologies() {
        String or = ",\"or\":\"" + ontology() + "\"";
        String goodPlan = described("goodPlan", "ex:room1 a ex:Room ; ex:partOf ex:b .", "");
        String badPlan = described("badPlan", "ex:room1 ex:partOf \"B\" .", "");
        String sensor = "ex:s a ex:TemperatureSensor ; ex:locatedIn ex:room1 .";
        Reply good = createValidated("vGood", sensor, or + rels(goodPlan));
        assertEquals(201, good.status(), good.text());
        assertTrue(good.json().path("m2m:smd").path("svd").asBoolean(), good.text());
        assertError(createValidated("vBad", sensor, or + rels(badPlan)), 4120, "literal");
        assertError(createValidated("vBadAnnotated", sensor + annotated(badPlan), or), 4120, "literal");
        // Recursively, and through a linked descriptor's own ontologyRef (the plan's, here the same ontology).
        String viaLink = described("viaLink", "ex:x a ex:Room .", rels(badPlan) + or);
        assertError(createValidated("vVia", sensor, or + rels(viaLink)), 4120, "literal");
        assertError(createValidated("vNone", sensor, or + rels(aePath + "/none/desc")), 4119, aePath + "/none/desc");
        assertError(createValidated("vFar", sensor, or + rels("/id-elsewhere/cse-x/desc")), 4119, "smv");
        Reply update = cse.put("/" + aePath + "/vGood/desc", "{\"m2m:smd\":{\"rels\":[\"" + badPlan + "\"]}}").from(ae).send();
        assertError(update, 4120, "literal");
        assertEquals(List.of(goodPlan), List.of(cse.get("/" + aePath + "/vGood/desc").from(ae).send().json().path("m2m:smd")
                .path("rels").path(0).asText()), "the refused Update changed nothing");
    }

    @Test
    void ts0004_7_4_48_2_3_semanticValidationFollowsResourceDescriptorLinkToo() {
        String or = ontology();
        String badPlan = described("badPlan", "ex:room1 ex:partOf \"B\" .", "");
        assertError(validate(smd("ex:s a ex:TemperatureSensor ; ex:locatedIn ex:room1 ." + annotated(badPlan),
                ",\"or\":\"" + or + "\"")), 4120, "literal");
    }
}
