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
 * {@code <semanticFanOutPoint>} (sfop, TS-0004 7.4.35) over HTTP: a group of three containers, two of them described
 * (a temperature sensor and a lamp, both in building B), one without a descriptor, and a described container outside
 * the group; semantic discovery (TS-0004 7.3.3.18) and the semantic query with explicit scope (7.3.3.19.2) through
 * {@code <group>/sfop}.
 */
class SemanticFanOutPointIT extends KeelIT {
    private static final String EX = "http://example.org/building#";
    private static final String IN_B = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?device ex:locatedIn ex:BuildingB }"
            + " ORDER BY ?device";
    private String ae;
    private String aePath;
    private String sensor;
    private String lamp;
    private String plain;
    private String group;

    @BeforeEach
    void setUp() {
        String aeName = OneM2MClient.unique("sfopAe");
        ae = cse.registerAe("C" + OneM2MClient.unique("sfop"), aeName);
        aePath = "cse-in/" + aeName;
        sensor = described("sensor", "ex:sensor a ex:TemperatureSensor ; ex:locatedIn ex:BuildingB .");
        lamp = described("lamp", "ex:lamp a ex:Light ; ex:locatedIn ex:BuildingB .");
        plain = container("plain");
        described("outsider", "ex:outsider a ex:TemperatureSensor ; ex:locatedIn ex:BuildingB .");
        group = group("g", List.of(sensor, lamp, plain));
    }

    /** A container with a Turtle descriptor; its ri. */
    private String described(String rn, String turtle) {
        String ri = container(rn);
        String rdf = "@prefix ex: <" + EX + "> .\n" + turtle + "\n";
        Reply d = cse.create("/" + aePath + "/" + rn, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\""
                + Base64.getEncoder().encodeToString(rdf.getBytes(StandardCharsets.UTF_8)) + "\"}}").from(ae).send();
        assertEquals(201, d.status(), d.text());
        return ri;
    }

    private String container(String rn) {
        Reply r = cse.create("/" + aePath, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    /** A group of the given member ris; its structured path. */
    private String group(String rn, List<String> members) {
        String mid = String.join(",", members.stream().map(m -> "\"" + m + "\"").toList());
        Reply r = cse.create("/" + aePath, 9, "{\"m2m:grp\":{\"rn\":\"" + rn + "\",\"mnm\":5,\"mid\":[" + mid + "]}}")
                .from(ae).send();
        assertEquals(201, r.status(), r.text());
        return aePath + "/" + rn;
    }

    private Reply discover(String target, String smf, String from) {
        return cse.get("/" + target + "?fu=1&smf=" + enc(smf)).from(from).send();
    }

    private static List<String> uris(Reply r) {
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText()));
        return out;
    }

    private Reply query(String target, String smf, String from) {
        return cse.get("/" + target + "?sqi=true&rcn=10&smf=" + enc(smf)).from(from).send();
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

    /** TS-0009 6.2.2.2: a raw '+' separates list items, so spaces go as %20. */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void ts0004_7_4_35_2_2_semanticDiscoveryThroughSfopFindsAmongTheMembersOnly() {
        assertEquals(List.of(aePath + "/lamp", aePath + "/sensor"), uris(discover(group + "/sfop", IN_B, ae)).stream().sorted().toList(),
                "the described members; not the outsider, which the same discovery below the AE finds");
        assertEquals(3, uris(discover(aePath, IN_B, ae)).size(), "below the AE: the outsider too");
        String lights = "PREFIX ex: <" + EX + "> ASK { ?l a ex:Light }";
        assertEquals(List.of(aePath + "/lamp"), uris(discover(group + "/sfop", lights, ae)));
        Reply unstructured = cse.get("/" + group + "/sfop?fu=1&drt=2&smf=" + enc(lights)).from(ae).send();
        assertEquals(List.of(lamp), uris(unstructured), "drt applies");
        Reply second = cse.get("/" + group + "/sfop?fu=1&lim=1&ofst=2&smf=" + enc(IN_B)).from(ae).send();
        assertEquals(List.of(aePath + "/lamp"), uris(second), "member order (sensor, lamp), paged by ofst and lim");
    }

    @Test
    void ts0004_7_3_3_19_2_semanticQueryThroughSfopIsOverTheUnionOfTheMembersDescriptors() {
        assertEquals(List.of(EX + "lamp", EX + "sensor"), devices(query(group + "/sfop", IN_B, ae)), "not the outsider");
        assertEquals(3, devices(query(aePath, IN_B, ae)).size(), "the implicit scope below the AE has the outsider too");
        // One pattern joins triples of two members' descriptors.
        String join = "PREFIX ex: <" + EX + "> ASK { ?t a ex:TemperatureSensor ; ex:locatedIn ?b . ?l a ex:Light ; ex:locatedIn ?b }";
        assertTrue(result(query(group + "/sfop", join, ae)).path("boolean").asBoolean());
        String lampGroup = group("lampOnly", List.of(lamp));
        assertFalse(result(query(lampGroup + "/sfop", join, ae)).path("boolean").asBoolean(), "the sensor is no member");
        Reply noRcn = cse.get("/" + group + "/sfop?sqi=true&smf=" + enc(join)).from(ae).send();
        assertTrue(result(noRcn).path("boolean").asBoolean(), "rcn 10 is the default");
    }

    @Test
    void ts0004_7_4_35_2_2_aMemberWithoutDescriptorsContributesNothing() {
        String plainOnly = group("plainOnly", List.of(plain));
        assertEquals(List.of(), uris(discover(plainOnly + "/sfop", IN_B, ae)));
        assertEquals(List.of(), devices(query(plainOnly + "/sfop", IN_B, ae)));
    }

    @Test
    void ts0004_7_4_35_2_2_theGroupsMacpOrAcpiDecides_andOnlyDescriptorsTheOriginatorMayReadCount() {
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("stranger"));
        assertEquals(4103, query(group + "/sfop", IN_B, stranger).rsc(), "no privilege on the group");
        assertEquals(4103, discover(group + "/sfop", IN_B, stranger).rsc());
        // macp lets the stranger retrieve and discover through the group (acop 2 + 32).
        String acp = cse.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63},"
                + "{\"acor\":[\"" + stranger + "\"],\"acop\":34}]},\"pvs\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63}]}}}")
                .from(ae).send().json().path("m2m:acp").path("ri").asText();
        Reply macp = cse.put("/" + group, "{\"m2m:grp\":{\"macp\":[\"" + acp + "\"]}}").from(ae).send();
        assertEquals(2004, macp.rsc(), macp.text());
        assertEquals(List.of(), devices(query(group + "/sfop", IN_B, stranger)), "the descriptors are not theirs to read");
        assertEquals(List.of(), uris(discover(group + "/sfop", IN_B, stranger)));
        Reply opened = cse.put("/" + aePath + "/sensor/desc", "{\"m2m:smd\":{\"acpi\":[\"" + acp + "\"]}}").from(ae).send();
        assertEquals(2004, opened.rsc(), opened.text());
        assertEquals(List.of(EX + "sensor"), devices(query(group + "/sfop", IN_B, stranger)), "now the sensor's descriptor counts");
    }

    /**
     * A member on a CSE this IN-CSE does not know answers 4004, as a member that no longer exists does: it contributes
     * nothing (members on CSEs it reaches: SemanticFanOutPointRemoteIT).
     */
    @Test
    void ts0004_7_4_35_2_2_aMemberOnAnUnknownCseContributesNothing() {
        String mixed = group("mixed", List.of(lamp, "/id-nowhere/far"));
        assertEquals(List.of(EX + "lamp"), devices(query(mixed + "/sfop", IN_B, ae)));
        Reply found = discover(mixed + "/sfop", IN_B, ae);
        assertEquals(List.of(aePath + "/lamp"), uris(found));
        assertEquals(null, found.header("X-M2M-CTS"), "not partial: " + found.text());
    }

    @Test
    void ts0004_7_4_13_1_theGroupSaysItSupportsSemantics() {
        Reply g = cse.get("/" + group).from(ae).send();
        assertTrue(g.json().path("m2m:grp").path("ssi").asBoolean(), "ssi true: sfop serves it " + g.text());
    }

    @Test
    void ts0004_7_4_35_2_1_3_4_onlyRetrieveIsAllowed() {
        assertEquals(4005, cse.create("/" + group + "/sfop", 3, "{\"m2m:cnt\":{\"rn\":\"x\"}}").from(ae).send().rsc());
        assertEquals(4005, cse.put("/" + group + "/sfop", "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(ae).send().rsc());
        assertEquals(4005, cse.delete("/" + group + "/sfop").from(ae).send().rsc());
        assertEquals(200, cse.get("/" + group).from(ae).send().status(), "the group is still there");
    }

    @Test
    void ts0004_7_4_35_2_2_aRetrieveIsASemanticQueryOrDiscovery_andItsSparqlIsChecked() {
        Reply plainRetrieve = cse.get("/" + group + "/sfop").from(ae).send();
        assertEquals(4000, plainRetrieve.rsc(), plainRetrieve.text());
        assertTrue(plainRetrieve.json().path("m2m:dbg").asText().contains("sfop"), plainRetrieve.text());
        Reply bad = cse.get("/" + group + "/sfop?fu=1&smf=" + enc("SELECT WHERE {")).from(ae).header("X-M2M-RVI", "4").send();
        assertEquals(4143, bad.rsc(), bad.text());
        assertEquals(4143, cse.get("/" + group + "/sfop?sqi=true&smf=" + enc("SELECT WHERE {")).from(ae)
                .header("X-M2M-RVI", "4").send().rsc());
    }
}
