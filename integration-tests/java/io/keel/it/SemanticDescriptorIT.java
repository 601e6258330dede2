package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <semanticDescriptor>} (ty 24, TS-0004 7.4.34) and semantic resource discovery (TS-0004 7.3.3.18, smf) over
 * HTTP: descriptors of a few devices of two buildings in Turtle and RDF/XML, their syntax checked, updated by SPARQL
 * (soe), and found by SPARQL combined with ty, lbl and lvl, for those who may discover them only, within bounds.
 */
class SemanticDescriptorIT extends KeelIT {
    private static final String EX = "http://example.org/building#";
    private static final String PREFIXES = "@prefix ex: <" + EX + "> .\n";
    private String ae;
    private String aePath;

    @BeforeEach
    void setUp() {
        String aeName = OneM2MClient.unique("smdAe");
        ae = cse.registerAe("C" + OneM2MClient.unique("smd"), aeName);
        aePath = "cse-in/" + aeName;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s));
    }

    private String container(String parent, String rn, String lbl) {
        Reply r = cse.create("/" + parent, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\""
                + (lbl == null ? "" : ",\"lbl\":[\"" + lbl + "\"]") + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return parent + "/" + rn;
    }

    private Reply descriptor(String parent, int dcrp, String rdf, String extra) {
        return cse.create("/" + parent, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":" + dcrp + ",\"dsp\":\"" + b64(rdf) + "\""
                + extra + "}}").from(ae).send();
    }

    private static String sensor(String name, String type, String building) {
        return PREFIXES + "ex:" + name + " a ex:" + type + " ;\n  ex:locatedIn ex:" + building + " .\n";
    }

    private List<String> discover(String target, String smf, String more, String from) {
        Reply r = cse.get("/" + target + "?fu=1" + (smf.isEmpty() ? "" : "&smf=" + enc(smf)) + more).from(from).send();
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String inBuilding(String type, String building) {
        return "PREFIX ex: <" + EX + "> SELECT ?s WHERE { ?s a ex:" + type + " ; ex:locatedIn ex:" + building + " }";
    }

    private static void assertError(Reply r, int rsc, String... inDbg) {
        assertEquals(rsc, r.rsc(), r.text());
        String dbg = r.json().path("m2m:dbg").asText();
        for (String s : inDbg) {
            assertTrue(dbg.contains(s), "m2m:dbg should name " + s + ": " + r.text());
        }
    }

    /** Three devices: temperature sensors in buildings B and A, and a lamp in building B (RDF/XML). */
    private void devices() {
        assertEquals(201, descriptor(container(aePath, "temp1", "kind:sensor"), 5,
                sensor("temp1", "TemperatureSensor", "BuildingB"), "").status());
        assertEquals(201, descriptor(container(aePath, "temp2", "kind:sensor"), 5,
                sensor("temp2", "TemperatureSensor", "BuildingA"), "").status());
        String lampXml = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns:ex=\"" + EX + "\">\n <ex:Light rdf:about=\"" + EX + "lamp\">\n  <ex:locatedIn rdf:resource=\"" + EX
                + "BuildingB\"/>\n </ex:Light>\n</rdf:RDF>\n";
        Reply lamp = descriptor(container(aePath, "lamp", "kind:light"), 4, lampXml, "");
        assertEquals(201, lamp.status(), lamp.text());
    }

    @Test
    void ts0004_7_4_34_2_1_createInTurtleAndRdfXml_retrieveGivesTheDescriptorBack() {
        String cnt = container(aePath, "dev", null);
        String turtle = sensor("dev", "TemperatureSensor", "BuildingB");
        Reply created = descriptor(cnt, 5, turtle, ",\"or\":\"" + EX + "\",\"lbl\":[\"semantic\"]");
        assertEquals(201, created.status(), created.text());
        JsonNode smd = created.json().path("m2m:smd");
        assertEquals(24, smd.path("ty").asInt());
        assertEquals(5, smd.path("dcrp").asInt());
        assertEquals(turtle, unb64(smd.path("dsp").asText()));
        Reply read = cse.get("/" + cnt + "/desc").from(ae).send();
        assertEquals(200, read.status(), read.text());
        assertEquals(EX, read.json().path("m2m:smd").path("or").asText());
        assertEquals(1, discover(aePath, inBuilding("TemperatureSensor", "BuildingB"), "", ae).size());
    }

    @Test
    void ts0004_7_4_34_2_1_aDescriptorThatDoesNotParseIs4000NamingWhere() {
        String cnt = container(aePath, "bad", null);
        assertError(descriptor(cnt, 5, PREFIXES + "ex:a ex:b\n  ex:c ex:d .\n", ""), 4000, "dsp", "line 3");
        assertError(descriptor(cnt, 4, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><oops", ""), 4000, "dsp");
        assertError(descriptor(cnt, 1, sensor("x", "Light", "BuildingB"), ""), 4000, "IRI");
        assertError(descriptor(cnt, 3, sensor("x", "Light", "BuildingB"), ""), 5001, "dcrp");
        assertEquals(4004, cse.get("/" + cnt + "/desc").from(ae).send().rsc(), "nothing half-written");
    }

    @Test
    void ts0004_7_4_34_2_3_semanticOpExecUpdatesTheStoredDescriptorAndTheIndex() {
        devices();
        assertEquals(List.of(), discover(aePath, inBuilding("TemperatureSensor", "BuildingC"), "", ae));
        String move = "PREFIX ex: <" + EX + "> DELETE { ?s ex:locatedIn ex:BuildingA } INSERT { ?s ex:locatedIn ex:BuildingC }"
                + " WHERE { ?s ex:locatedIn ex:BuildingA }";
        Reply updated = cse.put("/" + aePath + "/temp2/desc", "{\"m2m:smd\":{\"soe\":" + json(move) + "}}").from(ae).send();
        assertEquals(2004, updated.rsc(), updated.text());
        JsonNode smd = cse.get("/" + aePath + "/temp2/desc").from(ae).send().json().path("m2m:smd");
        assertTrue(smd.path("soe").isMissingNode(), "TS-0004 7.4.34.2.2: soe is never returned");
        String dsp = unb64(smd.path("dsp").asText());
        assertTrue(dsp.contains("BuildingC") && !dsp.contains("BuildingA"), dsp);
        assertEquals(List.of(aePath + "/temp2"), discover(aePath, inBuilding("TemperatureSensor", "BuildingC"), "", ae));

        assertError(cse.put("/" + aePath + "/temp2/desc", "{\"m2m:smd\":{\"soe\":\"INSERT NOTHING\"}}").from(ae)
                .header("X-M2M-RVI", "4").send(), 4143, "semanticOpExec");
        assertError(cse.put("/" + aePath + "/temp2/desc", "{\"m2m:smd\":{\"soe\":" + json(move) + ",\"dsp\":\""
                + b64(sensor("t", "Light", "BuildingB")) + "\"}}").from(ae).send(), 4000, "semanticOpExec");
        assertError(cse.put("/" + aePath + "/temp2/desc", "{\"m2m:smd\":{\"soe\":\"LOAD <http://example.org/x>\"}}").from(ae).send(),
                4000, "LOAD");
        assertError(cse.create("/" + aePath + "/temp1", 24, "{\"m2m:smd\":{\"dcrp\":5,\"dsp\":\"" + b64(PREFIXES)
                + "\",\"soe\":" + json(move) + "}}").from(ae).send(), 4000, "soe");
    }

    /** The ontologyRepository of the CSEBase (one at most, TS-0004 table 7.4.3.1-4), made by the first test needing it. */
    private String repository() {
        Reply r = cse.create("/cse-in", 38, "{\"m2m:ontr\":{\"rn\":\"ontologies\"}}").from(OneM2MClient.ADMIN).send();
        assertTrue(r.status() == 201 || r.rsc() == 4105, r.text());
        return "cse-in/ontologies";
    }

    private static final String ONTOLOGY = "@prefix ex: <" + EX + "> .\n"
            + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            + "<http://example.org/building> a owl:Ontology .\n"
            + "ex:Device a owl:Class .\n"
            + "ex:TemperatureSensor a owl:Class ; rdfs:subClassOf ex:Device .\n"
            + "ex:Light a owl:Class ; rdfs:subClassOf ex:Device .\n"
            + "ex:Building a owl:Class .\n"
            + "ex:locatedIn a owl:ObjectProperty ; rdfs:domain ex:Device ; rdfs:range ex:Building .\n"
            + "ex:celsius a owl:DatatypeProperty ; rdfs:domain ex:TemperatureSensor .\n";

    /** @return the ontology's structured path */
    private String ontology() {
        String rn = OneM2MClient.unique("building");
        Reply r = cse.create("/" + repository(), 39, "{\"m2m:ont\":{\"rn\":\"" + rn + "\",\"ontf\":5,\"ontc\":\""
                + b64(ONTOLOGY) + "\",\"dc\":\"buildings and their devices\"}}").from(OneM2MClient.ADMIN).send();
        assertEquals(201, r.status(), r.text());
        return repository() + "/" + rn;
    }

    @Test
    void ts0004_7_4_47_2_1_ontologyContentMustConformToItsFormat() {
        String repo = repository();
        assertError(cse.create("/" + repo, 39, "{\"m2m:ont\":{\"ontf\":5,\"ontc\":\"" + b64("ex:a ex:b") + "\"}}")
                .from(OneM2MClient.ADMIN).send(), 4000, "ontc");
        Reply byIri = cse.create("/" + repo, 39, "{\"m2m:ont\":{\"ontf\":1,\"ontc\":\"http://example.org/elsewhere\"}}")
                .from(OneM2MClient.ADMIN).send();
        assertEquals(201, byIri.status(), byIri.text());
        assertEquals(4105, cse.create("/cse-in", 38, "{\"m2m:ontr\":{}}").from(OneM2MClient.ADMIN).send().rsc(),
                "one ontologyRepository per CSEBase");
    }

    @Test
    void ts0004_7_4_34_2_1_validationAgainstAHostedOntologyPassesAndSetsSemanticValidated() {
        String ontology = ontology();
        String cnt = container(aePath, "val", null);
        String valid = sensor("val", "TemperatureSensor", "BuildingB") + "ex:BuildingB a ex:Building .\n"
                + "ex:val ex:celsius \"21.5\" .\n";
        Reply byAddress = descriptor(cnt, 5, valid, ",\"or\":\"" + ontology + "\",\"vlde\":true");
        assertEquals(201, byAddress.status(), byAddress.text());
        assertTrue(byAddress.json().path("m2m:smd").path("svd").asBoolean(), byAddress.text());
        String other = container(aePath, "val2", null);
        Reply byIri = descriptor(other, 5, valid, ",\"or\":\"http://example.org/building\",\"vlde\":true");
        assertEquals(201, byIri.status(), "the ontology found by the owl:Ontology it declares: " + byIri.text());
        // TS-0004 7.4.34.2.3 Recv-6.5 d: validation switched off, semanticValidated becomes false.
        Reply off = cse.put("/" + cnt + "/desc", "{\"m2m:smd\":{\"vlde\":false}}").from(ae).send();
        assertEquals(2004, off.rsc(), off.text());
        assertFalse(off.json().path("m2m:smd").path("svd").asBoolean(true), off.text());
    }

    @Test
    void ts0004_7_4_34_2_1_invalidSemanticsAre4120NamingTheProblem() {
        String ontology = ontology();
        String cnt = container(aePath, "inval", null);
        assertError(descriptor(cnt, 5, sensor("t", "Toaster", "BuildingB"), ",\"or\":\"" + ontology + "\",\"vlde\":true"),
                4120, EX + "Toaster");
        assertError(descriptor(cnt, 5, PREFIXES + "ex:b1 a ex:Building ; ex:locatedIn ex:BuildingB .\n",
                ",\"or\":\"" + ontology + "\",\"vlde\":true"), 4120, "rdfs:domain");
        assertError(descriptor(cnt, 5, PREFIXES + "ex:t a ex:Light ; ex:locatedIn \"B\" .\n",
                ",\"or\":\"" + ontology + "\",\"vlde\":true"), 4120, "literal");
        assertError(descriptor(cnt, 5, PREFIXES + "ex:t a ex:Light ; ex:brightness 3 .\n",
                ",\"or\":\"" + ontology + "\",\"vlde\":true"), 4120, EX + "brightness");
        assertEquals(201, descriptor(cnt, 5, sensor("t", "Toaster", "BuildingB"), ",\"or\":\"" + ontology
                + "\",\"vlde\":false").status(), "without validation it is stored");
        Reply update = cse.put("/" + cnt + "/desc", "{\"m2m:smd\":{\"vlde\":true}}").from(ae).send();
        assertError(update, 4120, "Toaster");
        assertFalse(cse.get("/" + cnt + "/desc").from(ae).send().json().path("m2m:smd").path("vlde").asBoolean(),
                "the refused update changed nothing");
    }

    @Test
    void ts0004_7_4_34_2_1_anOntologyNotHostedHereIs4118() {
        String cnt = container(aePath, "nohost", null);
        assertError(descriptor(cnt, 5, sensor("x", "TemperatureSensor", "BuildingB"), ",\"or\":\"http://example.org/unknown\""
                + ",\"vlde\":true"), 4118, "http://example.org/unknown");
        assertError(descriptor(cnt, 5, sensor("x", "TemperatureSensor", "BuildingB"), ",\"vlde\":true"), 4118, "ontologyRef");
        assertEquals(201, descriptor(cnt, 5, sensor("x", "TemperatureSensor", "BuildingB"), ",\"vlde\":false").status());
    }

    @Test
    void ts0004_7_3_3_18_semanticsFilterSelectsTheParentsOfAnsweringDescriptors() {
        devices();
        assertEquals(List.of(aePath + "/temp1"), discover(aePath, inBuilding("TemperatureSensor", "BuildingB"), "", ae));
        List<String> inB = discover(aePath, "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ex:BuildingB }", "", ae);
        assertEquals(List.of(aePath + "/lamp", aePath + "/temp1"), inB, "ASK and RDF/XML descriptors too");
        // Several smf: any of them (TS-0004 table 7.3.3.17-1).
        Reply either = cse.get("/" + ae + "?fu=1&smf=" + enc(inBuilding("TemperatureSensor", "BuildingA")) + "&smf=" + enc(inBuilding("Light", "BuildingB")))
                .from(ae).send();
        assertEquals(2, either.json().path("m2m:uril").size(), either.text());
    }

    @Test
    void ts0004_7_3_3_17_semanticsFilterCombinesWithTyLblAndLvl() {
        devices();
        String inB = "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ex:BuildingB }";
        assertEquals(List.of(aePath + "/lamp"), discover(aePath, inB, "&lbl=kind:light", ae));
        assertEquals(List.of(), discover(aePath, inB, "&ty=2", ae), "no AE below matches");
        String nested = container(aePath + "/temp1", "inner", "kind:sensor");
        assertEquals(201, descriptor(nested, 5, sensor("inner", "TemperatureSensor", "BuildingB"), "").status());
        assertEquals(List.of(aePath + "/lamp", aePath + "/temp1"), discover(aePath, inB, "&lvl=1&ty=3", ae));
        assertEquals(3, discover(aePath, inB, "&ty=3", ae).size(), "the nested one without lvl");
        assertEquals(List.of(aePath + "/temp1", aePath + "/temp1/inner"),
                discover(aePath, inBuilding("TemperatureSensor", "BuildingB"), "&fo=1&lbl=kind:sensor", ae));
        List<String> or = discover(aePath, inB, "&fo=2&lbl=kind:sensor", ae);
        assertEquals(4, or.size(), "fo=2: sensors, or in building B: " + or);
    }

    /**
     * A semanticsFilter whose pattern is linked triple patterns is one more condition of the database's discovery query;
     * any other pattern is evaluated by the SPARQL engine. Both give the same resources under every filterOperation,
     * with ty and lbl, and lim/ofst page the matches.
     */
    @Test
    void ts0004_7_3_3_17_semanticsFilterWithTyAndLblUnderAndOrXor_theDatabaseAndTheSparqlEngineAgree() {
        devices();
        String joined = "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ex:BuildingB }";
        String filtered = "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ?b FILTER (?b = ex:BuildingB) }";
        String lamp = aePath + "/lamp";
        String temp1 = aePath + "/temp1";
        String temp2 = aePath + "/temp2";
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("&ty=3&lbl=kind:light", List.of(lamp));
        expected.put("&fo=1&ty=3&lbl=kind:sensor", List.of(temp1));
        expected.put("&fo=2&ty=2&lbl=kind:sensor", List.of(lamp, temp1, temp2));
        expected.put("&fo=3&lbl=kind:sensor", List.of(lamp, temp2));
        expected.put("&ty=3&lim=1", List.of(lamp));
        expected.put("&ty=3&lim=1&ofst=2", List.of(temp1)); // ofst counts from 1
        expected.put("&fo=2&lbl=kind:light&lim=5&ofst=2", List.of(temp1));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            assertEquals(e.getValue(), discover(aePath, joined, e.getKey(), ae), "joined by the database, " + e.getKey());
            assertEquals(e.getValue(), discover(aePath, filtered, e.getKey(), ae), "by the SPARQL engine, " + e.getKey());
        }
        // Two semanticsFilters: either answers.
        Reply either = cse.get("/" + aePath + "?fu=1&ty=3&smf=" + enc(inBuilding("TemperatureSensor", "BuildingA"))
                + "&smf=" + enc(inBuilding("Light", "BuildingB"))).from(ae).send();
        List<String> found = new ArrayList<>();
        either.json().path("m2m:uril").forEach(n -> found.add(n.asText()));
        assertEquals(List.of(lamp, temp2), found, either.text());
    }

    /** The semanticsFilter is a condition of filter criteria wherever they apply: conditional operations, child lists. */
    @Test
    void ts0004_7_3_3_1_semanticsFilterInAConditionalRetrieveAndAChildList() {
        devices();
        String inB = "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ex:BuildingB }";
        Reply lamp = cse.get("/" + aePath + "/lamp?smf=" + enc(inB)).from(ae).send();
        assertEquals(200, lamp.status(), lamp.text());
        assertEquals("lamp", lamp.json().path("m2m:cnt").path("rn").asText());
        assertEquals(4004, cse.get("/" + aePath + "/temp2?smf=" + enc(inB)).from(ae).send().rsc(), "temp2 is in building A");
        assertEquals(4004, cse.get("/" + aePath + "?smf=" + enc(inB)).from(ae).send().rsc(),
                "the AE's own children hold no descriptor: the descriptors of its grandchildren do not count");
        assertEquals(200, cse.get("/" + aePath + "/temp2?smf=" + enc(inB) + "&fo=2&lbl=kind:sensor").from(ae).send().status(),
                "fo=2: a sensor, or in building B");
        Reply children = cse.get("/" + aePath + "?rcn=6&smf=" + enc(inB)).from(ae).send();
        assertEquals(200, children.status(), children.text());
        List<String> names = new ArrayList<>();
        children.json().path("m2m:rrl").path("rrf").forEach(n -> names.add(n.path("nm").asText()));
        assertEquals(List.of("lamp", "temp1"), names, children.text());
    }

    @Test
    void ts0004_7_3_3_18_onlyDescriptorsTheOriginatorMayDiscoverCount() {
        devices();
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("stranger"));
        String inB = "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ex:BuildingB }";
        assertEquals(List.of(), discover("cse-in", inB, "&lbl=kind:light", stranger));
        assertEquals(List.of(aePath + "/lamp"), discover(aePath, inB, "&lbl=kind:light", OneM2MClient.ADMIN));
        // The stranger may discover the lamp (acop 32), not its descriptor: the descriptor does not count for it.
        String acp = cse.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63},"
                + "{\"acor\":[\"" + stranger + "\"],\"acop\":32}]},\"pvs\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63}]}}}")
                .from(ae).send().json().path("m2m:acp").path("ri").asText();
        assertEquals(2004, cse.put("/" + aePath + "/lamp", "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"]}}").from(ae).send().rsc());
        assertEquals(List.of(aePath + "/lamp"), discover(aePath, "", "&lbl=kind:light", stranger).stream()
                .filter(u -> !u.isEmpty()).toList(), "the lamp itself is discoverable");
        assertEquals(List.of(), discover(aePath, inB, "&lbl=kind:light", stranger));
        assertEquals(2004, cse.put("/" + aePath + "/lamp/desc", "{\"m2m:smd\":{\"acpi\":[\"" + acp + "\"]}}").from(ae).send().rsc());
        assertEquals(List.of(aePath + "/lamp"), discover(aePath, inB, "&lbl=kind:light", stranger), "now the descriptor counts");
    }

    @Test
    void ts0004_7_3_3_19_1_semanticQueryOverTheDescriptorsBelowTheTarget() {
        devices();
        String select = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?device ex:locatedIn ex:BuildingB } ORDER BY ?device";
        Reply r = cse.get("/" + aePath + "?sqi=true&rcn=10&smf=" + enc(select)).from(ae).send();
        assertEquals(200, r.status(), r.text());
        JsonNode result = queryResult(r);
        assertEquals("device", result.path("head").path("vars").path(0).asText(), r.text());
        JsonNode bindings = result.path("results").path("bindings");
        assertEquals(2, bindings.size(), r.text());
        assertEquals(EX + "lamp", bindings.path(0).path("device").path("value").asText());
        assertEquals(EX + "temp1", bindings.path(1).path("device").path("value").asText());
        // The data basis is the union of the descriptors: a pattern may join triples of two of them.
        String across = "PREFIX ex: <" + EX + "> ASK { ex:temp1 ex:locatedIn ?b . ex:lamp ex:locatedIn ?b }";
        assertTrue(queryResult(cse.get("/" + aePath + "?sqi=true&smf=" + enc(across)).from(ae).send()).path("boolean").asBoolean());
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("stranger"));
        Reply theirs = cse.get("/" + aePath + "?sqi=true&rcn=10&smf=" + enc(select)).from(stranger).send();
        assertEquals(0, queryResult(theirs).path("results").path("bindings").size(), "only what they may retrieve: " + theirs.text());
        Reply xml = cse.get("/" + aePath + "?sqi=true&smf=" + enc(across)).from(ae).header("Accept", "application/xml").send();
        assertEquals(200, xml.status(), xml.text());
        assertTrue(xml.text().contains("qres") && xml.text().contains("boolean"), xml.text());
        assertEquals(4000, cse.get("/" + aePath + "?sqi=true&rcn=1&smf=" + enc(select)).from(ae).send().rsc());
        assertEquals(4000, cse.get("/" + aePath + "?sqi=true").from(ae).send().rsc(), "no smf");
    }

    @Test
    void ts0004_7_3_3_19_anXmlPrimitiveCarriesTheW3cXmlResultsDocument() throws Exception {
        devices();
        String select = "PREFIX ex: <" + EX + "> SELECT ?device WHERE { ?device ex:locatedIn ex:BuildingB } ORDER BY ?device";
        Reply r = cse.get("/" + aePath + "?sqi=true&rcn=10&smf=" + enc(select)).from(ae).header("Accept", "application/xml").send();
        assertEquals(200, r.status(), r.text());
        org.w3c.dom.Element sparql = sparqlXml(r);
        assertEquals("device", ((org.w3c.dom.Element) sparql.getElementsByTagNameNS(SPARQL_RESULTS, "variable").item(0))
                .getAttribute("name"), r.text());
        org.w3c.dom.NodeList uris = sparql.getElementsByTagNameNS(SPARQL_RESULTS, "uri");
        assertEquals(2, uris.getLength(), r.text());
        assertEquals(EX + "lamp", uris.item(0).getTextContent());
        assertEquals(EX + "temp1", uris.item(1).getTextContent());
        String ask = "PREFIX ex: <" + EX + "> ASK { ex:temp1 ex:locatedIn ex:BuildingA }";
        Reply no = cse.get("/" + aePath + "?sqi=true&smf=" + enc(ask)).from(ae).header("Accept", "application/xml").send();
        assertEquals("false", sparqlXml(no).getElementsByTagNameNS(SPARQL_RESULTS, "boolean").item(0).getTextContent(), no.text());
        // A JSON primitive still carries the JSON results document.
        assertFalse(queryResult(cse.get("/" + aePath + "?sqi=true&smf=" + enc(ask)).from(ae).send()).path("boolean").asBoolean());
    }

    private Reply instance(String cnt, String cnf, String conJson) {
        return cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"rn\":\"" + OneM2MClient.unique("i") + "\",\"cnf\":\"" + cnf
                + "\",\"con\":" + conJson + "}}").from(ae).send();
    }

    @Test
    void ts0004_7_4_7_2_1_rdfContentIsDuplicatedAsTriplesInASemanticDescriptorChild() {
        String cnt = container(aePath, "readings", null);
        String turtle = sensor("t9", "TemperatureSensor", "BuildingD");
        Reply cin = instance(cnt, "text/turtle:0", json(turtle));
        assertEquals(201, cin.status(), cin.text());
        String cinPath = cnt + "/" + cin.json().path("m2m:cin").path("rn").asText();
        Reply smd = cse.get("/" + cinPath + "/contentDescriptor").from(ae).send();
        assertEquals(200, smd.status(), smd.text());
        assertEquals(24, smd.json().path("m2m:smd").path("ty").asInt());
        assertEquals(5, smd.json().path("m2m:smd").path("dcrp").asInt(), smd.text());
        assertEquals(turtle, unb64(smd.json().path("m2m:smd").path("dsp").asText()));
        assertEquals(List.of(cinPath), discover(aePath, inBuilding("TemperatureSensor", "BuildingD"), "", ae),
                "semantic discovery finds the instance by its content");

        // Base64 content (encoding 1), and JSON-LD given as JSON.
        Reply b64 = instance(cnt, "text/turtle:1", json(b64(sensor("t10", "Light", "BuildingD"))));
        assertEquals(201, b64.status(), b64.text());
        Reply ld = instance(cnt, "application/ld+json:0", "{\"@id\":\"" + EX + "t11\",\"" + EX + "locatedIn\":{\"@id\":\""
                + EX + "BuildingE\"}}");
        assertEquals(201, ld.status(), ld.text());
        String ldPath = cnt + "/" + ld.json().path("m2m:cin").path("rn").asText();
        assertEquals(7, cse.get("/" + ldPath + "/contentDescriptor").from(ae).send().json().path("m2m:smd").path("dcrp").asInt());
        assertEquals(List.of(ldPath), discover(aePath, "PREFIX ex: <" + EX + "> ASK { ?s ex:locatedIn ex:BuildingE }", "", ae));

        // Content that is no RDF, or does not parse, is kept as given, with no descriptor.
        for (Reply other : List.of(instance(cnt, "text/plain:0", json(turtle)), instance(cnt, "text/turtle:0", json("ex:a ex:b")))) {
            assertEquals(201, other.status(), other.text());
            String path = cnt + "/" + other.json().path("m2m:cin").path("rn").asText();
            assertEquals(4004, cse.get("/" + path + "/contentDescriptor").from(ae).send().rsc(), other.text());
        }
    }

    @Test
    void ts0004_7_4_7_1_4_aSemanticDescriptorMayBeCreatedUnderAContentInstanceAndGoesWithIt() {
        Reply cnt = cse.create("/" + aePath, 3, "{\"m2m:cnt\":{\"rn\":\"quota\",\"mni\":1}}").from(ae).send();
        assertEquals(201, cnt.status(), cnt.text());
        String quota = aePath + "/quota";
        Reply first = instance(quota, "text/plain:0", json("21.5"));
        String firstPath = quota + "/" + first.json().path("m2m:cin").path("rn").asText();
        Reply smd = descriptor(firstPath, 5, sensor("q1", "TemperatureSensor", "BuildingF"), "");
        assertEquals(201, smd.status(), smd.text());
        assertEquals(List.of(firstPath), discover(aePath, inBuilding("TemperatureSensor", "BuildingF"), "", ae));
        // mni 1: the next instance removes the first, and its descriptor with it.
        Reply second = instance(quota, "text/turtle:0", json(sensor("q2", "TemperatureSensor", "BuildingG")));
        assertEquals(201, second.status(), second.text());
        assertEquals(4004, cse.get("/" + firstPath + "/desc").from(ae).send().rsc());
        assertEquals(List.of(), discover(aePath, inBuilding("TemperatureSensor", "BuildingF"), "", ae));
        String secondPath = quota + "/" + second.json().path("m2m:cin").path("rn").asText();
        assertEquals(200, cse.get("/" + secondPath + "/contentDescriptor").from(ae).send().status());
        // Deleted directly, it takes its descriptor too.
        assertEquals(200, cse.delete("/" + secondPath).from(ae).send().status());
        assertEquals(4004, cse.get("/" + secondPath + "/contentDescriptor").from(ae).send().rsc());
        assertEquals(List.of(), discover(aePath, inBuilding("TemperatureSensor", "BuildingG"), "", ae));
    }

    @Test
    void ts0004_7_3_3_18_aSemanticsFilterThatIsNoSparqlIs4143() {
        // INVALID_SPARQL_QUERY came with Release 4; a Release 3 originator is answered 4000 .
        assertError(cse.get("/" + ae + "?fu=1&smf=" + enc("SELECT WHERE {")).from(ae).header("X-M2M-RVI", "4").send(),
                4143, "semanticsFilter");
        assertError(cse.get("/" + ae + "?fu=1&smf=" + enc("SELECT WHERE {")).from(ae).send(), 4000, "semanticsFilter");
        assertError(cse.get("/" + ae + "?fu=1&smf=" + enc("SELECT * WHERE { SERVICE <http://example.org/sparql>"
                + " { ?s ?p ?o } }")).from(ae).send(), 4000, "SERVICE");
    }

    @Test
    void ts0004_7_4_34_hostileInput_hugeDescriptorAndRunawayQueryAreBoundedErrors() {
        String cnt = container(aePath, "big", null);
        StringBuilder huge = new StringBuilder(PREFIXES);
        for (int i = 0; huge.length() < 70_000; i++) {
            huge.append("ex:s").append(i).append(" ex:p ex:o").append(i).append(" .\n");
        }
        assertError(descriptor(cnt, 5, huge.toString(), ""), 4000, "keel.semantics.descriptor-max-bytes");
        StringBuilder many = new StringBuilder(PREFIXES);
        for (int i = 0; i < 300; i++) {
            many.append("ex:s").append(i).append(" ex:p ex:o").append(i).append(" .\n");
        }
        assertEquals(201, descriptor(cnt, 5, many.toString(), "").status());
        long start = System.nanoTime();
        Reply r = cse.get("/" + ae + "?fu=1&smf=" + enc("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")).from(ae).send();
        assertError(r, 4000, "keel.semantics");
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "bounded");
        assertFalse(r.text().contains("Exception"), r.text());
    }

    /** The SPARQL JSON results document a semantic query's m2m:qres carries (TS-0004 7.3.3.19). */
    private static JsonNode queryResult(Reply r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.json().path("m2m:qres").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError("m2m:qres is no JSON: " + r.text(), e);
        }
    }

    private static final String SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#";

    /** The W3C SPARQL XML results document an XML primitive's m2m:qres carries as text (TS-0004 7.3.3.19). */
    static org.w3c.dom.Element sparqlXml(Reply r) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document primitive = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                r.text().getBytes(StandardCharsets.UTF_8)));
        assertEquals("qres", primitive.getDocumentElement().getLocalName(), r.text());
        String qres = primitive.getDocumentElement().getTextContent();
        org.w3c.dom.Element sparql = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                qres.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertEquals(SPARQL_RESULTS, sparql.getNamespaceURI(), qres);
        assertEquals("sparql", sparql.getLocalName(), qres);
        return sparql;
    }

    /** TS-0009 6.2.2.2: a raw '+' separates list items, so spaces go as %20. */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
