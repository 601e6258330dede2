package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery and filter criteria (TS-0009 6.2.2.2, table 6.2.2.2-1; TS-0004 6.3.5.8, 7.3.3.14, 7.3.3.17). */
class DiscoveryIT extends KeelIT {
    private String ae;
    private String aeName;
    private String base;
    private Instant before;

    /**
     * ae / temp (cnt, lbl=room:kitchen, mni=100) / cin x3 (text/plain, 1, 22, 333 bytes)
     *    / hum (cnt, lbl=room:bath) / cin x1 (application/json)
     *    / deep (cnt) / inner (cnt, lbl=room:kitchen)
     */
    @BeforeEach
    void tree() {
        before = Instant.now().minusMillis(5);
        aeName = OneM2MClient.unique("disc");
        ae = cse.registerAe("C" + OneM2MClient.unique("disc"), aeName);
        base = "cse-in/" + aeName;
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"temp\",\"lbl\":[\"room:kitchen\",\"sensor\"],\"mni\":100}}");
        create("/" + ae + "/temp", 4, "{\"m2m:cin\":{\"rn\":\"t1\",\"cnf\":\"text/plain:0\",\"con\":\"1\"}}");
        create("/" + ae + "/temp", 4, "{\"m2m:cin\":{\"rn\":\"t2\",\"cnf\":\"text/plain:0\",\"con\":\"22\"}}");
        create("/" + ae + "/temp", 4, "{\"m2m:cin\":{\"rn\":\"t3\",\"cnf\":\"text/plain:0\",\"con\":\"333\"}}");
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"hum\",\"lbl\":[\"room:bath\"]}}");
        create("/" + ae + "/hum", 4, "{\"m2m:cin\":{\"rn\":\"h1\",\"cnf\":\"application/json:0\",\"con\":{\"v\":1}}}");
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"deep\"}}");
        create("/" + ae + "/deep", 3, "{\"m2m:cnt\":{\"rn\":\"inner\",\"lbl\":[\"room:kitchen\"]}}");
    }

    private void create(String path, int ty, String body) {
        Reply r = cse.create(path, ty, body).from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    private List<String> discover(String query) {
        Reply r = cse.get("/" + ae + "?fu=1&" + query).from(ae).send();
        assertEquals(200, r.status(), query + " → " + r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText().substring(base.length() + 1)));
        return out;
    }

    @Test
    void ts0004_7_3_3_14_allDescendantsInStructuredOrder() {
        assertEquals(List.of("deep", "deep/inner", "hum", "hum/h1", "temp", "temp/t1", "temp/t2", "temp/t3"), discover("lvl=9"));
    }

    /** TS-0001 table 8.1.2-1: a discovery takes child resource references only; Release 4 adds 11, the default. */
    @Test
    void ts0004_7_3_2_1_aDiscoveryTakesTheResultContentsItsReleaseAllowsOnly() {
        assertEquals(4000, cse.get("/" + ae + "?fu=1&rcn=1").from(ae).send().rsc(), "attributes: not for a discovery");
        assertEquals(4000, cse.get("/" + ae + "?fu=1&rcn=11").from(ae).send().rsc(), "11 is unknown to Release 3");
        Reply release4 = cse.get("/" + ae + "?fu=1&rcn=11&ty=3&lvl=1").from(ae).header("X-M2M-RVI", "4").send();
        assertEquals(200, release4.status(), release4.text());
        assertEquals(3, release4.json().path("m2m:uril").size(), release4.text());
        assertEquals(3, cse.get("/" + ae + "?fu=1&ty=3&lvl=1").from(ae).send().json().path("m2m:uril").size());
    }

    /** A label is an xs:token (TS-0004 table 6.3.2-1): it may hold single spaces, and discovery finds it by them. */
    @Test
    void ts0004_6_3_2_aLabelWithInnerSpacesIsStoredAndDiscovered() {
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"old\",\"lbl\":[\"To be deleted\"]}}");
        assertEquals(List.of("old"), discover("lbl=To%20be%20deleted"));
        Reply doubled = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"lbl\":[\"To  be\"]}}").from(ae).send();
        assertEquals(4000, doubled.rsc(), doubled.text());
    }

    @Test
    void structuredOrderIsByCharacterCodeWhateverTheDatabaseCollation() {
        for (String rn : new String[] {"alpha", "a_b", "Zeta", "a-c"}) {
            create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}");
        }
        // A language collation would put "Zeta" last and "a_b" first; ofst/lim pages must not depend on the database.
        assertEquals(List.of("Zeta", "a-c", "a_b", "alpha", "deep", "deep/inner", "hum", "temp"), discover("ty=3"));
        assertEquals(List.of("a_b", "alpha"), discover("ty=3&ofst=3&lim=2"));
    }

    @Test
    void anUnderscoreInANameStandsForItselfInSubtreeQueries() {
        // Subtrees are srn LIKE 'prefix/%' queries, where an unescaped "_" would match any character.
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"p_q\"}}");
        create("/" + ae + "/p_q", 3, "{\"m2m:cnt\":{\"rn\":\"mine\"}}");
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"pxq\"}}");
        create("/" + ae + "/pxq", 3, "{\"m2m:cnt\":{\"rn\":\"other\"}}");
        Reply below = cse.get("/" + ae + "/p_q?fu=1").from(ae).send();
        assertEquals(200, below.status(), below.text());
        assertEquals(List.of(base + "/p_q/mine"), List.of(below.json().path("m2m:uril").get(0).asText()));
        assertEquals(1, below.json().path("m2m:uril").size(), below.text());
        assertEquals(200, cse.delete("/" + ae + "/p_q").from(ae).send().status());
        assertEquals(200, cse.get("/" + ae + "/pxq/other").from(ae).send().status(), "deleting p_q leaves pxq's subtree");
    }

    @Test
    void ts0004_7_3_3_17_6_resourceTypesAreOred() {
        assertEquals(List.of("deep", "deep/inner", "hum", "temp"), discover("ty=3"));
        assertEquals(8, discover("ty=3+4").size());
        assertEquals(8, discover("ty=3&ty=4").size());
    }

    @Test
    void ts0004_7_3_3_17_5_anyLabelMatches() {
        assertEquals(List.of("deep/inner", "temp"), discover("lbl=room:kitchen"));
        assertEquals(List.of("deep/inner", "hum", "temp"), discover("lbl=room:kitchen+room:bath"));
    }

    @Test
    void ts0004_7_3_3_17_7_sizeAboveIsInclusiveAndSizeBelowStrict() {
        assertEquals(List.of("hum/h1", "temp/t2", "temp/t3"), discover("ty=4&sza=2"), "h1 holds 7 bytes of JSON");
        assertEquals(List.of("temp/t1", "temp/t2"), discover("ty=4&szb=3&cty=text/plain"));
    }

    @Test
    void ts0004_7_3_3_17_8_contentTypeOfInstances() {
        assertEquals(List.of("hum/h1"), discover("cty=application/json"));
    }

    @Test
    void ts0004_7_3_3_17_1_createdAfterAndBefore() {
        String t0 = Times.format(before);
        String later = Times.format(Instant.now().plusSeconds(60));
        assertEquals(8, discover("cra=" + t0).size());
        assertEquals(8, discover("crb=" + later).size());
        assertEquals(List.of(), discover("cra=" + later));
        assertEquals(List.of(), discover("cra=" + later + "&crb=" + t0), "both: the interval between them");
        // createdAfter ≤ ct < createdBefore: the resource created at that very time is after, not before.
        String ct = cse.get("/" + ae + "/temp/t2").from(ae).send().json().path("m2m:cin").path("ct").asText();
        List<String> after = discover("ty=4&cra=" + ct);
        assertTrue(after.contains("temp/t2") && !after.contains("temp/t1"), after.toString());
        List<String> beforeIt = discover("ty=4&crb=" + ct);
        assertEquals(List.of("temp/t1"), beforeIt);
    }

    @Test
    void ts0004_7_3_3_17_2_modifiedSinceAndUnmodifiedSince() {
        String t0 = Times.format(before);
        String later = Times.format(Instant.now().plusSeconds(60));
        assertEquals(8, discover("ms=" + t0).size());
        assertEquals(List.of(), discover("us=" + t0));
        assertEquals(8, discover("us=" + later).size());
        assertEquals(List.of(), discover("ms=" + later));
    }

    @Test
    void ts0004_7_3_3_17_3_stateTagBiggerIsInclusiveAndSmallerStrict() {
        assertEquals(List.of("temp"), discover("ty=3&stb=3"));
        assertEquals(List.of("deep", "deep/inner"), discover("ty=3&sts=1"), "hum and temp have instances, so st ≥ 1");
        assertEquals(List.of("hum"), discover("ty=3&stb=1&sts=3"));
    }

    @Test
    void ts0004_7_3_3_17_4_expireAfterAndBefore() {
        assertEquals(8, discover("exa=" + Times.format(Instant.now())).size());
        assertEquals(List.of(), discover("exb=" + Times.format(Instant.now())));
    }

    @Test
    void ts0004_7_3_3_17_9_attributeConditions() {
        assertEquals(List.of("temp"), discover("mni=100"));
        assertEquals(List.of("hum"), discover("rn=hum"));
        assertEquals(List.of("hum", "temp"), discover("ty=3&rn=hum&rn=temp"));
        assertEquals(List.of("temp/t2"), discover("con=22"));
        assertEquals(List.of("temp/t1", "temp/t2", "temp/t3"), discover("ty=4&rn=t*"), "a wildcard in discovery");
        assertEquals(4000, cse.get("/" + ae + "?fu=1&nosuchattr=1").from(ae).send().rsc());
    }

    /** All attribute conditions are one condition tag: any of them matching is enough (TS-0004 7.3.3.17.0). */
    @Test
    void ts0004_7_3_3_17_9_attributeConditionsOfDifferentNamesAreOred() {
        assertEquals(List.of("hum", "temp"), discover("rn=hum&mni=100"));
        assertEquals(List.of("temp"), discover("rn=hum&mni=100&lbl=room:kitchen&ty=3"), "ANDed with the other tags");
    }

    @Test
    void ts0004_7_3_3_17_9_attributesWithConditionsOfTheirOwnAre4000() {
        for (String own : List.of("cnf=text/plain:0", "ct=20260101T000000", "st=1", "cs=3", "lt=20260101T000000",
                "et=20990101T000000", "c.cnf=text/plain:0", "p.st=1")) {
            Reply r = cse.get("/" + ae + "?fu=1&" + own).from(ae).send();
            assertEquals(4000, r.rsc(), own + " → " + r.text());
        }
    }

    @Test
    void ts0004_7_3_3_17_6_childAndParentResourceTypes() {
        assertEquals(List.of("deep", "hum", "temp"), discover("chty=3+4"));
        assertEquals(List.of("hum", "temp"), discover("chty=4"));
        assertEquals(List.of("hum/h1", "temp/t1", "temp/t2", "temp/t3"), discover("pty=3&ty=4"));
    }

    @Test
    void ts0004_7_3_3_17_5_childAndParentLabels() {
        assertEquals(List.of("temp/t1", "temp/t2", "temp/t3"), discover("palb=room:kitchen"));
        assertEquals(List.of("deep"), discover("clbl=room:kitchen"));
    }

    @Test
    void ts0004_7_3_3_17_9_childAndParentAttributes() {
        assertEquals(List.of("hum"), discover("chty=4&c.rn=h1"));
        assertEquals(List.of("temp"), discover("c.con=333"));
        assertEquals(List.of("deep/inner"), discover("p.rn=deep"));
        assertEquals(List.of("hum", "temp"), discover("c.rn=h1&c.con=333"), "one tag: any of its pairs");
    }

    @Test
    void ts0004_7_3_3_17_17_aRelativePathLeadsFromTheMatchesToTheResult() {
        assertEquals(List.of("hum/h1", "temp/t3"), discover("ty=3&lbl=sensor+room:bath&arp=la"), "the latest of each container");
        assertEquals(List.of("temp"), discover("ty=4&cty=text/plain&arp=.."), "their container, once");
        assertEquals(List.of(), discover("ty=3&arp=nothing"));
        Reply single = cse.get("/" + ae + "/temp?lbl=sensor&arp=la").from(ae).send();
        assertEquals(4000, single.rsc(), single.text());
        assertTrue(single.text().contains("arp"), single.text());
    }

    @Test
    void ts0004_7_3_3_17_16_labelsQueryExpressions() {
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"porch\",\"lbl\":[\"room\",\"sensor\"]}}");
        assertEquals(List.of("deep/inner", "hum", "porch", "temp"), discover("lbq=room"), "key alone or with a value");
        assertEquals(List.of("deep", "hum"), discover("lbq=NT%20sensor&lvl=1"), "no label with the key");
        assertEquals(List.of("deep/inner", "temp"), discover("lbq=room%20EQ%20kitchen"));
        assertEquals(List.of("deep/inner", "temp"), discover("lbq=room:kitchen"));
        assertEquals(List.of("hum"), discover("lbq=room%20NE%20kitchen"), "porch's bare key has no value to differ");
        assertEquals(List.of("deep/inner", "hum", "temp"), discover("lbq=room%20IN%20(kitchen,%20bath)"));
        assertEquals(List.of(), discover("lbq=room%20NI%20(kitchen,bath)"));
        assertEquals(List.of("temp"), discover("lbq=room:kitchen&ty=3&lvl=1"), "with the other conditions, fo AND");
        assertEquals(List.of("deep", "hum", "porch", "temp"), discover("lbq=room:bath&fo=2&lvl=1&ty=3"), "fo OR");
        Reply bad = cse.get("/" + ae + "?fu=1&lbq=room%20IN%20(kitchen").from(ae).send();
        assertEquals(4000, bad.rsc(), bad.text());
        assertTrue(bad.text().contains("lbq"), bad.text());
    }

    @Test
    void ts0004_7_3_3_17_12_filterOperation() {
        assertEquals(List.of("temp"), discover("lbl=room:kitchen&ty=3&mni=100"));
        assertEquals(List.of("deep/inner", "hum", "temp"), discover("fo=2&lbl=room:bath&mni=100&rn=inner"));
        // XOR: exactly one condition holds: labelled kitchen (temp, inner) xor has mni (temp) → inner only
        assertEquals(List.of("deep/inner"), discover("fo=3&lbl=room:kitchen&mni=100"));
        // ty and cty inside XOR's CASE WHEN: each value its own parameter, or EclipseLink cannot parse the query
        assertEquals(List.of("deep", "hum/h1", "temp/t1", "temp/t2", "temp/t3"), discover("fo=3&ty=3+4&lbl=room:kitchen+room:bath"),
                "the labelled containers meet both conditions");
        assertEquals(List.of("hum/h1"), discover("fo=3&cty=text/plain&ty=4"), "t1 … t3 meet both");
    }

    @Test
    void ts0004_7_3_3_17_14_levelLimitsTheDepth() {
        assertEquals(List.of("deep", "hum", "temp"), discover("lvl=1"));
        assertEquals(8, discover("lvl=2").size());
    }

    @Test
    void ts0004_7_3_3_17_15_limAndOfstPageWithoutSkippingOrRepeating() {
        List<String> all = discover("ty=3+4");
        List<String> paged = new ArrayList<>();
        for (int ofst = 1; ofst <= all.size(); ofst += 3) {
            paged.addAll(discover("ty=3+4&lim=3&ofst=" + ofst));
        }
        assertEquals(all, paged);
        assertEquals(List.of(), discover("lim=0"));
        assertEquals(List.of(), discover("ofst=100"));
    }

    @Test
    void ts0001_8_1_2_drt2UnstructuredIdentifiers() {
        Reply r = cse.get("/" + ae + "?fu=1&ty=3&rn=temp&drt=2").from(ae).send();
        String ri = cse.get("/" + ae + "/temp").from(ae).send().json().path("m2m:cnt").path("ri").asText();
        assertEquals(ri, r.json().path("m2m:uril").get(0).asText());
    }

    @Test
    void ts0001_8_1_2_rcn6DiscoveryAsReferences() {
        JsonNode rrf = cse.get("/" + ae + "?fu=1&ty=3&lvl=1&rcn=6").from(ae).send().json().path("m2m:rrl").path("rrf");
        assertEquals(3, rrf.size());
        assertEquals("deep", rrf.get(0).path("nm").asText());
        assertEquals(3, rrf.get(0).path("typ").asInt());
        assertEquals(4000, cse.get("/" + ae + "?fu=1&rcn=4").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_3_3_14_discoveryLeavesOutWhatTheOriginatorMayNotSee() {
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("stranger"));
        Reply r = cse.get("/" + ae + "?fu=1").from(stranger).send();
        assertEquals(200, r.status());
        assertEquals(0, r.json().path("m2m:uril").size());
        Reply fromCse = cse.get("/cse-in?fu=1&lbl=room:kitchen&lim=10").from(stranger).send();
        assertEquals(0, fromCse.json().path("m2m:uril").size(), "not counted, not returned");
        Reply admin = cse.get("/" + ae + "?fu=1&lbl=room:kitchen").from(OneM2MClient.ADMIN).send();
        assertEquals(2, admin.json().path("m2m:uril").size(), "the admin sees them");
    }

    @Test
    void ts0004_7_3_3_1_conditionalRetrieveUpdateDeleteWithoutMatchAre4004() {
        assertEquals(200, cse.get("/" + ae + "/temp?lbl=sensor").from(ae).send().status());
        Reply miss = cse.get("/" + ae + "/temp?lbl=nothing").from(ae).send();
        assertEquals(404, miss.status());
        assertEquals(4004, miss.rsc());
        assertEquals(4004, cse.put("/" + ae + "/temp?mni=5", "{\"m2m:cnt\":{\"mni\":7}}").from(ae).send().rsc());
        assertEquals(100, cse.get("/" + ae + "/temp").from(ae).send().json().path("m2m:cnt").path("mni").asInt());
        assertEquals(2004, cse.put("/" + ae + "/temp?mni=100", "{\"m2m:cnt\":{\"mni\":7}}").from(ae).send().rsc());
        assertEquals(4004, cse.delete("/" + ae + "/hum?ty=4").from(ae).send().rsc());
        assertEquals(2002, cse.delete("/" + ae + "/hum?ty=3").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_3_2_1_unsupportedFiltersAre5001AndFilterCriteriaInCreateIs4000() {
        assertEquals(5001, cse.get("/" + ae + "?fu=3").from(ae).send().rsc(), "IPE on-demand discovery");
        assertEquals(4000, cse.get("/" + ae + "?fu=1&gmty=1").from(ae).send().rsc(), "a geo-query without geom and gsf");
        assertEquals(4000, cse.create("/" + ae + "?ty=3", 3, "{\"m2m:cnt\":{}}").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_3_3_17_10_cseMaximumCutsTheResultWithContentStatusAndOffset() {
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"many\"}}");
        for (int i = 1; i <= 25; i++) {
            create("/" + ae + "/many", 4, "{\"m2m:cin\":{\"rn\":\"m" + (i < 10 ? "0" : "") + i + "\",\"con\":\"" + i + "\"}}");
        }
        // keel.result.max is 20 in the test configuration.
        Reply first = cse.get("/" + ae + "/many?fu=1&ty=4").from(ae).send();
        assertEquals(20, first.json().path("m2m:uril").size());
        assertEquals("1", first.header("X-M2M-CTS"));
        assertEquals("21", first.header("X-M2M-CTO"));
        assertTrue(first.json().path("m2m:uril").get(19).asText().endsWith("/m20"));
        Reply rest = cse.get("/" + ae + "/many?fu=1&ty=4&ofst=21").from(ae).send();
        assertEquals(5, rest.json().path("m2m:uril").size());
        assertTrue(rest.json().path("m2m:uril").get(0).asText().endsWith("/m21"));
        assertNull(rest.header("X-M2M-CTS"));
        Reply askedForMore = cse.get("/" + ae + "/many?fu=1&ty=4&lim=30").from(ae).send();
        assertEquals(20, askedForMore.json().path("m2m:uril").size());
        assertEquals("1", askedForMore.header("X-M2M-CTS"));
    }

    @Test
    void ts0004_7_3_3_17_10_noPartialMarkWhenTheOriginatorsLimitCutsTheResult() {
        Reply r = cse.get("/" + ae + "?fu=1&lim=2").from(ae).send();
        assertEquals(2, r.json().path("m2m:uril").size());
        assertNull(r.header("X-M2M-CTS"));
        assertTrue(r.header("X-M2M-RSC").equals("2000"));
    }

    // Content filter: cfs=1 (JSONPath) with cfq (TS-0009 table 6.2.2.2-1, TS-0004 7.3.3.17).

    private static final String WARM = "$[?(@.temp > 20)]";

    /** A query value as a client writes it: percent-encoded, a space as %20 (a raw '+' separates list items). */
    private static String cfq(String jsonPath) {
        return "cfs=1&cfq=" + URLEncoder.encode(jsonPath, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * ae / rd (cnt, lbl=room:lab) / r01 {"temp":25} · r02 plain text · r03 {"temp":10} · r04 {"temp":30} as structured
     * content · r05 {"temp":22} base64 (cnf encoding 1) · r06 {"hum":40} · r07 {"temp":21} lbl=hot · r08 {"temp":5} lbl=hot
     */
    private void readings() {
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"rd\",\"lbl\":[\"room:lab\"]}}");
        String rd = "/" + ae + "/rd";
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r01\",\"cnf\":\"application/json:0\",\"con\":\"{\\\"temp\\\":25}\"}}");
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r02\",\"cnf\":\"text/plain:0\",\"con\":\"temp is 40\"}}");
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r03\",\"cnf\":\"application/json:0\",\"con\":\"{\\\"temp\\\":10}\"}}");
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r04\",\"cnf\":\"application/json:0\",\"con\":{\"temp\":30}}}");
        String base64 = Base64.getEncoder().encodeToString("{\"temp\":22}".getBytes(StandardCharsets.UTF_8));
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r05\",\"cnf\":\"application/json:1\",\"con\":\"" + base64 + "\"}}");
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r06\",\"cnf\":\"application/json:0\",\"con\":\"{\\\"hum\\\":40}\"}}");
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r07\",\"lbl\":[\"hot\"],\"con\":\"{\\\"temp\\\":21}\"}}");
        create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r08\",\"lbl\":[\"hot\"],\"con\":\"{\\\"temp\\\":5}\"}}");
    }

    @Test
    void ts0004_7_3_3_17_13_selectsResourcesWhoseJsonContentTheQueryMatches() {
        readings();
        assertEquals(List.of("rd/r01", "rd/r04", "rd/r05", "rd/r07"), discover(cfq(WARM)),
                "plain text, cold readings, other members and containers do not match");
        assertEquals(List.of("rd/r01", "rd/r03", "rd/r04", "rd/r05", "rd/r07", "rd/r08"), discover(cfq("$.temp")));
        assertEquals(List.of("hum/h1"), discover(cfq("$.v")), "structured content created in the tree");
    }

    @Test
    void ts0004_7_3_3_17_13_isAndedWithTheOtherConditions() {
        readings();
        assertEquals(List.of("rd/r07"), discover("ty=4&lbl=hot&" + cfq(WARM)));
        assertEquals(List.of("rd/r01", "rd/r04", "rd/r05"), discover("cty=application/json&" + cfq(WARM)), "r07 has no cnf");
        assertEquals(List.of(), discover("ty=3&" + cfq("$")), "containers have no content");
        assertEquals(List.of("rd/r04", "rd/r05"), discover("lim=2&ofst=2&" + cfq(WARM)));
    }

    @Test
    void ts0004_7_3_3_17_13_withFoOrAndXor() {
        readings();
        // OR: labelled room:bath (hum) or warm content; containers are candidates too
        assertEquals(List.of("hum", "rd/r01", "rd/r04", "rd/r05", "rd/r07"), discover("fo=2&lbl=room:bath&" + cfq(WARM)));
        assertEquals(List.of("deep", "deep/inner", "hum", "rd", "rd/r01", "rd/r04", "rd/r05", "rd/r07", "temp"),
                discover("fo=2&ty=3&" + cfq(WARM)));
        // XOR: labelled hot xor warm: r07 is both, r08 only hot
        assertEquals(List.of("rd/r01", "rd/r04", "rd/r05", "rd/r08"), discover("fo=3&lbl=hot&" + cfq(WARM)));
    }

    @Test
    void ts0004_7_3_3_17_13_limAndOfstPageOverMatchesOnly() {
        readings();
        for (int i = 9; i <= 16; i++) { // more matches, between plain-text instances
            String rd = "/" + ae + "/rd";
            create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r" + i + "a\",\"con\":\"{\\\"temp\\\":" + (20 + i) + "}\"}}");
            create(rd, 4, "{\"m2m:cin\":{\"rn\":\"r" + i + "b\",\"con\":\"no json " + i + "\"}}");
        }
        List<String> all = discover(cfq(WARM));
        assertEquals(12, all.size(), all.toString());
        for (int lim : new int[] {1, 2, 5}) {
            List<String> paged = new ArrayList<>();
            for (int ofst = 1; ofst <= all.size(); ofst += lim) {
                List<String> page = discover("lim=" + lim + "&ofst=" + ofst + "&" + cfq(WARM));
                assertEquals(Math.min(lim, all.size() - ofst + 1), page.size(), "lim=" + lim + " ofst=" + ofst);
                paged.addAll(page);
            }
            assertEquals(all, paged, "lim=" + lim);
        }
        assertEquals(List.of(), discover("ofst=13&" + cfq(WARM)));
    }

    @Test
    void ts0004_7_3_3_17_13_selectsTheChildrenOfChildResultContents() {
        readings();
        JsonNode rrf = cse.get("/" + ae + "/rd?rcn=6&" + cfq(WARM)).from(ae).send().json().path("m2m:rrl").path("rrf");
        List<String> names = new ArrayList<>();
        rrf.forEach(n -> names.add(n.path("nm").asText()));
        assertEquals(List.of("r01", "r04", "r05", "r07"), names);
    }

    @Test
    void ts0004_7_3_3_1_conditionalRetrieveByContent() {
        readings();
        Reply warm = cse.get("/" + ae + "/rd/r01?" + cfq(WARM)).from(ae).send();
        assertEquals(200, warm.status(), warm.text());
        assertEquals(2000, warm.rsc());
        Reply cold = cse.get("/" + ae + "/rd/r03?" + cfq(WARM)).from(ae).send();
        assertEquals(404, cold.status());
        assertEquals(4004, cold.rsc());
        assertEquals(4004, cse.get("/" + ae + "/rd/r02?" + cfq("$")).from(ae).send().rsc(), "plain text is no JSON");
        assertEquals(4004, cse.get("/" + ae + "/rd?" + cfq("$")).from(ae).send().rsc(), "a container has no content");
        assertEquals(2000, cse.get("/" + ae + "/rd/r03?fo=2&ty=4&" + cfq(WARM)).from(ae).send().rsc(), "OR: the type holds");
        assertEquals(4004, cse.get("/" + ae + "/rd/r07?fo=3&lbl=hot&" + cfq(WARM)).from(ae).send().rsc(), "XOR: both hold");
        assertEquals(2000, cse.get("/" + ae + "/rd/r04?ty=4&" + cfq(WARM)).from(ae).send().rsc(), "structured content");
    }

    @Test
    void ts0004_7_3_3_17_13_badContentFiltersAre4000() {
        Reply syntaxOnly = cse.get("/" + ae + "?fu=1&cfs=1").from(ae).send();
        assertEquals(4000, syntaxOnly.rsc(), syntaxOnly.text());
        Reply queryOnly = cse.get("/" + ae + "?fu=1&cfq=%24.temp").from(ae).send();
        assertEquals(4000, queryOnly.rsc(), queryOnly.text());
        assertEquals(4000, cse.get("/" + ae + "?fu=1&cfs=2&cfq=%24.temp").from(ae).send().rsc(), "1 is the only syntax");
        Reply badPath = cse.get("/" + ae + "?fu=1&" + cfq("$[?(@.temp > )]")).from(ae).send();
        assertEquals(400, badPath.status());
        assertEquals(4000, badPath.rsc());
        assertTrue(badPath.json().path("m2m:dbg").asText().contains("not valid JSONPath"), badPath.text());
        assertEquals(4000, cse.get("/" + ae + "/temp?" + cfq("$[?(")).from(ae).send().rsc(), "fu=2 too");
        assertEquals(4000, cse.get("/" + ae + "/temp?cfs=1").from(ae).send().rsc(), "fu=2: cfs without cfq");
        Reply regex = cse.get("/" + ae + "?fu=1&" + cfq("$[?(@.room =~ /(.*a){12}b/)]")).from(ae).send();
        assertEquals(4000, regex.rsc(), regex.text());
        assertTrue(regex.json().path("m2m:dbg").asText().contains("(=~) is not supported"), regex.text());
    }

    @Test
    void ts0004_7_3_3_17_13_scanCapIsReportedAsPartialContent() {
        // keel.discovery.content-scan-max is 60 in the test configuration: b01 … b70 are 70 candidates.
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"bulk\"}}");
        for (int i = 1; i <= 70; i++) {
            create("/" + ae + "/bulk", 4, "{\"m2m:cin\":{\"rn\":\"b" + (i < 10 ? "0" : "") + i + "\",\"con\":\"{\\\"n\\\":" + i + "}\"}}");
        }
        Reply some = cse.get("/" + ae + "/bulk?fu=1&" + cfq("$[?(@.n > 54)]")).from(ae).send();
        assertEquals(6, some.json().path("m2m:uril").size(), "b55 … b60 lie within the first 60 candidates");
        assertEquals("1", some.header("X-M2M-CTS"));
        assertEquals("7", some.header("X-M2M-CTO"));
        Reply none = cse.get("/" + ae + "/bulk?fu=1&ofst=7&" + cfq("$[?(@.n > 54)]")).from(ae).send();
        assertEquals(200, none.status());
        assertEquals(0, none.json().path("m2m:uril").size());
        assertEquals("1", none.header("X-M2M-CTS"), "still partial: the cap stopped the scan");
        assertNull(none.header("X-M2M-CTO"), "no offset to resume at: it would stop at the same place");
        Reply complete = cse.get("/" + ae + "/bulk?fu=1&lim=5&" + cfq("$.n")).from(ae).send();
        assertEquals(5, complete.json().path("m2m:uril").size());
        assertNull(complete.header("X-M2M-CTS"), "the limit came first");
    }
}
