package io.keel.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** flexContainer specializations in XML (TS-0004 7.4.37, 8.3): their own namespace, declared where they appear. */
class XmlNamespacesTest {
    private static final String SDT = "http://example.org/test/sdt";

    static {
        XmlNamespaces.declare("tst", SDT);
    }

    @Test
    void ts0004_7_4_37_aSpecializationsRootElementIsWrittenInItsNamespace() {
        String xml = new String(ContentCodec.encode(Map.of("tst:binSh", Map.of("state", true)), Serialization.XML),
                StandardCharsets.UTF_8);

        assertTrue(xml.contains("<tst:binSh"), xml);
        assertTrue(xml.contains("xmlns:tst=\"" + SDT + "\""), xml);
        assertTrue(xml.contains("<state>true</state>"), xml);
    }

    @Test
    void ts0004_7_4_37_anElementOfADeclaredNamespaceIsReadUnderItsPrefixWhateverTheDocumentCallsIt() {
        String xml = "<x:binSh xmlns:x=\"" + SDT + "\"><cnd>c</cnd><state>1</state></x:binSh>";

        Map<String, Object> tree = ContentCodec.decode(xml.getBytes(StandardCharsets.UTF_8), Serialization.XML);

        assertEquals(Map.of("tst:binSh", Map.of("cnd", "c", "state", "1")), tree);
    }

    @Test
    void ts0004_7_4_37_aSpecializationNestedInAnM2mElementDeclaresItsNamespace() {
        Map<String, Object> tree = Map.of("m2m:rsp", Map.of("tst:binSh", List.of(Map.of("rn", "a", "state", false))));

        String xml = new String(ContentCodec.encode(tree, Serialization.XML), StandardCharsets.UTF_8);

        assertTrue(xml.contains("<tst:binSh xmlns:tst=\"" + SDT + "\" rn=\"a\">"), xml);
        Map<String, Object> back = ContentCodec.decode(xml.getBytes(StandardCharsets.UTF_8), Serialization.XML);
        assertEquals(Map.of("rn", "a", "state", "false"), ((Map<?, ?>) back.get("m2m:rsp")).get("tst:binSh"));
    }

    @Test
    void aPrefixCannotChangeItsNamespace() {
        assertThrows(IllegalArgumentException.class, () -> XmlNamespaces.declare("tst", "http://example.org/other"));
        assertThrows(IllegalArgumentException.class, () -> XmlNamespaces.declare("m2m", SDT));
    }
}
