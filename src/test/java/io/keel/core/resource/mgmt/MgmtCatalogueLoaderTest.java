package io.keel.core.resource.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.flex.CatalogueLoader.CatalogueException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mgmtObj catalogue: every specialization of TS-0004 Annex D, read from its file, and what a bad file is told. */
class MgmtCatalogueLoaderTest {
    private static final MgmtCatalogue BUILT_IN = MgmtCatalogueLoader.builtIn();

    @Test
    void ts0004_6_3_4_2_22_everyAnnexDSpecializationIsShippedUnderItsMgmtDefinition() {
        List<Integer> mgds = BUILT_IN.all().stream().map(MgmtSpecialization::mgd).sorted().toList();
        assertEquals(IntStream.rangeClosed(1001, 1019).boxed().toList(), mgds);
        Map<Integer, String> roots = Map.ofEntries(Map.entry(1001, "m2m:fwr"), Map.entry(1002, "m2m:swr"),
                Map.entry(1003, "m2m:mem"), Map.entry(1004, "m2m:ani"), Map.entry(1005, "m2m:andi"), Map.entry(1006, "m2m:bat"),
                Map.entry(1007, "m2m:dvi"), Map.entry(1008, "m2m:dvc"), Map.entry(1009, "m2m:rbo"), Map.entry(1010, "m2m:evl"),
                Map.entry(1011, "m2m:cmp"), Map.entry(1012, "m2m:acmp"), Map.entry(1013, "m2m:cmdf"), Map.entry(1014, "m2m:cmdv"),
                Map.entry(1015, "m2m:cmpv"), Map.entry(1016, "m2m:cml"), Map.entry(1017, "m2m:cmnr"), Map.entry(1018, "m2m:cmwr"),
                Map.entry(1019, "m2m:cmbf"));
        roots.forEach((mgd, root) -> assertEquals(root, BUILT_IN.byMgd(mgd).rootElement(), "TS-0004 8.2 short name of " + mgd));
    }

    @Test
    void ts0004_D_2_firmwareAsTableD_2_1_2DeclaresIt() {
        MgmtSpecialization fwr = BUILT_IN.byRootElement("m2m:fwr");
        Map<String, AttributeDef> byName = new java.util.HashMap<>();
        fwr.attributes().forEach(d -> byName.put(d.sn(), d));
        assertEquals(List.of("vr", "fwn", "url", "ud", "uds"), fwr.attributes().stream().map(AttributeDef::sn).toList());
        assertEquals(new AttributeDef("url", AttributeType.ANY_URI, Presence.MANDATORY, Presence.OPTIONAL), byName.get("url"));
        assertEquals(new AttributeDef("uds", AttributeType.ACTION_STATUS, Presence.NOT_PERMITTED, Presence.OPTIONAL), byName.get("uds"));
        assertEquals(List.of(new MgmtSpecialization.Action("ud", "uds", null, false)), fwr.actions());
    }

    @Test
    void ts0004_annexD_theActionAttributesAndTheStatusEachDrives() {
        assertEquals("ins", BUILT_IN.byMgd(1002).action("in").status());
        assertEquals("un", BUILT_IN.byMgd(1002).action("in").exclusiveWith());
        assertEquals("acts", BUILT_IN.byMgd(1002).action("dea").status());
        assertNull(BUILT_IN.byMgd(1009).action("rbo").status(), "reboot reports no status (TS-0004 D.10)");
        assertTrue(BUILT_IN.byMgd(1009).action("far").onlyTrue());
        assertEquals("lgst", BUILT_IN.byMgd(1010).action("lga").status());
        assertEquals("cas", BUILT_IN.byMgd(1008).action("ena").status());
        assertTrue(BUILT_IN.byMgd(1003).actions().isEmpty());
    }

    @Test
    void ts0001_9_6_18_theSpecializationsANodeHoldsOnceAndThoseNeverAnnounced() {
        assertEquals(List.of(1003, 1009, 1010, 1012), BUILT_IN.all().stream().filter(s -> s.maxPerNode() == 1)
                .map(MgmtSpecialization::mgd).toList());
        assertEquals(List.of(1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019), BUILT_IN.all().stream()
                .filter(s -> !s.announced()).map(MgmtSpecialization::mgd).toList());
        assertEquals(new MgmtSpecialization.Range(0, 100), BUILT_IN.byMgd(1006).ranges().get("btl"));
    }

    private static String file(String attributes, String actions) {
        return "{\"mgmtDefinition\":1001,\"rootElement\":\"m2m:fwr\",\"longName\":\"firmware\",\"clause\":\"D.2\","
                + "\"announced\":true,\"attributes\":[" + attributes + "]" + (actions == null ? "" : ",\"actions\":[" + actions + "]") + "}";
    }

    private static String messageOf(String json) {
        return assertThrows(CatalogueException.class, () -> MgmtCatalogueLoader.parse("x.json", json)).getMessage();
    }

    @Test
    void aWellFormedFileIsRead() {
        MgmtSpecialization s = MgmtCatalogueLoader.parse("x.json", file(
                "{\"shortName\":\"ud\",\"longName\":\"update\",\"type\":\"xs:boolean\",\"create\":\"M\",\"update\":\"O\"}",
                "{\"trigger\":\"ud\"}"));
        assertEquals(1001, s.mgd());
        assertEquals("fwr", s.shortName());
        assertNull(s.action("ud").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xs:float", "string", ""})
    void anUnknownDataTypeNamesTheFileAndTheField(String type) {
        String m = messageOf(file("{\"shortName\":\"vr\",\"longName\":\"version\",\"type\":\"" + type
                + "\",\"create\":\"M\",\"update\":\"O\"}", null));
        assertTrue(m.startsWith("x.json: attributes[0].type"), m);
    }

    @Test
    void badFilesAreRefusedWithTheFieldNamed() {
        String attr = "{\"shortName\":\"vr\",\"longName\":\"version\",\"type\":\"xs:string\",\"create\":\"M\",\"update\":\"O\"}";
        assertTrue(messageOf(file(attr.replace("\"update\":\"O\"", "\"update\":\"M\""), null)).contains("attributes[0].update"));
        assertTrue(messageOf(file(attr.replace("vr", "mgd"), null)).contains("every mgmtObj"));
        assertTrue(messageOf(file(attr + "," + attr, null)).contains("appears twice"));
        assertTrue(messageOf(file(attr, "{\"trigger\":\"vr\"}")).contains("no xs:boolean attribute"));
        assertTrue(messageOf(file(attr, "{\"trigger\":\"nope\"}")).contains("actions[0].trigger"));
        assertTrue(messageOf(file(attr, null).replace("1001", "999")).contains("mgmtDefinition"));
        assertTrue(messageOf(file(attr, null).replace("m2m:fwr", "cod:fwr")).contains("rootElement"));
        assertTrue(messageOf(file(attr, null).replace("\"clause\"", "\"clauses\"")).contains("unknown field clauses"));
        assertTrue(messageOf("[1]").contains("one JSON object"));
    }

    @Test
    void twoFilesOfOneMgmtDefinitionClash() {
        MgmtSpecialization a = BUILT_IN.byMgd(1001);
        assertThrows(IllegalArgumentException.class, () -> new MgmtCatalogue(List.of(a, a)));
    }
}
