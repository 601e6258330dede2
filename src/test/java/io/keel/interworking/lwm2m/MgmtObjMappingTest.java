package io.keel.interworking.lwm2m;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The LwM2M object instances of a client as the mgmtObj specializations of TS-0004 Annex D. */
class MgmtObjMappingTest {
    private static Map<String, MappedMgmtObj> byType(List<MappedMgmtObj> objs) {
        return objs.stream().collect(Collectors.toMap(MappedMgmtObj::typeName, Function.identity()));
    }

    private static Map<Integer, Object> device() {
        Map<Integer, Object> v = new HashMap<>();
        v.put(0, "Acme");
        v.put(1, "Sensor-9");
        v.put(2, "SN-42");
        v.put(3, "1.0.3");
        v.put(9, 87L);
        v.put(10, 512L);
        v.put(17, "thermometer");
        v.put(18, "rev B");
        v.put(19, "2.1");
        v.put(20, 1L);
        v.put(21, 2048L);
        return v;
    }

    @Test
    void tsD_8_deviceObjectIsDeviceInfoWithManufacturerModelSerialAndVersions() {
        MappedMgmtObj dvi = byType(MgmtObjMapping.map("urn:dev:1", 3, 0, device())).get("m2m:dvi");
        assertEquals("deviceInfo", dvi.resourceName());
        assertEquals(1007L, dvi.create().get("mgd"));
        assertEquals(List.of("urn:oma:lwm2m:oma:3"), dvi.create().get("obis"));
        assertEquals(List.of("/3/0"), dvi.create().get("obps"));
        assertEquals("Acme", dvi.create().get("man"));
        assertEquals("Sensor-9", dvi.create().get("mod"));
        assertEquals("SN-42", dvi.create().get("dlb"));
        assertEquals("thermometer", dvi.create().get("dty"));
        assertEquals("1.0.3", dvi.create().get("fwv"));
        assertEquals("2.1", dvi.create().get("swv"));
        assertEquals("rev B", dvi.create().get("hwv"));
    }

    @Test
    void tsD_8_anUpdateCarriesNoAttributeTheSpecializationMakesNpOnUpdate() {
        MappedMgmtObj dvi = byType(MgmtObjMapping.map("urn:dev:1", 3, 0, device())).get("m2m:dvi");
        for (String np : List.of("man", "mod", "hwv", "mgd", "obis", "obps")) {
            assertFalse(dvi.update().containsKey(np), np + " is NP in an Update (TS-0004 D.8, 7.4.15)");
        }
        assertEquals("1.0.3", dvi.update().get("fwv"));
    }

    @Test
    void tsD_8_missingMandatoryValuesAreEmptyAndTheLabelFallsBackToTheEndpoint() {
        MappedMgmtObj dvi = byType(MgmtObjMapping.map("urn:dev:1", 3, 0, Map.of())).get("m2m:dvi");
        assertEquals("urn:dev:1", dvi.create().get("dlb"));
        assertEquals("", dvi.create().get("man"));
        assertEquals("", dvi.create().get("mod"));
        assertEquals("", dvi.create().get("dty"));
        assertFalse(dvi.create().containsKey("fwv"));
    }

    @Test
    void tsD_7_batteryLevelAndStatusCountedFromOne() {
        MappedMgmtObj bat = byType(MgmtObjMapping.map("e", 3, 0, device())).get("m2m:bat");
        assertEquals(1006L, bat.create().get("mgd"));
        assertEquals(87L, bat.create().get("btl"));
        assertEquals(2L, bat.create().get("bts"), "LwM2M 1 (charging) is m2m:batteryStatus 2");
        assertEquals(Map.of("btl", 87L, "bts", 2L), bat.update());
        assertEquals(7L, MgmtObjMapping.batteryStatus(99), "an unknown LwM2M status is UNKNOWN (7)");
    }

    @Test
    void tsD_4_memoryInBytesFromKibibytes() {
        MappedMgmtObj mem = byType(MgmtObjMapping.map("e", 3, 0, device())).get("m2m:mem");
        assertEquals(1003L, mem.create().get("mgd"));
        assertEquals(512L * 1024, mem.create().get("mma"));
        assertEquals(2048L * 1024, mem.create().get("mmt"));
    }

    @Test
    void tsD_10_everyDeviceHasARebootAndOnlyThoseReportingThemBatteryAndMemory() {
        Map<String, MappedMgmtObj> bare = byType(MgmtObjMapping.map("e", 3, 0, Map.of(0, "Acme")));
        assertEquals(List.of("m2m:dvi", "m2m:rbo").stream().sorted().toList(), bare.keySet().stream().sorted().toList());
        MappedMgmtObj rbo = bare.get("m2m:rbo");
        assertEquals(1009L, rbo.create().get("mgd"));
        assertTrue(rbo.update().isEmpty());
    }

    @Test
    void tsD_2_firmwareUpdateObjectIsFirmwareWhoseUrlAnUpdateLeavesAlone() {
        MappedMgmtObj fwr = MgmtObjMapping.map("e", 5, 0, Map.of(1, "coap://repo/fw.bin", 3, 0L, 6, "core", 7, "1.2")).get(0);
        assertEquals("m2m:fwr", fwr.typeName());
        assertEquals("firmware", fwr.resourceName());
        assertEquals(1001L, fwr.create().get("mgd"));
        assertEquals("core", fwr.create().get("fwn"));
        assertEquals("1.2", fwr.create().get("vr"));
        assertEquals("coap://repo/fw.bin", fwr.create().get("url"));
        assertEquals(false, fwr.create().get("ud"));
        assertEquals(Map.of("fwn", "core", "vr", "1.2"), fwr.update());
    }

    @Test
    void tsD_2_aFirmwareWithoutPackageUriHasTheBlankUri() {
        assertEquals("about:blank", MgmtObjMapping.map("e", 5, 0, Map.of(3, 0L)).get(0).create().get("url"));
    }

    @Test
    void tsD_3_softwareManagementInstanceIsOneSoftwareEach() {
        MappedMgmtObj swr = MgmtObjMapping.map("e", 9, 2, Map.of(0, "agent", 1, "3.0")).get(0);
        assertEquals("m2m:swr", swr.typeName());
        assertEquals("software-2", swr.resourceName());
        assertEquals(List.of("/9/2"), swr.create().get("obps"));
        assertEquals(1002L, swr.create().get("mgd"));
        assertEquals("agent", swr.create().get("swn"));
        assertEquals("3.0", swr.create().get("vr"));
        assertEquals("about:blank", swr.create().get("url"), "url is M and an empty anyURI is refused");
    }

    @Test
    void tsD_6_connectivityMonitoringIsAreaNwkDeviceInfo() {
        MappedMgmtObj andi = MgmtObjMapping.map("ep1", 4, 0, Map.of(0, 6L, 2, -70L, 3, 40L, 5, List.of("10.0.0.1"), 7, List.of("iot.apn"))).get(0);
        assertEquals("m2m:andi", andi.typeName());
        assertEquals(1005L, andi.create().get("mgd"));
        assertEquals("ep1", andi.create().get("dvd"));
        assertEquals("LTE-FDD", andi.create().get("dvt"));
        assertEquals("iot.apn", andi.create().get("awi"));
        assertEquals("radio signal strength -70 dBm, link quality 40", andi.create().get("ss"));
        assertEquals(List.of("10.0.0.1"), andi.create().get("lnh"));
        assertFalse(andi.update().containsKey("dvd"));
    }

    @Test
    void otherObjectsMapToNoMgmtObj() {
        assertTrue(MgmtObjMapping.map("e", 1, 0, Map.of(0, 1L)).isEmpty(), "the Server object is the LwM2M session's");
        assertTrue(MgmtObjMapping.map("e", 3303, 0, Map.of(5700, 21.5)).isEmpty());
        assertFalse(MgmtObjMapping.isManagementObject(3303));
        assertEquals("urn:oma:lwm2m:ext:3303", MgmtObjMapping.objectUrn(3303));
    }

    @Test
    void sensorObjectsAreContainersOfJsonValuesByResourceId() {
        assertTrue(SensorMapping.isSensorObject(3303));
        assertFalse(SensorMapping.isSensorObject(3));
        assertEquals("3303-1", SensorMapping.containerName(3303, 1));
        Map<Integer, Object> values = new HashMap<>();
        values.put(5701, "Cel");
        values.put(5700, 21.5);
        values.put(10, 1L);
        assertEquals("{\"10\":1,\"5700\":21.5,\"5701\":\"Cel\"}", SensorMapping.content(values));
    }

    @Test
    void nodeNamesAreResourceNamesMadeOfTheEndpoint() {
        assertEquals("urn_imei_490154203237518", DeviceTree.nodeName("urn:imei:490154203237518"));
        assertEquals("lwm2m__dev", DeviceTree.nodeName("_dev"));
        assertEquals("plain-ep.1", DeviceTree.nodeName("plain-ep.1"));
    }
}
