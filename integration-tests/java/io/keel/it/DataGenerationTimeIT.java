package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dataGenerationTime (dgt) on a contentInstance (Release 4, as on a timeSeriesInstance, TS-0004 7.4.39) and the
 * generation-time conditions of filter criteria, Keel's dgb/dga, matched as createdBefore/createdAfter are
 * (TS-0004 7.3.3.17.1): generatedAfter ≤ dgt < generatedBefore; a resource without dgt meets neither.
 */
class DataGenerationTimeIT extends KeelIT {
    private static final String T0 = "20250101T000000";
    private static final String T1 = "20250101T000010";
    private static final String T2 = "20250101T000020";
    private String ae;
    private String base;

    @BeforeEach
    void registerAe() {
        String name = OneM2MClient.unique("dgt");
        ae = cse.registerAe("C" + OneM2MClient.unique("dgt"), name);
        base = "cse-in/" + name + "/";
    }

    private Reply cin(String cnt, String attributes) {
        return cse.create("/" + ae + "/" + cnt, 4, "{\"m2m:cin\":{" + attributes + "}}").header("X-M2M-RVI", "4").from(ae).send();
    }

    private void created(Reply r) {
        assertEquals(201, r.status(), r.text());
    }

    private List<String> discover(String query) {
        Reply r = cse.get("/" + ae + "?fu=1&" + query).header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(200, r.status(), query + " → " + r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText().substring(base.length())));
        return out;
    }

    @Test
    void ts0004_r4_7_4_7_aContentInstanceKeepsTheDataGenerationTimeItsOriginatorGave() {
        created(cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}").from(ae).send());
        Reply given = cin("c", "\"rn\":\"g\",\"dgt\":\"" + T1 + "\",\"con\":\"21\"");
        created(given);
        assertEquals(T1 + ",000000", given.json().path("m2m:cin").path("dgt").asText(), given.text());
        Reply read = cse.get("/" + ae + "/c/g").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(T1 + ",000000", read.json().path("m2m:cin").path("dgt").asText(), read.text());

        // Optional: without it the instance has none (the CSE does not invent one).
        Reply without = cin("c", "\"rn\":\"n\",\"con\":\"22\"");
        created(without);
        assertTrue(without.json().path("m2m:cin").path("dgt").isMissingNode(), without.text());

        // A relative m2m:absRelTimestamp counts from now and is stored absolute.
        Reply relative = cin("c", "\"rn\":\"r\",\"dgt\":\"-60000\",\"con\":\"23\"");
        created(relative);
        assertTrue(relative.json().path("m2m:cin").path("dgt").asText().matches("\\d{8}T\\d{6},\\d{6}"), relative.text());
    }

    @Test
    void ts0004_r4_7_4_7_aDataGenerationTimeThatIsNoTimestampOrFromAnOlderReleaseIs4000() {
        created(cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}").from(ae).send());
        Reply bad = cin("c", "\"dgt\":\"yesterday\",\"con\":\"1\"");
        assertEquals(4000, bad.rsc(), bad.text());
        assertTrue(bad.text().contains("dgt"), bad.text());
        Reply structured = cin("c", "\"dgt\":{\"at\":1},\"con\":\"1\"");
        assertEquals(4000, structured.rsc(), structured.text());
        assertTrue(structured.text().contains("dgt"), structured.text());

        Reply release3 = cse.create("/" + ae + "/c", 4, "{\"m2m:cin\":{\"dgt\":\"" + T0 + "\",\"con\":\"1\"}}")
                .header("X-M2M-RVI", "3").from(ae).send();
        assertEquals(4000, release3.rsc(), release3.text());
        assertTrue(release3.text().contains("dgt"), release3.text());
        assertEquals(0, cse.get("/" + ae + "/c").from(ae).send().json().path("m2m:cnt").path("cni").asInt(),
                "nothing was stored");
    }

    @Test
    void ts0004_r4_7_3_3_17_generationTimeConditionsOnContentInstances() {
        created(cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}").from(ae).send());
        // Created in another order than generated: the conditions go by dgt, not by ct.
        created(cin("c", "\"rn\":\"b\",\"dgt\":\"" + T1 + "\",\"con\":\"1\""));
        created(cin("c", "\"rn\":\"a\",\"dgt\":\"" + T0 + "\",\"con\":\"2\""));
        created(cin("c", "\"rn\":\"c2\",\"dgt\":\"" + T2 + "\",\"con\":\"3\""));
        created(cin("c", "\"rn\":\"none\",\"lbl\":[\"marked\"],\"con\":\"4\""));

        assertEquals(List.of("c/b", "c/c2"), discover("ty=4&dga=" + T1), "generatedAfter is inclusive");
        assertEquals(List.of("c/a"), discover("ty=4&dgb=" + T1), "generatedBefore is strict");
        assertEquals(List.of("c/a", "c/b"), discover("dga=" + T0 + "&dgb=" + T2), "both: an interval");
        assertEquals(List.of(), discover("dga=" + T2 + "&dgb=" + T0), "an empty interval");
        // Only what has a dgt can meet a generation-time condition: not the AE, the container, the instance without.
        assertEquals(List.of("c/a", "c/b", "c/c2"), discover("dga=19700101T000000"));
        // With filterOperation OR, the instance without dgt is found by its other condition only.
        assertEquals(List.of("c/c2", "c/none"), discover("fo=2&dga=" + T2 + "&lbl=marked"));
    }

    @Test
    void ts0004_r4_7_3_3_17_generationTimeConditionsOnTimeSeriesInstancesAndWithTheContentFilter() {
        created(cse.create("/" + ae, 29, "{\"m2m:ts\":{\"rn\":\"s\"}}").from(ae).send());
        for (String[] point : new String[][] {{T0, "{\\\"temp\\\":19}"}, {T1, "{\\\"temp\\\":25}"}, {T2, "{\\\"temp\\\":26}"}}) {
            Reply tsi = cse.create("/" + ae + "/s", 30, "{\"m2m:tsi\":{\"rn\":\"p" + point[0].substring(13) + "\",\"dgt\":\""
                    + point[0] + "\",\"con\":\"" + point[1] + "\"}}").from(ae).send();
            created(tsi);
        }
        assertEquals(List.of("s/p10", "s/p20"), discover("ty=30&dga=" + T1));
        assertEquals(List.of("s/p00", "s/p10"), discover("ty=30&dgb=" + T2));
        // Generation time and content: warm readings generated before T2.
        String warm = URLEncoder.encode("$[?(@.temp > 20)]", StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(List.of("s/p10"), discover("ty=30&dgb=" + T2 + "&cfs=1&cfq=" + warm));
        // A child list (rcn 4) of the instances generated from T1 on.
        Reply children = cse.get("/" + ae + "/s?rcn=4&dga=" + T1).from(ae).send();
        assertEquals(200, children.status(), children.text());
        JsonNode listed = children.json().path("m2m:ts").path("m2m:tsi");
        assertEquals(2, listed.size(), children.text());
        assertEquals(T1 + ",000000", listed.get(0).path("dgt").asText(), children.text());
        assertEquals(T2 + ",000000", listed.get(1).path("dgt").asText(), children.text());
        // A conditional retrieve of the newest instance generated before T1.
        Reply older = cse.get("/" + ae + "/s/la?dgb=" + T1).from(ae).send();
        assertEquals(4004, older.rsc(), "the newest instance (T2) does not meet dgb=T1: " + older.text());
        Reply newest = cse.get("/" + ae + "/s/la?dga=" + T1).from(ae).send();
        assertEquals(200, newest.status(), newest.text());
        JsonNode tsi = newest.json().path("m2m:tsi");
        assertEquals(T2 + ",000000", tsi.path("dgt").asText(), newest.text());
    }

    @Test
    void ts0004_r4_7_3_3_17_aGenerationTimeConditionThatIsNoTimestampIs4000NamingIt() {
        Reply bad = cse.get("/" + ae + "?fu=1&dga=soon").from(ae).send();
        assertEquals(4000, bad.rsc(), bad.text());
        assertTrue(bad.text().contains("dga"), bad.text());
        Reply twice = cse.get("/" + ae + "?fu=1&dgb=" + T0 + "&dgb=" + T1).from(ae).send();
        assertEquals(4000, twice.rsc(), twice.text());
    }
}
