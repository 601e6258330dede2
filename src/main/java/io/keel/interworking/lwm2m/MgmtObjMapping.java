package io.keel.interworking.lwm2m;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which {@code <mgmtObj>} specializations (TS-0004 Annex D) an LwM2M object instance of the client maps to, with the
 * values of its resources. The LwM2M objects are OMA's (LwM2M 1.0 Appendix E: Device /3, Connectivity Monitoring /4,
 * Firmware Update /5; LwM2M Software Management /9); the mapping follows the management object mapping of oneM2M's
 * LwM2M interworking (TS-0014) as far as it is known here, every choice listed in the README. Values are as the
 * client sent them (String, Long, Double, Boolean; a multi-instance resource as a list).
 */
public final class MgmtObjMapping {
    public static final int DEVICE = 3;
    public static final int CONNECTIVITY_MONITORING = 4;
    public static final int FIRMWARE_UPDATE = 5;
    public static final int SOFTWARE_MANAGEMENT = 9;

    /** mgmtDefinition values, TS-0004 Annex D. */
    static final int FIRMWARE = 1001;
    static final int SOFTWARE = 1002;
    static final int MEMORY = 1003;
    static final int AREA_NWK_DEVICE_INFO = 1005;
    static final int BATTERY = 1006;
    static final int DEVICE_INFO = 1007;
    static final int REBOOT = 1009;

    /** What a mandatory xs:anyURI holds when the client reports none: the empty URI is refused, RFC 6694 names none. */
    static final String NO_URI = "about:blank";
    /** m2m:batteryStatus 7 (TS-0004 table 6.3.4.2.21-1). */
    private static final long BATTERY_UNKNOWN = 7;

    private MgmtObjMapping() {
    }

    /** Whether objects of this ID become mgmtObjs (and not containers or nothing). */
    public static boolean isManagementObject(int objectId) {
        return objectId == DEVICE || objectId == CONNECTIVITY_MONITORING || objectId == FIRMWARE_UPDATE
                || objectId == SOFTWARE_MANAGEMENT;
    }

    /** The mgmtObjs of one object instance of the client {@code endpoint}; none for objects that map to none. */
    public static List<MappedMgmtObj> map(String endpoint, int objectId, int instanceId, Map<Integer, Object> values) {
        String path = "/" + objectId + "/" + instanceId;
        return switch (objectId) {
            case DEVICE -> device(endpoint, path, values);
            case CONNECTIVITY_MONITORING -> List.of(areaNwkDeviceInfo(endpoint, path, values));
            case FIRMWARE_UPDATE -> List.of(firmware(path, values));
            case SOFTWARE_MANAGEMENT -> List.of(software(instanceId, path, values));
            default -> List.of();
        };
    }

    /** The object's URN for objectIDs: OMA objects below 1024 {@code urn:oma:lwm2m:oma:N}, others {@code ext}. */
    static String objectUrn(int objectId) {
        return "urn:oma:lwm2m:" + (objectId < 1024 ? "oma" : "ext") + ":" + objectId;
    }

    /** Device /3: deviceInfo, reboot, and battery and memory when the client reports them. */
    private static List<MappedMgmtObj> device(String endpoint, String path, Map<Integer, Object> v) {
        List<MappedMgmtObj> objs = new ArrayList<>();
        Map<String, Object> changeable = new LinkedHashMap<>();
        changeable.put("dlb", text(v.get(2), endpoint)); // serial number, else the endpoint name
        changeable.put("dty", text(v.get(17), ""));
        changeable.put("dvnm", endpoint);
        putText(changeable, "fwv", v.get(3));
        putText(changeable, "swv", v.get(19));
        Map<String, Object> create = header(DEVICE_INFO, DEVICE, path);
        create.putAll(changeable);
        create.put("man", text(v.get(0), ""));
        create.put("mod", text(v.get(1), ""));
        putText(create, "hwv", v.get(18));
        objs.add(new MappedMgmtObj("deviceInfo", "m2m:dvi", path, create, changeable));

        objs.add(new MappedMgmtObj("reboot", "m2m:rbo", path, header(REBOOT, DEVICE, path), Map.of()));

        if (v.get(9) instanceof Number level) {
            Map<String, Object> battery = new LinkedHashMap<>();
            battery.put("btl", Math.max(0, Math.min(100, level.longValue())));
            battery.put("bts", v.get(20) instanceof Number status ? batteryStatus(status.longValue()) : BATTERY_UNKNOWN);
            objs.add(new MappedMgmtObj("battery", "m2m:bat", path, withHeader(BATTERY, DEVICE, path, battery), battery));
        }
        if (v.get(21) instanceof Number total) {
            Map<String, Object> memory = new LinkedHashMap<>();
            // LwM2M counts memory in KiB (/3/0/10, /3/0/21), oneM2M in bytes (TS-0004 D.4).
            memory.put("mma", v.get(10) instanceof Number free ? free.longValue() * 1024 : 0L);
            memory.put("mmt", total.longValue() * 1024);
            objs.add(new MappedMgmtObj("memory", "m2m:mem", path, withHeader(MEMORY, DEVICE, path, memory), memory));
        }
        return objs;
    }

    /** LwM2M /3/0/20 counts 0 (normal) … 6 (unknown); m2m:batteryStatus 1 … 7 in the same order. */
    static long batteryStatus(long lwm2m) {
        return lwm2m >= 0 && lwm2m <= 6 ? lwm2m + 1 : BATTERY_UNKNOWN;
    }

    /**
     * Firmware Update /5: package name and version; url and update are the oneM2M side's (the client's Package URI is
     * write-only on most clients), so an Update from the client never overwrites the URL a user set.
     */
    private static MappedMgmtObj firmware(String path, Map<Integer, Object> v) {
        Map<String, Object> changeable = new LinkedHashMap<>();
        changeable.put("fwn", text(v.get(6), ""));
        changeable.put("vr", text(v.get(7), ""));
        Map<String, Object> create = withHeader(FIRMWARE, FIRMWARE_UPDATE, path, changeable);
        create.put("url", uri(v.get(1)));
        create.put("ud", false);
        return new MappedMgmtObj("firmware", "m2m:fwr", path, create, changeable);
    }

    /** Software Management /9: one software per instance (package name and version). */
    private static MappedMgmtObj software(int instanceId, String path, Map<Integer, Object> v) {
        Map<String, Object> changeable = new LinkedHashMap<>();
        changeable.put("swn", text(v.get(0), ""));
        changeable.put("vr", text(v.get(1), ""));
        Map<String, Object> create = withHeader(SOFTWARE, SOFTWARE_MANAGEMENT, path, changeable);
        create.put("url", NO_URI);
        return new MappedMgmtObj("software-" + instanceId, "m2m:swr", path, create, changeable);
    }

    /**
     * Connectivity Monitoring /4: areaNwkDeviceInfo, the device in its access network: devId the endpoint, devType
     * the network bearer, areaNwkId the first APN (else {@link #NO_URI}), devStatus the radio signal strength and link quality,
     * listOfNeighbors the router IP addresses.
     */
    private static MappedMgmtObj areaNwkDeviceInfo(String endpoint, String path, Map<Integer, Object> v) {
        Map<String, Object> changeable = new LinkedHashMap<>();
        changeable.put("dvt", v.get(0) instanceof Number bearer ? bearer(bearer.intValue()) : "");
        changeable.put("awi", uri(first(v.get(7))));
        StringBuilder status = new StringBuilder();
        if (v.get(2) instanceof Number rss) {
            status.append("radio signal strength ").append(rss).append(" dBm");
        }
        if (v.get(3) instanceof Number lq) {
            status.append(status.isEmpty() ? "" : ", ").append("link quality ").append(lq);
        }
        if (!status.isEmpty()) {
            changeable.put("ss", status.toString());
        }
        List<String> routers = texts(v.get(5));
        if (!routers.isEmpty()) {
            changeable.put("lnh", routers);
        }
        Map<String, Object> create = withHeader(AREA_NWK_DEVICE_INFO, CONNECTIVITY_MONITORING, path, changeable);
        create.put("dvd", endpoint);
        return new MappedMgmtObj("areaNwkDeviceInfo", "m2m:andi", path, create, changeable);
    }

    /** Network Bearer /4/0/0 (LwM2M 1.0 E.4). */
    static String bearer(int code) {
        return switch (code) {
            case 0 -> "GSM";
            case 1 -> "TD-SCDMA";
            case 2 -> "WCDMA";
            case 3 -> "CDMA2000";
            case 4 -> "WiMAX";
            case 5 -> "LTE-TDD";
            case 6 -> "LTE-FDD";
            case 7 -> "NB-IoT";
            case 21 -> "WLAN";
            case 22 -> "Bluetooth";
            case 23 -> "IEEE 802.15.4";
            case 41 -> "Ethernet";
            case 42 -> "DSL";
            case 43 -> "PLC";
            default -> "bearer " + code;
        };
    }

    private static Map<String, Object> header(int mgd, int objectId, String path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mgd", (long) mgd);
        m.put("obis", List.of(objectUrn(objectId)));
        m.put("obps", List.of(path));
        return m;
    }

    private static Map<String, Object> withHeader(int mgd, int objectId, String path, Map<String, Object> attributes) {
        Map<String, Object> m = header(mgd, objectId, path);
        m.putAll(attributes);
        return m;
    }

    private static String text(Object value, String otherwise) {
        return value == null || value instanceof List<?> ? otherwise : String.valueOf(value);
    }

    private static void putText(Map<String, Object> into, String name, Object value) {
        if (value != null && !(value instanceof List<?>)) {
            into.put(name, String.valueOf(value));
        }
    }

    private static String uri(Object value) {
        String text = text(value, "");
        return text.isBlank() || text.chars().anyMatch(Character::isWhitespace) ? NO_URI : text;
    }

    private static String first(Object value) {
        List<String> all = texts(value);
        return all.isEmpty() ? "" : all.get(0);
    }

    private static List<String> texts(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
