package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Announcement of the semantic resource types between an MN-CSE and its IN-CSE (TS-0004 7.4.34, 7.4.46, 7.4.47,
 * 7.4.26; TS-0001 tables 9.6.30-2, 9.6.50-2, 9.6.51-2): a semanticDescriptor announced with its descriptor becomes a
 * semanticDescriptorAnnc on the IN whose triples semantic discovery and semantic queries there see, kept in step and
 * deleted with its original; an ontologyRepository and its ontology are announced as ontologyRepositoryAnnc and
 * ontologyAnnc.
 */
class SemanticAnnouncementIT extends TwoCsesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EX = "http://example.org/building#";

    @BeforeAll
    static void startTwoCses() {
        startCses("keel-semantic-annc");
        Eventually.holds(WAIT, () -> send(atMn.get("/cse-mn/id-in")).status() == 200, "the MN registered with the IN");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sensor(String name, String building) {
        return "@prefix ex: <" + EX + "> .\nex:" + name + " a ex:TemperatureSensor ;\n  ex:locatedIn ex:" + building + " .\n";
    }

    private static String inBuilding(String building) {
        return "PREFIX ex: <" + EX + "> SELECT ?s WHERE { ?s ex:locatedIn ex:" + building + " }";
    }

    /** The entry of the original's at that names its announced resource on the IN, or null while there is none. */
    private static String announcedOnIn(String path, String root) {
        Reply r = send(atMn.get(path));
        assertEquals(200, r.status(), r.text());
        for (JsonNode at : r.json().path(root).path("at")) {
            if (at.asText().startsWith("/id-in/")) {
                return at.asText();
            }
        }
        return null;
    }

    private static String announced(String path, String root) {
        Eventually.holds(WAIT, () -> announcedOnIn(path, root) != null, path + " announced to the IN");
        return announcedOnIn(path, root);
    }

    private static Reply onIn(String spRelativeId) {
        return send(atIn.get("/~" + spRelativeId));
    }

    private static List<String> discoveredOnIn(String smf) {
        Reply r = send(atIn.get("/cse-in?fu=1&smf=" + enc(smf)));
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A container announced to the IN; its path on the MN. */
    private static String announcedContainer() {
        String name = OneM2MClient.unique("room");
        Reply cnt = send(atMn.create("/cse-mn", 3, "{\"m2m:cnt\":{\"rn\":\"" + name + "\",\"at\":[\"/id-in\"]}}"));
        assertEquals(201, cnt.status(), cnt.text());
        return "/cse-mn/" + name;
    }

    @Test
    void ts0004_7_4_34_aDescriptorIsAnnouncedAndItsTriplesTakePartInSemanticDiscoveryOnTheIn() {
        String cnt = announcedContainer();
        String cntA = announced(cnt, "m2m:cnt");
        String sensor = OneM2MClient.unique("t");
        Reply smd = send(atMn.create(cnt, 24, "{\"m2m:smd\":{\"rn\":\"desc\",\"dcrp\":5,\"dsp\":\"" + b64(sensor(sensor, "B7"))
                + "\",\"at\":[\"/id-in\"],\"aa\":[\"dcrp\",\"dsp\"]}}"));
        assertEquals(201, smd.status(), smd.text());
        String path = cnt + "/desc";
        String smdA = announced(path, "m2m:smd");

        Reply got = onIn(smdA);
        assertEquals(200, got.status(), got.text());
        JsonNode a = got.json().path("m2m:smdA");
        assertEquals(10024, a.path("ty").asInt(), a.toString());
        assertEquals(5, a.path("dcrp").asInt(), a.toString());
        assertEquals(sensor(sensor, "B7"), new String(Base64.getDecoder().decode(a.path("dsp").asText()), StandardCharsets.UTF_8));
        assertEquals(cntA.substring("/id-in/".length()), a.path("pi").asText(), "below the announced container: " + a);
        assertTrue(a.path("lnk").asText().startsWith("/id-mn/"), a.toString());

        // The announced triples answer semantic discovery and semantic queries on the IN: the announced parent is found.
        String cntAPath = onIn(cntA).json().path("m2m:cntA").path("rn").asText();
        Eventually.holds(WAIT, () -> discoveredOnIn(inBuilding("B7")).stream().anyMatch(u -> u.endsWith("/" + cntAPath)),
                "semantic discovery on the IN finds the announced container");
        Reply query = send(atIn.get("/cse-in?sqi=true&rcn=10&smf=" + enc(inBuilding("B7"))));
        assertEquals(200, query.status(), query.text());
        assertTrue(query.json().path("m2m:qres").asText().contains(EX + sensor), query.text());

        // Kept in step: a semanticOpExec on the original moves the sensor, and so does the index on the IN.
        String move = "PREFIX ex: <" + EX + "> DELETE { ?s ex:locatedIn ex:B7 } INSERT { ?s ex:locatedIn ex:B8 }"
                + " WHERE { ?s ex:locatedIn ex:B7 }";
        Reply moved = send(atMn.put(path, "{\"m2m:smd\":{\"soe\":\"" + move + "\"}}"));
        assertEquals(200, moved.status(), moved.text());
        Eventually.holds(WAIT, () -> discoveredOnIn(inBuilding("B8")).stream().anyMatch(u -> u.endsWith("/" + cntAPath)),
                "the IN sees the updated descriptor");
        assertTrue(discoveredOnIn(inBuilding("B7")).stream().noneMatch(u -> u.endsWith("/" + cntAPath)));

        // aa without dsp: the announced descriptor is cleared there, and its triples no longer count.
        assertEquals(200, send(atMn.put(path, "{\"m2m:smd\":{\"aa\":[\"dcrp\"]}}")).status());
        Eventually.holds(WAIT, () -> !onIn(smdA).json().path("m2m:smdA").has("dsp"), "dsp cleared on the IN");
        assertTrue(discoveredOnIn(inBuilding("B8")).stream().noneMatch(u -> u.endsWith("/" + cntAPath)));

        // Deleted with its original.
        assertEquals(200, send(atMn.delete(path)).status());
        Eventually.holds(WAIT, () -> onIn(smdA).rsc() == 4004, "the announced descriptor is deleted on the IN");
    }

    @Test
    void ts0001_9_6_30_aaNamingTheDescriptorWithoutItsRepresentationIs4000() {
        String cnt = announcedContainer();
        Reply smd = send(atMn.create(cnt, 24, "{\"m2m:smd\":{\"dcrp\":5,\"dsp\":\"" + b64(sensor("x", "B1"))
                + "\",\"at\":[\"/id-in\"],\"aa\":[\"dsp\"]}}"));
        assertEquals(4000, smd.rsc(), smd.text());
        assertTrue(smd.json().path("m2m:dbg").asText().contains("dcrp"), smd.text());
        Reply soe = send(atMn.create(cnt, 24, "{\"m2m:smd\":{\"dcrp\":5,\"dsp\":\"" + b64(sensor("x", "B1"))
                + "\",\"at\":[\"/id-in\"],\"aa\":[\"soe\"]}}"));
        assertEquals(4000, soe.rsc(), "semanticOpExec is NA: " + soe.text());
    }

    @Test
    void ts0004_7_4_46_and_7_4_47_anOntologyRepositoryAndItsOntologyAreAnnounced() {
        Reply ontr = send(atMn.create("/cse-mn", 38, "{\"m2m:ontr\":{\"rn\":\"ontologies\",\"lbl\":[\"kind:ontologies\"],"
                + "\"at\":[\"/id-in\"]}}"));
        assertEquals(201, ontr.status(), ontr.text());
        String ontrA = announced("/cse-mn/ontologies", "m2m:ontr");
        JsonNode repo = onIn(ontrA).json().path("m2m:ontrA");
        assertEquals(10038, repo.path("ty").asInt(), repo.toString());
        assertEquals("kind:ontologies", repo.path("lbl").path(0).asText(), "labels are MA: " + repo);
        assertEquals("id-mn", repo.path("pi").asText(), "below the MN's <remoteCSE>: " + repo);

        String owl = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<" + EX + "> a owl:Ontology .\n";
        Reply ont = send(atMn.create("/cse-mn/ontologies", 39, "{\"m2m:ont\":{\"rn\":\"building\",\"ontf\":5,\"ontc\":\""
                + b64(owl) + "\",\"dc\":\"buildings\",\"at\":[\"/id-in\"],\"aa\":[\"ontf\",\"ontc\"]}}"));
        assertEquals(201, ont.status(), ont.text());
        String ontA = announced("/cse-mn/ontologies/building", "m2m:ont");
        JsonNode announcedOntology = onIn(ontA).json().path("m2m:ontA");
        assertEquals(10039, announcedOntology.path("ty").asInt(), announcedOntology.toString());
        assertEquals(repo.path("ri").asText(), announcedOntology.path("pi").asText(), "below the announced repository");
        assertEquals(5, announcedOntology.path("ontf").asInt(), announcedOntology.toString());
        assertEquals(b64(owl), announcedOntology.path("ontc").asText(), announcedOntology.toString());
        assertTrue(announcedOntology.path("dc").isMissingNode(), "aa does not name dc: " + announcedOntology);

        assertEquals(200, send(atMn.delete("/cse-mn/ontologies")).status());
        Eventually.holds(WAIT, () -> onIn(ontrA).rsc() == 4004 && onIn(ontA).rsc() == 4004,
                "both are deleted on the IN with their originals");
    }
}
