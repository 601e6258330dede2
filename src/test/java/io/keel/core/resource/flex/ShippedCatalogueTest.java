package io.keel.core.resource.flex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole shipped TS-0023 catalogue, loaded as the CSE loads it: consistent in itself (every child it names exists,
 * no name twice within a specialization, every cnd and root element once) and holding the published classes.
 */
class ShippedCatalogueTest {
    private static final List<Specialization> ALL = CatalogueLoader.builtIn();
    private static final FlexCatalogue CATALOGUE = new FlexCatalogue(ALL);

    @Test
    void everyChildNamedIsDeclared() {
        List<String> missing = new ArrayList<>();
        for (Specialization s : ALL) {
            for (String child : s.children()) {
                if (CATALOGUE.byRootElement(child) == null) {
                    missing.add(s.source() + " → " + child);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void noShortOrLongNameTwiceWithinOneSpecialization() {
        List<String> twice = new ArrayList<>();
        for (Specialization s : ALL) {
            Set<String> shortNames = new HashSet<>();
            s.attributes().forEach(a -> {
                if (!shortNames.add(a.sn())) {
                    twice.add(s.source() + ": " + a.sn());
                }
            });
            Set<String> longNames = new HashSet<>();
            s.longNames().forEach(l -> {
                if (!longNames.add(l)) {
                    twice.add(s.source() + ": " + l);
                }
            });
            if (new HashSet<>(s.children()).size() != s.children().size()) {
                twice.add(s.source() + ": children " + s.children());
            }
        }
        assertEquals(List.of(), twice);
    }

    @Test
    void everyCndRootElementAndLongNameIsUnique() {
        Map<String, String> cnd = new HashMap<>();
        Map<String, String> root = new HashMap<>();
        Map<String, String> longName = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Specialization s : ALL) {
            unique(cnd, s.cnd(), s, clashes);
            unique(root, s.rootElement(), s, clashes);
            unique(longName, s.prefix() + ":" + s.longName(), s, clashes);
        }
        assertEquals(List.of(), clashes);
        assertEquals(ALL.size(), CATALOGUE.all().size());
    }

    private static void unique(Map<String, String> seen, String name, Specialization s, List<String> clashes) {
        String other = seen.putIfAbsent(name, s.source());
        if (other != null) {
            clashes.add(name + " in " + s.source() + " and " + other);
        }
    }

    /** TS-0023: common domain classes are cod:/org.onem2m.common.*, home domain ones hod:/org.onem2m.home.*. */
    @Test
    void prefixCndAndFileNameAgree() {
        List<String> wrong = new ArrayList<>();
        for (Specialization s : ALL) {
            String domain = switch (s.prefix()) {
                case "cod" -> "org.onem2m.common.";
                case "hod" -> "org.onem2m.home.";
                default -> "?";
            };
            String kind = s.cnd().substring(Math.min(domain.length(), s.cnd().length()));
            boolean ok = s.cnd().startsWith(domain) && s.cnd().endsWith("." + s.longName())
                    && List.of("device", "subdevice", "moduleclass", "action").contains(kind.substring(0, Math.max(0, kind.indexOf('.'))))
                    && s.source().equals("flex/" + s.prefix() + "-" + s.longName() + ".json");
            if (!ok) {
                wrong.add(s.source() + " " + s.rootElement() + " " + s.cnd());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Devices hold module classes (and subDevices), module classes hold their actions, actions hold nothing. */
    @Test
    void childrenFollowTheSdtStructure() {
        List<String> wrong = new ArrayList<>();
        for (Specialization s : ALL) {
            for (String c : s.children()) {
                String childCnd = CATALOGUE.byRootElement(c).cnd();
                boolean ok = kind(s).equals("device") ? Set.of("moduleclass", "subdevice").contains(kind(childCnd))
                        : kind(s).equals("subdevice") || kind(s).equals("moduleclass") ? kind(childCnd).equals(
                                kind(s).equals("subdevice") ? "moduleclass" : "action")
                        : false;
                if (!ok) {
                    wrong.add(s.rootElement() + " → " + c);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyDeviceHasNodeLinkAndEveryModuleClassItsDataGenerationTime() {
        for (Specialization s : ALL) {
            List<String> sns = s.attributes().stream().map(AttributeDef::sn).toList();
            if (kind(s).equals("device")) {
                assertEquals(List.of("nodLk", "flNLk"), sns, s.source());
                assertTrue(s.attributes().stream().allMatch(a -> a.onCreate() == Presence.OPTIONAL), s.source());
            } else if (kind(s).equals("moduleclass")) {
                assertEquals("dgt", sns.get(0), s.source());
                assertEquals(AttributeType.TIMESTAMP, s.attributes().get(0).type(), s.source());
            }
        }
    }

    @Test
    void theHomeDomainDeviceClassesWithTheirModules() {
        assertChildren("org.onem2m.common.device.deviceLight", "cod:devLt",
                "cod:fauDn", "cod:binSh", "cod:runSe", "cod:color", "cod:colSn", "cod:brigs", "cod:timer");
        assertChildren("org.onem2m.home.device.deviceAirConditioner", "hod:deACr",
                "cod:binSh", "cod:runSe", "cod:aCJMe", "cod:opeMe", "cod:tempe", "cod:timer", "cod:turbo", "cod:airFw",
                "cod:powS0", "cod:aiQSr", "cod:filIo");
        assertChildren("org.onem2m.home.device.deviceClothesWasher", "hod:deCWr",
                "cod:binSh", "cod:opeMe", "cod:runSe", "cod:cWJMe", "cod:cWJMO", "cod:reCEe", "cod:timer");
        assertChildren("org.onem2m.home.device.deviceRefrigerator", "hod:devRr",
                "cod:binSh", "cod:powS0", "cod:dooSs", "cod:tempe", "cod:refrn", "cod:lock", "cod:filIo");
        assertChildren("org.onem2m.common.device.deviceThermostat", "cod:devTt", "cod:runSe", "cod:timer", "cod:tempe");
        assertChildren("org.onem2m.common.device.deviceDoorLock", "cod:deDLk", "cod:lock", "cod:dooSs", "cod:bat");
        for (String device : List.of("common.device.deviceCamera", "home.device.deviceTelevision", "home.device.deviceOven",
                "common.device.deviceSmartPlug", "home.device.deviceDishWasher", "home.device.deviceRobotCleaner",
                "home.device.deviceWaterHeater", "home.device.deviceHomeCCTV")) {
            assertNotNull(CATALOGUE.byContainerDefinition("org.onem2m." + device), device);
        }
    }

    @Test
    void theModuleClassesWithTheirDataPoints() {
        assertDataPoint("binarySwitch", "cod:binSh", "state", AttributeType.BOOLEAN, Presence.MANDATORY);
        assertDataPoint("temperature", "cod:tempe", "curT0", AttributeType.FLOAT, Presence.MANDATORY);
        assertDataPoint("brightness", "cod:brigs", "brigs", AttributeType.INTEGER, Presence.MANDATORY);
        assertDataPoint("colour", "cod:color", "red", AttributeType.INTEGER, Presence.MANDATORY);
        assertDataPoint("colourSaturation", "cod:colSn", "colSn", AttributeType.INTEGER, Presence.MANDATORY);
        assertDataPoint("lock", "cod:lock", "lock", AttributeType.BOOLEAN, Presence.MANDATORY);
        assertDataPoint("smokeSensor", "cod:smoSr", "alarm", AttributeType.BOOLEAN, Presence.MANDATORY);
        assertDataPoint("waterSensor", "cod:watSr", "alarm", AttributeType.BOOLEAN, Presence.MANDATORY);
        assertDataPoint("powerSave", "cod:powS0", "poSEd", AttributeType.BOOLEAN, Presence.MANDATORY);
        assertDataPoint("battery", "cod:bat", "lvl", AttributeType.INTEGER, Presence.MANDATORY);
        assertDataPoint("energyConsumption", "cod:eneCn", "power", AttributeType.FLOAT, Presence.OPTIONAL);
        assertDataPoint("runState", "cod:runSe", "macSs", AttributeType.LIST, Presence.MANDATORY);
        assertDataPoint("clock", "cod:clock", "curTe", AttributeType.STRING, Presence.MANDATORY);
        assertDataPoint("timer", "cod:timer", "refTr", AttributeType.INTEGER, Presence.OPTIONAL);
    }

    /** TS-0023 maps an action to a child flexContainer of its module class, cnd org.onem2m.common.action.*. */
    @Test
    void actionsAreChildFlexContainersOfTheirModuleClass() {
        Specialization toggle = CATALOGUE.byContainerDefinition("org.onem2m.common.action.toggle");
        assertEquals("cod:togge", toggle.rootElement());
        assertTrue(CATALOGUE.byRootElement("cod:binSh").children().contains("cod:togge"));
        assertTrue(toggle.children().isEmpty());
        assertTrue(CATALOGUE.byRootElement("cod:audVe").children().containsAll(List.of("cod:upoVe", "cod:dowVe")));
    }

    @Test
    void theDomainsHaveOneNamespaceEach() {
        assertEquals(Map.of("cod", "http://www.onem2m.org/xml/protocols/commondomain",
                "hod", "http://www.onem2m.org/xml/protocols/homedomain"), CATALOGUE.namespaces());
    }

    private static void assertChildren(String cnd, String root, String... children) {
        Specialization s = CATALOGUE.byContainerDefinition(cnd);
        assertNotNull(s, cnd);
        assertEquals(root, s.rootElement());
        assertEquals(List.of(children), s.children(), cnd);
    }

    private static void assertDataPoint(String moduleClass, String root, String sn, AttributeType type, Presence onCreate) {
        Specialization s = CATALOGUE.byContainerDefinition("org.onem2m.common.moduleclass." + moduleClass);
        assertNotNull(s, moduleClass);
        assertEquals(root, s.rootElement());
        AttributeDef a = s.attributes().stream().filter(d -> d.sn().equals(sn)).findFirst().orElse(null);
        assertNotNull(a, moduleClass + " has " + sn);
        assertEquals(type, a.type(), moduleClass + "." + sn);
        assertEquals(onCreate, a.onCreate(), moduleClass + "." + sn);
        assertEquals(Presence.OPTIONAL, a.onUpdate(), moduleClass + "." + sn);
    }

    private static String kind(Specialization s) {
        return kind(s.cnd());
    }

    /** device, subdevice, moduleclass or action: the segment after the domain in the cnd. */
    private static String kind(String cnd) {
        String[] parts = cnd.split("\\.");
        return parts[parts.length - 2];
    }
}
