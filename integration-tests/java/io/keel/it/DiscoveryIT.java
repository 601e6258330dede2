package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery and filter criteria (TS-0009 6.2.2.2, table 6.2.2.2-1; TS-0004 7.3.3.17; shared/spec §5.1). */
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
    void fu1_allDescendantsInStructuredOrder() {
        assertEquals(List.of("deep", "deep/inner", "hum", "hum/h1", "temp", "temp/t1", "temp/t2", "temp/t3"), discover("rcn=11"));
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
    void ty_resourceTypesAreOred() {
        assertEquals(List.of("deep", "deep/inner", "hum", "temp"), discover("ty=3"));
        assertEquals(8, discover("ty=3+4").size());
        assertEquals(8, discover("ty=3&ty=4").size());
    }

    @Test
    void lbl_anyLabelMatches() {
        assertEquals(List.of("deep/inner", "temp"), discover("lbl=room:kitchen"));
        assertEquals(List.of("deep/inner", "hum", "temp"), discover("lbl=room:kitchen+room:bath"));
    }

    @Test
    void sizeAboveAndBelow() {
        assertEquals(List.of("hum/h1", "temp/t2", "temp/t3"), discover("ty=4&sza=2"), "h1 holds 7 bytes of JSON");
        assertEquals(List.of("temp/t1", "temp/t2"), discover("ty=4&szb=3&cty=text/plain"));
    }

    @Test
    void cty_contentTypeOfInstances() {
        assertEquals(List.of("hum/h1"), discover("cty=application/json"));
    }

    @Test
    void createdAndModifiedTimes() {
        String t0 = Times.format(before);
        String later = Times.format(Instant.now().plusSeconds(60));
        assertEquals(8, discover("cra=" + t0).size());
        assertEquals(8, discover("crb=" + later).size());
        assertEquals(List.of(), discover("cra=" + later));
        assertEquals(8, discover("ms=" + t0).size());
        assertEquals(List.of(), discover("us=" + t0));
    }

    @Test
    void stateTagAndExpiration() {
        assertEquals(List.of("temp"), discover("ty=3&stb=3"));
        assertEquals(List.of("deep", "deep/inner"), discover("ty=3&sts=1"), "hum and temp have instances, so st ≥ 1");
        assertEquals(8, discover("exa=" + Times.format(Instant.now())).size());
        assertEquals(List.of(), discover("exb=" + Times.format(Instant.now())));
    }

    @Test
    void attributeConditions() {
        assertEquals(List.of("temp"), discover("mni=100"));
        assertEquals(List.of("hum"), discover("rn=hum"));
        assertEquals(List.of("hum", "temp"), discover("ty=3&rn=hum&rn=temp"));
        assertEquals(List.of("temp/t2"), discover("con=22"));
        assertEquals(List.of("temp/t1", "temp/t2", "temp/t3"), discover("cnf=text/*"));
        assertEquals(4000, cse.get("/" + ae + "?fu=1&nosuchattr=1").from(ae).send().rsc());
    }

    @Test
    void childAndParentConditions() {
        assertEquals(List.of("hum"), discover("chty=4&c.cnf=application/json:0"));
        assertEquals(List.of("temp"), discover("c.con=333"));
        assertEquals(List.of("deep/inner"), discover("p.rn=deep"));
        assertEquals(List.of("temp/t1", "temp/t2", "temp/t3"), discover("palb=room:kitchen"));
        assertEquals(List.of("deep"), discover("clbl=room:kitchen"));
        assertEquals(List.of("hum/h1", "temp/t1", "temp/t2", "temp/t3"), discover("pty=3&ty=4"));
    }

    @Test
    void fo_filterOperation() {
        assertEquals(List.of("temp"), discover("lbl=room:kitchen&ty=3&mni=100"));
        assertEquals(List.of("deep/inner", "hum", "temp"), discover("fo=2&lbl=room:bath&mni=100&rn=inner"));
        // XOR: exactly one condition holds: labelled kitchen (temp, inner) xor has mni (temp) → inner only
        assertEquals(List.of("deep/inner"), discover("fo=3&lbl=room:kitchen&mni=100"));
    }

    @Test
    void lvl_limitsTheDepth() {
        assertEquals(List.of("deep", "hum", "temp"), discover("lvl=1"));
        assertEquals(8, discover("lvl=2").size());
    }

    @Test
    void limAndOfstPageWithoutSkippingOrRepeating() {
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
    void drt2_unstructuredIdentifiers() {
        Reply r = cse.get("/" + ae + "?fu=1&ty=3&rn=temp&drt=2").from(ae).send();
        String ri = cse.get("/" + ae + "/temp").from(ae).send().json().path("m2m:cnt").path("ri").asText();
        assertEquals(ri, r.json().path("m2m:uril").get(0).asText());
    }

    @Test
    void rcn6_discoveryAsReferences() {
        JsonNode rrf = cse.get("/" + ae + "?fu=1&ty=3&lvl=1&rcn=6").from(ae).send().json().path("m2m:rrl").path("rrf");
        assertEquals(3, rrf.size());
        assertEquals("deep", rrf.get(0).path("nm").asText());
        assertEquals(3, rrf.get(0).path("typ").asInt());
        assertEquals(4000, cse.get("/" + ae + "?fu=1&rcn=4").from(ae).send().rsc());
    }

    @Test
    void discoveryLeavesOutWhatTheOriginatorMayNotSee() {
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
    void fu2_conditionalRetrieveUpdateDelete() {
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
    void unsupportedFiltersAre5001AndFilterCriteriaInCreateIs4000() {
        assertEquals(5001, cse.get("/" + ae + "?fu=1&smf=x").from(ae).send().rsc());
        assertEquals(4000, cse.create("/" + ae + "?ty=3", 3, "{\"m2m:cnt\":{}}").from(ae).send().rsc());
    }

    @Test
    void cseMaximumCutsTheResultWithContentStatusAndOffset() {
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
    void noPartialMarkWhenTheOriginatorsLimitCutsTheResult() {
        Reply r = cse.get("/" + ae + "?fu=1&lim=2").from(ae).send();
        assertEquals(2, r.json().path("m2m:uril").size());
        assertNull(r.header("X-M2M-CTS"));
        assertTrue(r.header("X-M2M-RSC").equals("2000"));
    }
}
