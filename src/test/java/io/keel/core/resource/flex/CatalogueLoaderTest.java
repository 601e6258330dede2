package io.keel.core.resource.flex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.flex.CatalogueLoader.CatalogueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flexContainer specialization catalogue (TS-0004 7.4.37, TS-0023 names) read from declarative files. */
class CatalogueLoaderTest {
    private static final String GOOD = """
            { "rootElement": "acme:dimmer", "longName": "dimmer", "containerDefinition": "com.acme.dimmer",
              "namespace": "http://acme.example/dimmer",
              "attributes": [ { "shortName": "lvl", "longName": "level", "type": "integer", "create": "M", "update": "O" } ],
              "children": [] }
            """;

    @TempDir
    Path folder;

    private static String broken(String json) {
        return assertThrows(CatalogueException.class, () -> CatalogueLoader.parse("dimmer.json", json)).getMessage();
    }

    @Test
    void ts0004_7_4_37_aFileDeclaresRootElementCndAndTypedCustomAttributes() {
        Specialization s = CatalogueLoader.parse("dimmer.json", GOOD);

        assertEquals("acme:dimmer", s.rootElement());
        assertEquals("com.acme.dimmer", s.cnd());
        assertEquals(AttributeType.INTEGER, s.attributes().get(0).type());
        assertEquals(Presence.MANDATORY, s.attributes().get(0).onCreate());
        assertEquals(List.of("level"), s.longNames());
    }

    @Test
    void theShippedCatalogueHasTheHomeDomainClassesWithTheirPublishedNames() {
        FlexCatalogue c = new FlexCatalogue(CatalogueLoader.builtIn());

        assertEquals("cod:binSh", c.byContainerDefinition("org.onem2m.common.moduleclass.binarySwitch").rootElement());
        assertEquals("cod:tempe", c.byContainerDefinition("org.onem2m.common.moduleclass.temperature").rootElement());
        assertEquals("cod:devLt", c.byContainerDefinition("org.onem2m.common.device.deviceLight").rootElement());
        for (String cls : List.of("colour", "brightness", "battery", "faultDetection", "runState", "relativeHumidity",
                "energyConsumption", "doorStatus", "alarmSpeaker")) {
            assertNotNull(c.byContainerDefinition("org.onem2m.common.moduleclass." + cls), cls);
        }
        for (String cls : List.of("deviceThermometer", "deviceDoor")) {
            assertNotNull(c.byContainerDefinition("org.onem2m.common.device." + cls), cls);
        }
    }

    @Test
    void everyShippedFileIsListedInTheIndex() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(Path.of("src/main/resources/flex"))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toSet());
        }
        Set<String> listed = CatalogueLoader.builtIn().stream().map(sp -> sp.source().substring("flex/".length()))
                .collect(Collectors.toSet());
        assertEquals(files, listed);
    }

    @Test
    void aFileThatIsNoJsonIsNamed() {
        assertTrue(broken("{ nope").startsWith("dimmer.json: not JSON"), broken("{ nope"));
    }

    @Test
    void aMissingContainerDefinitionNamesTheField() {
        assertEquals("dimmer.json: containerDefinition must be a non-empty string",
                broken(GOOD.replace("\"containerDefinition\": \"com.acme.dimmer\",", "")));
    }

    @Test
    void aRootElementWithoutPrefixIsRefused() {
        assertTrue(broken(GOOD.replace("acme:dimmer", "dimmer")).contains("rootElement must be prefix:shortName"));
    }

    @Test
    void theM2mPrefixIsKeelsOwn() {
        assertTrue(broken(GOOD.replace("acme:dimmer", "m2m:dimmer")).contains("prefix m2m"));
    }

    @Test
    void anUnknownDataTypeNamesTheAttribute() {
        assertTrue(broken(GOOD.replace("\"integer\"", "\"decimal\"")).startsWith("dimmer.json: attributes[0].type decimal is none of"));
    }

    @Test
    void anUnknownOptionalityNamesTheField() {
        assertEquals("dimmer.json: attributes[0].create must be M, O or NP, not X", broken(GOOD.replace("\"create\": \"M\"", "\"create\": \"X\"")));
    }

    @Test
    void ts0004_7_4_37_aCustomAttributeCannotReuseACommonName() {
        assertTrue(broken(GOOD.replace("\"lvl\"", "\"cnd\"")).contains("attributes[0].shortName cnd is an attribute of every flexContainer"));
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertEquals("dimmer.json: unknown field colour", broken(GOOD.replace("\"children\"", "\"colour\"")));
    }

    @Test
    void aChildThatNoFileDeclaresIsNamed() throws IOException {
        Files.writeString(folder.resolve("dimmer.json"), GOOD.replace("\"children\": []", "\"children\": [\"acme:ghost\"]"));

        CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.load(folder));

        assertTrue(e.getMessage().contains("dimmer.json: children names acme:ghost"), e.getMessage());
    }

    @Test
    void aSecondFileWithAShippedCndIsRefused() throws IOException {
        Files.writeString(folder.resolve("dimmer.json"), GOOD.replace("com.acme.dimmer", "org.onem2m.common.moduleclass.binarySwitch"));

        CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.load(folder));

        assertTrue(e.getMessage().contains("dimmer.json: containerDefinition org.onem2m.common.moduleclass.binarySwitch is declared by flex/cod-binarySwitch.json too"),
                e.getMessage());
    }

    @Test
    void anOperatorFolderAddsItsSpecializations() throws IOException {
        Files.writeString(folder.resolve("dimmer.json"), GOOD);
        Files.writeString(folder.resolve("README.txt"), "not a catalogue file");

        FlexCatalogue c = CatalogueLoader.load(folder);

        assertEquals("acme:dimmer", c.byContainerDefinition("com.acme.dimmer").rootElement());
        assertEquals("http://acme.example/dimmer", c.namespaces().get("acme"));
    }

    @Test
    void aFolderThatIsNoneIsRefusedByName() {
        CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.load(folder.resolve("missing")));

        assertTrue(e.getMessage().startsWith("keel.flex.catalogue: "), e.getMessage());
    }
}
