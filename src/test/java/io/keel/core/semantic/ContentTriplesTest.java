package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which contentInstance content is duplicated as triples (TS-0004 7.4.7.2.1), by its contentInfo. */
class ContentTriplesTest {
    private static final SemanticSettings LIMITS = new SemanticSettings(4096, 10, 1000, 1000, true);
    private static final String TURTLE = "@prefix ex: <http://example.org/b#> .\nex:t1 a ex:Sensor ; ex:in ex:B1 .\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ts0004_7_4_7_2_1_plainTurtleContentBecomesATurtleDescriptorOfTheSameText() {
        ContentTriples.Descriptor d = ContentTriples.of("text/turtle:0", TURTLE, LIMITS);
        assertEquals(SemanticFormat.TURTLE, d.format());
        assertEquals(b64(TURTLE), d.base64());
        assertEquals(2, d.graph().size());
        assertEquals(2, ContentTriples.of("text/turtle", TURTLE, LIMITS).graph().size(), "no encoding given: plain");
        assertEquals(2, ContentTriples.of("application/n-triples:0",
                "<http://example.org/b#t1> <http://example.org/b#in> <http://example.org/b#B1> .\n"
                        + "<http://example.org/b#t1> <http://example.org/b#in> <http://example.org/b#B2> .\n", LIMITS).graph().size());
    }

    @Test
    void ts0004_6_3_4_2_28_base64ContentIsDecodedFirst() {
        ContentTriples.Descriptor d = ContentTriples.of("text/turtle:1", b64(TURTLE), LIMITS);
        assertEquals(b64(TURTLE), d.base64());
        assertEquals(2, d.graph().size());
    }

    @Test
    void ts0004_7_4_7_2_1_rdfXmlAndJsonLdGivenAsJsonAreRead() {
        String rdfXml = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/b#\">"
                + "<ex:Sensor rdf:about=\"http://example.org/b#t1\"/></rdf:RDF>";
        assertEquals(SemanticFormat.RDF_XML, ContentTriples.of("application/rdf+xml:0", rdfXml, LIMITS).format());
        ContentTriples.Descriptor ld = ContentTriples.of("application/ld+json:0",
                Map.of("@id", "http://example.org/b#t1", "http://example.org/b#in", Map.of("@id", "http://example.org/b#B1")), LIMITS);
        assertEquals(SemanticFormat.JSON_LD, ld.format());
        assertEquals(1, ld.graph().size());
    }

    @Test
    void ts0004_7_4_7_2_1_whatIsNoReadableRdfIsNotDuplicated() {
        assertNull(ContentTriples.of("text/plain:0", TURTLE, LIMITS), "another media type");
        assertNull(ContentTriples.of(null, TURTLE, LIMITS), "no contentInfo");
        assertNull(ContentTriples.of("text/turtle:0:1", TURTLE, LIMITS), "end-to-end secured");
        assertNull(ContentTriples.of("text/turtle:0", "ex:a ex:b", LIMITS), "does not parse");
        assertNull(ContentTriples.of("text/turtle:1", "%%%", LIMITS), "not base64");
        assertNull(ContentTriples.of("text/turtle:0", TURTLE.repeat(100), LIMITS), "larger than descriptor-max-bytes");
        assertNull(ContentTriples.of("application/ld+json:0", Map.of("@context", "http://example.org/ctx", "@id", "x"), LIMITS),
                "a remote context is not fetched");
    }

    @Test
    void keelSemanticsContentTriplesIsOnByDefaultAndTakesTrueOrFalse() {
        Settings none = Settings.fromEnvironment();
        assertEquals(true, SemanticSettings.DEFAULTS.contentTriples());
        assertEquals(true, SemanticSettings.from(none.with("keel.semantics.content-triples", "true")).contentTriples());
        assertEquals(false, SemanticSettings.from(none.with("keel.semantics.content-triples", "false")).contentTriples());
        assertThrows(IllegalStateException.class, () -> SemanticSettings.from(none.with("keel.semantics.content-triples", "no")));
    }
}
