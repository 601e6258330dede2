package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <flexContainer>} (TS-0004 7.4.37, TS-0001 9.6.35) over HTTP with the shipped TS-0023 specializations: the
 * specialization's root element in JSON, XML and CBOR, typed custom attributes, discovery by cnd and custom attributes.
 */
class FlexContainerIT extends KeelIT {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String BIN_SH = "org.onem2m.common.moduleclass.binarySwitch";
    private static final String TEMPE = "org.onem2m.common.moduleclass.temperature";
    private static final String SDT = "http://www.onem2m.org/xml/protocols/commondomain";
    private static final String HOD = "http://www.onem2m.org/xml/protocols/homedomain";
    private String ae;

    @BeforeEach
    void registerAe() {
        ae = cse.registerAe("C" + OneM2MClient.unique("flex"), OneM2MClient.unique("flexAe"));
    }

    @Test
    void ts0004_7_4_37_binarySwitchLifecycleInJson() {
        Reply created = cse.create("/" + ae, 28, "{\"cod:binSh\":{\"rn\":\"sw\",\"cnd\":\"" + BIN_SH + "\",\"state\":false}}")
                .from(ae).send();
        assertEquals(201, created.status(), created.text());
        JsonNode b = created.json().path("cod:binSh");
        assertEquals(28, b.path("ty").asInt());
        assertFalse(b.path("state").asBoolean());
        assertEquals(BIN_SH, b.path("cnd").asText());

        Reply updated = cse.put("/" + ae + "/sw", "{\"cod:binSh\":{\"state\":true}}").from(ae).send();
        assertEquals(200, updated.status(), updated.text());
        assertTrue(updated.json().path("cod:binSh").path("state").asBoolean());
        assertEquals(1, updated.json().path("cod:binSh").path("st").asInt());

        JsonNode partial = cse.get("/" + ae + "/sw?atrl=state+cnd").from(ae).send().json().path("cod:binSh");
        assertTrue(partial.path("state").asBoolean());
        assertEquals(2, partial.size(), partial.toString());

        assertEquals(2002, cse.delete("/" + ae + "/sw").from(ae).send().rsc());
        assertEquals(4004, cse.get("/" + ae + "/sw").from(ae).send().rsc());
    }

    @Test
    void ts0004_r4_flexContainerInstancesKeepTheStatesOfAFlexContainerWithMni() {
        Reply created = cse.create("/" + ae, 28, "{\"cod:binSh\":{\"rn\":\"hist\",\"cnd\":\"" + BIN_SH
                + "\",\"state\":false,\"mni\":2}}").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(201, created.status(), created.text());
        for (String state : new String[] {"true", "false"}) {
            Reply updated = cse.put("/" + ae + "/hist", "{\"cod:binSh\":{\"state\":" + state + "}}")
                    .header("X-M2M-RVI", "4").from(ae).send();
            assertEquals(200, updated.status(), updated.text());
        }

        JsonNode fcnt = cse.get("/" + ae + "/hist").header("X-M2M-RVI", "4").from(ae).send().json().path("cod:binSh");
        assertEquals(2, fcnt.path("cni").asInt(), fcnt.toString());
        assertEquals(9, fcnt.path("cbs").asInt(), fcnt.toString());
        Reply oldest = cse.get("/" + ae + "/hist/ol").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(200, oldest.status(), oldest.text());
        JsonNode ol = oldest.json().path("m2m:fcin");
        assertEquals(58, ol.path("ty").asInt(), oldest.text());
        assertTrue(ol.path("state").asBoolean(), "the first state went with mni 2: " + oldest.text());
        JsonNode la = cse.get("/" + ae + "/hist/la").header("X-M2M-RVI", "4").from(ae).send().json().path("m2m:fcin");
        assertFalse(la.path("state").asBoolean());

        String fcin = "/" + ae + "/hist/" + la.path("rn").asText();
        assertEquals(4005, cse.put(fcin, "{\"m2m:fcin\":{\"lbl\":[\"x\"]}}").header("X-M2M-RVI", "4").from(ae).send().rsc());
        assertEquals(2002, cse.delete(fcin).header("X-M2M-RVI", "4").from(ae).send().rsc());
        assertEquals(1, cse.get("/" + ae + "/hist").header("X-M2M-RVI", "4").from(ae).send().json()
                .path("cod:binSh").path("cni").asInt());
    }

    @Test
    void ts0004_7_4_37_temperatureLifecycleInXml() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cod:tempe xmlns:cod=\"" + SDT + "\" rn=\"th\">"
                + "<cnd>" + TEMPE + "</cnd><curT0>21.5</curT0><unit>1</unit></cod:tempe>";
        Reply created = cse.method("POST", "/" + ae).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=28")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(201, created.status(), created.text());
        String body = created.text();
        assertTrue(body.contains("<cod:tempe") && body.contains("xmlns:cod=\"" + SDT + "\""), body);
        assertTrue(body.contains("<curT0>21.5</curT0>"), body);

        String update = "<cod:tempe xmlns:cod=\"" + SDT + "\"><tarTe>19</tarTe></cod:tempe>";
        Reply updated = cse.method("PUT", "/" + ae + "/th").body(update.getBytes(StandardCharsets.UTF_8), "application/xml")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(200, updated.status(), updated.text());
        assertTrue(updated.text().contains("<tarTe>19.0</tarTe>"), updated.text());

        JsonNode json = cse.get("/" + ae + "/th").from(ae).send().json().path("cod:tempe");
        assertEquals(21.5, json.path("curT0").asDouble());
        assertEquals(19.0, json.path("tarTe").asDouble());
        assertEquals(2002, cse.delete("/" + ae + "/th").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_4_37_binarySwitchAndTemperatureInCbor() throws Exception {
        byte[] sw = CBOR.writeValueAsBytes(Map.of("cod:binSh", Map.of("rn", "csw", "cnd", BIN_SH, "state", true)));
        Reply created = cse.method("POST", "/" + ae).body(sw, "application/cbor;ty=28").header("Accept", "application/cbor")
                .from(ae).send();
        assertEquals(201, created.status(), created.text());
        assertTrue(CBOR.readTree(created.response().body()).path("cod:binSh").path("state").asBoolean());

        byte[] t = CBOR.writeValueAsBytes(Map.of("cod:tempe", Map.of("rn", "cth", "cnd", TEMPE, "curT0", 20.25)));
        assertEquals(201, cse.method("POST", "/" + ae).body(t, "application/cbor;ty=28").from(ae).send().status());
        byte[] upd = CBOR.writeValueAsBytes(Map.of("cod:tempe", Map.of("curT0", 22)));
        Reply updated = cse.method("PUT", "/" + ae + "/cth").body(upd, "application/cbor").header("Accept", "application/cbor")
                .from(ae).send();
        assertEquals(200, updated.status(), updated.text());
        assertEquals(22.0, CBOR.readTree(updated.response().body()).path("cod:tempe").path("curT0").asDouble());

        Reply read = cse.get("/" + ae + "/cth").header("Accept", "application/cbor").from(ae).send();
        assertEquals(22.0, CBOR.readTree(read.response().body()).path("cod:tempe").path("curT0").asDouble());
        assertEquals(2002, cse.delete("/" + ae + "/csw").from(ae).send().rsc());
        assertEquals(2002, cse.delete("/" + ae + "/cth").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_4_37_unknownCustomAttributeAndWrongTypeAre4000NamingTheAttribute() {
        Reply unknown = cse.create("/" + ae, 28, "{\"cod:binSh\":{\"cnd\":\"" + BIN_SH + "\",\"state\":true,\"dimLevel\":3}}")
                .from(ae).send();
        assertEquals(4000, unknown.rsc());
        assertTrue(unknown.text().contains("dimLevel"), unknown.text());

        Reply wrongType = cse.create("/" + ae, 28, "{\"cod:binSh\":{\"cnd\":\"" + BIN_SH + "\",\"state\":\"on\"}}").from(ae).send();
        assertEquals(4000, wrongType.rsc());
        assertTrue(wrongType.text().contains("state"), wrongType.text());

        Reply schema = cse.create("/" + ae, 28, "{\"cod:nope\":{\"cnd\":\"org.example.nope\"}}").from(ae).send();
        assertEquals(4125, schema.rsc(), schema.text());
    }

    @Test
    void ts0004_7_3_3_17_discoveryByCndAndByCustomAttribute() {
        assertEquals(201, cse.create("/" + ae, 28, "{\"cod:binSh\":{\"rn\":\"on\",\"cnd\":\"" + BIN_SH + "\",\"state\":true}}")
                .from(ae).send().status());
        assertEquals(201, cse.create("/" + ae, 28, "{\"cod:binSh\":{\"rn\":\"off\",\"cnd\":\"" + BIN_SH + "\",\"state\":false}}")
                .from(ae).send().status());
        assertEquals(201, cse.create("/" + ae, 28, "{\"cod:tempe\":{\"rn\":\"warm\",\"cnd\":\"" + TEMPE + "\",\"curT0\":21.5}}")
                .from(ae).send().status());

        JsonNode switches = cse.get("/" + ae + "?fu=1&cnd=" + BIN_SH).from(ae).send().json().path("m2m:uril");
        assertEquals(2, switches.size(), switches.toString());
        JsonNode on = cse.get("/" + ae + "?fu=1&ty=28&state=true").from(ae).send().json().path("m2m:uril");
        assertEquals(1, on.size(), on.toString());
        assertTrue(on.get(0).asText().endsWith("/on"), on.toString());
        JsonNode warm = cse.get("/" + ae + "?fu=1&curT0=21.5").from(ae).send().json().path("m2m:uril");
        assertEquals(1, warm.size(), warm.toString());
        assertEquals(201, cse.create("/" + ae, 28, "{\"cod:tempe\":{\"rn\":\"cool\",\"cnd\":\"" + TEMPE + "\",\"curT0\":18}}")
                .from(ae).send().status());
        JsonNode cool = cse.get("/" + ae + "?fu=1&curT0=18").from(ae).send().json().path("m2m:uril");
        assertEquals(1, cool.size(), "18 finds the stored 18.0: " + cool);
    }

    /**
     * TS-0023 home domain: a device class holds the module classes it lists (each a child flexContainer), a module
     * class its actions (binarySwitch's toggle, cnd org.onem2m.common.action.toggle); another class is refused.
     */
    @Test
    void ts0023_anAirConditionerWithItsModuleClassesAndTheToggleAction() {
        String ac = "/" + ae + "/aircon";
        Reply device = cse.create("/" + ae, 28, "{\"hod:deACr\":{\"rn\":\"aircon\",\"cnd\":\""
                + "org.onem2m.home.device.deviceAirConditioner\",\"nodLk\":\"node-1\"}}").from(ae).send();
        assertEquals(201, device.status(), device.text());
        assertEquals("node-1", device.json().path("hod:deACr").path("nodLk").asText());

        assertEquals(201, cse.create(ac, 28, "{\"cod:binSh\":{\"rn\":\"power\",\"cnd\":\"" + BIN_SH + "\",\"state\":false}}")
                .from(ae).send().status());
        assertEquals(201, cse.create(ac, 28, "{\"cod:tempe\":{\"rn\":\"temp\",\"cnd\":\"" + TEMPE + "\",\"curT0\":24.5,"
                + "\"tarTe\":21}}").from(ae).send().status());
        Reply mode = cse.create(ac, 28, "{\"cod:aCJMe\":{\"rn\":\"mode\",\"cnd\":\"org.onem2m.common.moduleclass.airConJobMode\","
                + "\"jobMe\":2}}").from(ae).send();
        assertEquals(4000, mode.rsc(), "jobMe is not a data point of airConJobMode: " + mode.text());
        assertTrue(mode.text().contains("jobMe"), mode.text());
        Reply toggle = cse.create(ac + "/power", 28, "{\"cod:togge\":{\"rn\":\"toggle\",\"cnd\":\"org.onem2m.common.action.toggle\"}}")
                .from(ae).send();
        assertEquals(201, toggle.status(), toggle.text());

        Reply battery = cse.create(ac, 28, "{\"cod:bat\":{\"cnd\":\"org.onem2m.common.moduleclass.battery\",\"lvl\":80}}")
                .from(ae).send();
        assertEquals(4108, battery.rsc(), battery.text());
        assertTrue(battery.text().contains("hod:deACr"), battery.text());
        Reply actionUnderDevice = cse.create(ac, 28, "{\"cod:togge\":{\"cnd\":\"org.onem2m.common.action.toggle\"}}")
                .from(ae).send();
        assertEquals(4108, actionUnderDevice.rsc(), actionUnderDevice.text());

        JsonNode modules = cse.get(ac + "?fu=1&ty=28&lvl=1").from(ae).send().json().path("m2m:uril");
        assertEquals(2, modules.size(), modules.toString());
        JsonNode temp = cse.get(ac + "/temp").from(ae).send().json().path("cod:tempe");
        assertEquals(21.0, temp.path("tarTe").asDouble(), temp.toString());
    }

    /** A home-domain device in XML: its hod: prefix is written in the home domain namespace, its modules in cod:'s. */
    @Test
    void ts0023_aRefrigeratorInXmlCarriesTheHomeDomainNamespace() {
        String xml = "<hod:devRr xmlns:hod=\"" + HOD + "\" rn=\"fridge\"><cnd>org.onem2m.home.device.deviceRefrigerator</cnd>"
                + "</hod:devRr>";
        Reply created = cse.method("POST", "/" + ae).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=28")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(201, created.status(), created.text());
        assertTrue(created.text().contains("<hod:devRr") && created.text().contains("xmlns:hod=\"" + HOD + "\""), created.text());

        String door = "<cod:dooSs xmlns:cod=\"" + SDT + "\" rn=\"door\"><cnd>org.onem2m.common.moduleclass.doorStatus</cnd>"
                + "<dooSe>1</dooSe><opeAm>false</opeAm></cod:dooSs>";
        Reply module = cse.method("POST", "/" + ae + "/fridge").body(door.getBytes(StandardCharsets.UTF_8), "application/xml;ty=28")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(201, module.status(), module.text());
        assertEquals(1, cse.get("/" + ae + "/fridge/door").from(ae).send().json().path("cod:dooSs").path("dooSe").asInt());
    }

    @Test
    void anOperatorCatalogueAddsASpecializationAndABrokenFileStopsTheStart() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("flex");
        java.nio.file.Files.writeString(folder.resolve("dimmer.json"), """
                { "rootElement": "acme:dimmer", "longName": "dimmer", "containerDefinition": "com.acme.dimmer",
                  "namespace": "http://acme.example/dimmer",
                  "attributes": [ { "shortName": "lvl", "longName": "level", "type": "integer", "create": "M", "update": "O" } ] }
                """);
        try (KeelProcess keel = KeelProcess.start(Map.of("KEEL_FLEX_CATALOGUE", folder.toString()))) {
            OneM2MClient other = new OneM2MClient(keel.base());
            String app = other.registerAe("Cdim", "dimApp");
            Reply created = other.create("/" + app, 28, "{\"acme:dimmer\":{\"cnd\":\"com.acme.dimmer\",\"lvl\":40}}")
                    .from(app).send();
            assertEquals(201, created.status(), created.text());
            assertEquals(40, created.json().path("acme:dimmer").path("lvl").asInt());
        }

        java.nio.file.Files.writeString(folder.resolve("broken.json"), "{ \"rootElement\": \"acme:broken\" }");
        AssertionError refused = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> KeelProcess.start(Map.of("KEEL_FLEX_CATALOGUE", folder.toString())).close());
        assertTrue(refused.getMessage().contains("broken.json: containerDefinition must be a non-empty string"),
                refused.getMessage());
    }
}
