package io.keel.serialization;

import static io.keel.serialization.Examples.at;
import static io.keel.serialization.Examples.fromXml;
import static io.keel.serialization.Examples.json;
import static io.keel.serialization.Examples.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.primitive.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** XML content (TS-0004 8.3): the documents written, the trees read back, and hand-written oneM2M documents. */
class XmlContentTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String NS = "xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"";

    // ------------------------------------------------------------------------------------------------ encoding

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of(Examples.AE_CREATE, "<m2m:ae " + NS + " rn=\"myapp\"><api>Nmyapp</api><rr>true</rr><srv>3</srv>"
                        + "<poa>http://10.0.0.5:9000</poa></m2m:ae>"),
                Arguments.of(Examples.CONTAINER, "<m2m:cnt " + NS + " rn=\"cnt1\"><lbl>key1 key2:val</lbl><mni>10</mni>"
                        + "<mbs>10000</mbs><st>0</st><or/></m2m:cnt>"),
                Arguments.of(Examples.CIN_OBJECT, "<m2m:cin " + NS + "><cnf>application/json:0</cnf>"
                        + "<con><t>21.5</t><ok>true</ok><n/><tags>a b</tags></con></m2m:cin>"),
                Arguments.of(Examples.NESTED, "<m2m:ae " + NS + " rn=\"myapp\"><ty>2</ty>"
                        + "<m2m:cnt rn=\"cnt1\"><ty>3</ty><m2m:cin rn=\"i1\"><ty>4</ty><con>1</con></m2m:cin>"
                        + "<m2m:cin rn=\"i2\"><ty>4</ty><con>2</con></m2m:cin><m2m:sub rn=\"s1\"><ty>23</ty><nu>Cmyapp</nu></m2m:sub>"
                        + "</m2m:cnt><m2m:cnt rn=\"cnt2\"><ty>3</ty></m2m:cnt></m2m:ae>"),
                Arguments.of(Examples.CHILD_REFS, "<m2m:ae " + NS + " rn=\"myapp\"><ch nm=\"cnt1\" typ=\"3\">cse-in/myapp/cnt1</ch>"
                        + "<ch nm=\"cnt2\" typ=\"3\">cse-in/myapp/cnt2</ch></m2m:ae>"),
                Arguments.of(Examples.URIL, "<m2m:uril " + NS + ">cse-in/myapp/cnt1 cse-in/myapp/cnt2</m2m:uril>"),
                Arguments.of(Examples.RRL, "<m2m:rrl " + NS + "><rrf nm=\"cnt1\" typ=\"3\">cse-in/myapp/cnt1</rrf>"
                        + "<rrf nm=\"cnt2\" typ=\"3\">cse-in/myapp/cnt2</rrf></m2m:rrl>"),
                Arguments.of(Examples.DBG, "<m2m:dbg " + NS + ">attribute api is missing</m2m:dbg>"),
                Arguments.of(Examples.SGN, "<m2m:sgn " + NS + "><nev><rep><m2m:cin rn=\"cin_1\"><ty>4</ty><con>22</con></m2m:cin></rep>"
                        + "<net>3</net></nev><sur>/id-in/sub9876</sur><cr>Cmyapp</cr></m2m:sgn>"),
                Arguments.of("{\"m2m:rce\":{\"cnt\":{\"rn\":\"cnt1\",\"ty\":3},\"uri\":\"cse-in/myapp/cnt1\"}}",
                        "<m2m:rce " + NS + "><cnt><rn>cnt1</rn><ty>3</ty></cnt><uri>cse-in/myapp/cnt1</uri></m2m:rce>"),
                Arguments.of("{\"m2m:cin\":null}", "<m2m:cin " + NS + "/>"),
                Arguments.of("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"Cae1\",\"all\"],\"acop\":2,\"acco\":[{\"actw\":"
                        + "[\"* * 8-17 * * 1-5 *\",\"* * * * * 0 *\"]}]}]}}}", "<m2m:acp " + NS + "><pv><acr><acor>Cae1 all</acor><acop>2</acop>"
                        + "<acco><actw>* * 8-17 * * 1-5 *</actw><actw>* * * * * 0 *</actw></acco></acr></pv></m2m:acp>"),
                Arguments.of("{\"m2m:cnt\":{\"lbl\":[],\"big\":18446744073709551615,\"d\":0.5}}",
                        "<m2m:cnt " + NS + "><lbl></lbl><big>18446744073709551615</big><d>0.5</d></m2m:cnt>"));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void ts0004_8_3_writesTheOneM2MDocument(String body, String document) {
        assertEquals(DECL + document, xml(json(body)));
    }

    @Test
    void ts0004_8_3_debugInfoTextIsEscapedAndComesBack() {
        Map<String, Object> dbg = Map.of("m2m:dbg", "a <reason> & \"more\"");
        assertEquals(DECL + "<m2m:dbg " + NS + ">a &lt;reason&gt; &amp; \"more\"</m2m:dbg>", xml(dbg));
        assertEquals(dbg, fromXml(xml(dbg)));
    }

    @Test
    void ts0004_8_3_theM2mNamespaceIsDeclaredOnAnyRoot() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("m2m:cin", Map.of("con", "x"));
        Map<String, Object> tree = Map.of("data", inner);
        assertEquals(DECL + "<data " + NS + "><m2m:cin><con>x</con></m2m:cin></data>", xml(tree));
        assertEquals(tree, fromXml(xml(tree)));
    }

    @Test
    void textKeepsCarriageReturnsAndReplacesCharactersXmlCannotCarry() {
        Map<String, Object> tree = Map.of("m2m:cin", Map.of("con", "  line1\r\nline2\t "));
        assertEquals(tree, fromXml(xml(tree)));
        Map<String, Object> control = Map.of("m2m:cin", Map.of("con", "a\u0001b\ud800c"));
        assertEquals(Map.of("m2m:cin", Map.of("con", "a\uFFFDb\uFFFDc")), fromXml(xml(control)));
    }

    @Test
    void treesXmlCannotRepresentAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> xml(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> xml(json("{\"m2m:a\":\"1\",\"m2m:b\":\"2\"}")));
        assertThrows(IllegalArgumentException.class, () -> xml(json("{\"m2m:cin\":[{\"rn\":\"a\"},{\"rn\":\"b\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> xml(json("{\"m2m:cin\":{\"con\":{\"temp C\":1}}}")));
        assertThrows(IllegalArgumentException.class, () -> xml(json("{\"m2m:cin\":{\"con\":{\"1st\":1}}}")));
        assertThrows(IllegalArgumentException.class, () -> xml("text"));
    }

    // ------------------------------------------------------------------------------------------------ round trips

    /**
     * What each example of {@link Examples} is after one trip through XML: every scalar is text, lists of one scalar
     * are plain text.
     */
    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of(Examples.AE_CREATE,
                        "{\"m2m:ae\":{\"rn\":\"myapp\",\"api\":\"Nmyapp\",\"rr\":\"true\",\"srv\":\"3\",\"poa\":\"http://10.0.0.5:9000\"}}"),
                Arguments.of(Examples.AE_RESPONSE, "{\"m2m:ae\":{\"rn\":\"myapp\",\"ty\":\"2\",\"ri\":\"Cmyapp\",\"pi\":\"id-in\","
                        + "\"ct\":\"20250101T120000,000000\",\"lt\":\"20250101T120000,000000\",\"et\":\"20300101T120000,000000\","
                        + "\"api\":\"Nmyapp\",\"aei\":\"Cmyapp\",\"rr\":\"true\",\"srv\":\"3\",\"poa\":\"http://10.0.0.5:9000\"}}"),
                Arguments.of(Examples.CONTAINER,
                        "{\"m2m:cnt\":{\"rn\":\"cnt1\",\"lbl\":\"key1 key2:val\",\"mni\":\"10\",\"mbs\":\"10000\",\"st\":\"0\",\"or\":null}}"),
                Arguments.of(Examples.CIN_TEXT, Examples.CIN_TEXT),
                Arguments.of(Examples.CIN_OBJECT, "{\"m2m:cin\":{\"cnf\":\"application/json:0\","
                        + "\"con\":{\"t\":\"21.5\",\"ok\":\"true\",\"n\":null,\"tags\":\"a b\"}}}"),
                Arguments.of(Examples.NESTED, "{\"m2m:ae\":{\"rn\":\"myapp\",\"ty\":\"2\",\"m2m:cnt\":[{\"rn\":\"cnt1\",\"ty\":\"3\","
                        + "\"m2m:cin\":[{\"rn\":\"i1\",\"ty\":\"4\",\"con\":\"1\"},{\"rn\":\"i2\",\"ty\":\"4\",\"con\":\"2\"}],"
                        + "\"m2m:sub\":{\"rn\":\"s1\",\"ty\":\"23\",\"nu\":\"Cmyapp\"}},{\"rn\":\"cnt2\",\"ty\":\"3\"}]}}"),
                Arguments.of(Examples.CHILD_REFS, "{\"m2m:ae\":{\"rn\":\"myapp\",\"ch\":[{\"nm\":\"cnt1\",\"typ\":\"3\","
                        + "\"val\":\"cse-in/myapp/cnt1\"},{\"nm\":\"cnt2\",\"typ\":\"3\",\"val\":\"cse-in/myapp/cnt2\"}]}}"),
                Arguments.of(Examples.URIL, "{\"m2m:uril\":\"cse-in/myapp/cnt1 cse-in/myapp/cnt2\"}"),
                Arguments.of(Examples.RRL, "{\"m2m:rrl\":{\"rrf\":[{\"nm\":\"cnt1\",\"typ\":\"3\",\"val\":\"cse-in/myapp/cnt1\"},"
                        + "{\"nm\":\"cnt2\",\"typ\":\"3\",\"val\":\"cse-in/myapp/cnt2\"}]}}"),
                Arguments.of(Examples.DBG, Examples.DBG),
                Arguments.of(Examples.SGN, "{\"m2m:sgn\":{\"nev\":{\"rep\":{\"m2m:cin\":{\"rn\":\"cin_1\",\"ty\":\"4\",\"con\":\"22\"}},"
                        + "\"net\":\"3\"},\"sur\":\"/id-in/sub9876\",\"cr\":\"Cmyapp\"}}"),
                Arguments.of(Examples.SGN_VERIFICATION, "{\"m2m:sgn\":{\"vrq\":\"true\",\"sur\":\"/id-in/sub9876\",\"cr\":\"Cmyapp\"}}"));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void ts0004_8_3_exampleBodiesComeBackFromXmlAsText(String body, String expected) {
        Map<String, Object> back = fromXml(xml(json(body)));
        assertEquals(expected, ContentCodec.toJson(back)); // exact keys, order and types
        assertEquals(back, fromXml(xml(back)), "a second trip changes nothing");
    }

    // ------------------------------------------------------------------------------------------------ decoding

    @Test
    void ts0004_8_3_decodesAHandWrittenResourceWithAnotherPrefixForTheNamespace() {
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<p:cnt xmlns:p=\"http://www.onem2m.org/xml/protocols\" rn=\"cont1\">\n"
                + "  <mni>10</mni>\n"
                + "  <lbl>a b</lbl>\n"
                + "  <ch nm=\"c1\" typ=\"4\">cse-in/x/c1</ch>\n"
                + "  <or/>\n"
                + "  <ch nm=\"c2\" typ=\"4\">cse-in/x/c2</ch>\n"
                + "  <cr></cr>\n"
                + "  <p:cin rn=\"i1\"><con>  spaced  </con></p:cin>\n"
                + "</p:cnt>\n";
        assertEquals("{\"m2m:cnt\":{\"rn\":\"cont1\",\"mni\":\"10\",\"lbl\":\"a b\",\"ch\":[{\"nm\":\"c1\",\"typ\":\"4\",\"val\":\"cse-in/x/c1\"},"
                + "{\"nm\":\"c2\",\"typ\":\"4\",\"val\":\"cse-in/x/c2\"}],\"or\":null,\"cr\":null,\"m2m:cin\":{\"rn\":\"i1\",\"con\":\"  spaced  \"}}}",
                ContentCodec.toJson(fromXml(doc)));
    }

    @Test
    void ts0004_8_3_aDefaultNamespaceMakesTheRootGlobalButNotItsChildren() {
        Map<String, Object> tree = fromXml("<cnt xmlns=\"http://www.onem2m.org/xml/protocols\"><mni>1</mni><cin><con>x</con></cin></cnt>");
        assertEquals("{\"m2m:cnt\":{\"mni\":\"1\",\"cin\":{\"con\":\"x\"}}}", ContentCodec.toJson(tree));
    }

    @Test
    void ts0004_8_3_rootsOutsideTheOneM2MNamespaceKeepTheirWrittenName() {
        assertEquals(Map.of("cod:tempe", Map.of("curT0", "21")),
                fromXml("<cod:tempe xmlns:cod=\"http://www.onem2m.org/xml/hd\"><curT0>21</curT0></cod:tempe>"));
        assertEquals(Map.of("data", Map.of("v", "1")), fromXml("<data><v>1</v></data>"));
    }

    @Test
    void ts0004_8_3_childReferenceWithoutTextHasNoVal() {
        assertEquals(Map.of("m2m:rrl", Map.of("rrf", Map.of("nm", "c1", "typ", "3"))),
                fromXml("<m2m:rrl " + NS + "><rrf nm=\"c1\" typ=\"3\"/></m2m:rrl>"));
    }

    @Test
    void ts0004_8_3_repeatedSiblingsBecomeAListInDocumentOrder() {
        Map<String, Object> tree = fromXml("<m2m:agn " + NS + "><m2m:sgn><sur>1</sur></m2m:sgn><x/>"
                + "<m2m:sgn><sur>2</sur></m2m:sgn><m2m:sgn><sur>3</sur></m2m:sgn></m2m:agn>");
        Map<?, ?> agn = (Map<?, ?>) tree.get("m2m:agn");
        assertEquals(List.of("m2m:sgn", "x"), List.copyOf(agn.keySet()));
        assertEquals(List.of(Map.of("sur", "1"), Map.of("sur", "2"), Map.of("sur", "3")), agn.get("m2m:sgn"));
    }

    @Test
    void cdataCharacterReferencesAndCommentsGiveTheTextTheyStandFor() {
        Map<String, Object> tree = fromXml("<m2m:cin " + NS + "><con><![CDATA[<b>bold</b>]]> &amp; &#x263A;<!-- c -->&lt;</con></m2m:cin>");
        assertEquals("<b>bold</b> & \u263A<", at(tree, "m2m:cin", "con"));
    }

    @Test
    void schemaInstanceAttributesAreNotContent() {
        Map<String, Object> tree = fromXml("<m2m:cnt " + NS + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"http://www.onem2m.org/xml/protocols CDT-container-v3_0_0.xsd\" rn=\"c\"><mni>1</mni></m2m:cnt>");
        assertEquals(Map.of("m2m:cnt", Map.of("rn", "c", "mni", "1")), tree);
    }

    @Test
    void otherDeclaredEncodingsAndAByteOrderMarkAreRead() {
        String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><m2m:cin " + NS + "><con>caf\u00e9</con></m2m:cin>";
        assertEquals("caf\u00e9", at(ContentCodec.decode(latin.getBytes(StandardCharsets.ISO_8859_1), Serialization.XML), "m2m:cin", "con"));
        String utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><m2m:cin " + NS + "><con>caf\u00e9</con></m2m:cin>";
        assertEquals("caf\u00e9", at(ContentCodec.decode(utf16.getBytes(StandardCharsets.UTF_16), Serialization.XML), "m2m:cin", "con"));
        byte[] bom = ("\uFEFF" + DECL + "<m2m:cin " + NS + "><con>caf\u00e9</con></m2m:cin>").getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", at(ContentCodec.decode(bom, Serialization.XML), "m2m:cin", "con"));
    }

    @Test
    void sixtyFourLevelsAreAccepted() {
        String doc = "<m2m:cin " + NS + ">" + "<a>".repeat(62) + "<con>deep</con>" + "</a>".repeat(62) + "</m2m:cin>";
        Object v = fromXml(doc).get("m2m:cin");
        for (int i = 0; i < 62; i++) {
            v = ((Map<?, ?>) v).get("a");
        }
        assertEquals(Map.of("con", "deep"), v);
    }

    @Test
    void decodedMapsAreMutableTrees() {
        Map<String, Object> tree = fromXml("<m2m:cnt " + NS + " rn=\"c\"><lbl>x</lbl></m2m:cnt>");
        @SuppressWarnings("unchecked")
        Map<String, Object> cnt = (Map<String, Object>) tree.get("m2m:cnt");
        cnt.put("mni", 1L);
        assertEquals(new HashMap<>(Map.of("rn", "c", "lbl", "x", "mni", 1L)), cnt);
    }
}
