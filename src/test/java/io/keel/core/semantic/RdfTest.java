package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.jena.graph.Graph;
import org.junit.jupiter.api.Test;

/** Reading descriptors (TS-0004 7.4.34.2.1 Recv-6.4): syntax, bounds, and what a content may not make the CSE do. */
class RdfTest {
    private static final SemanticSettings LIMITS = new SemanticSettings(4096, 10, 1000, 1000, true);

    private static Graph parse(String text, SemanticFormat f) {
        return Rdf.parse("dsp", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), f, LIMITS);
    }

    @Test
    void ts0004_7_4_34_2_1_turtleRoundTripsThroughBase64() {
        Graph g = parse("<http://e/a> <http://e/p> \"v\" .", SemanticFormat.TURTLE);
        assertEquals(1, g.size());
        Graph again = Rdf.parse("dsp", Rdf.write(g, SemanticFormat.RDF_XML), SemanticFormat.RDF_XML, LIMITS);
        assertTrue(again.isIsomorphicWith(g));
    }

    @Test
    void ts0004_7_4_34_2_1_aSyntaxErrorIs4000WithLineAndColumn() {
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse("<http://e/a> <http://e/p>\n <http://e/o> <x> .",
                SemanticFormat.TURTLE));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void ts0004_7_4_34_2_1_boundsAndBase64() {
        assertTrue(assertThrows(OneM2MException.class, () -> parse("#" + "x".repeat(5000), SemanticFormat.TURTLE))
                .getMessage().contains("keel.semantics.descriptor-max-bytes"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            many.append("<http://e/s").append(i).append("> <http://e/p> 1 .\n");
        }
        assertTrue(assertThrows(OneM2MException.class, () -> parse(many.toString(), SemanticFormat.TURTLE))
                .getMessage().contains("keel.semantics.descriptor-max-triples"));
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class,
                () -> Rdf.parse("dsp", "not base64!", SemanticFormat.TURTLE, LIMITS)).rsc());
    }

    @Test
    void ts0004_7_4_34_2_1_aRemoteJsonLdContextIsRefusedNotFetched() {
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse(
                "{\"@context\":\"http://127.0.0.1:9/ctx.jsonld\",\"@id\":\"http://e/a\",\"p\":1}", SemanticFormat.JSON_LD));
        assertTrue(e.getMessage().contains("@context"), e.getMessage());
        Graph inline = parse("{\"@context\":{\"p\":\"http://e/p\"},\"@id\":\"http://e/a\",\"p\":1}", SemanticFormat.JSON_LD);
        assertEquals(1, inline.size());
    }

    @Test
    void ts0004_7_4_34_2_1_rdfXmlExternalEntitiesAreNotResolved() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e/\">"
                + "<rdf:Description rdf:about=\"http://e/a\"><e:p>&x;</e:p></rdf:Description></rdf:RDF>";
        try {
            Graph g = parse(xxe, SemanticFormat.RDF_XML);
            g.find().forEachRemaining(t -> assertFalse(t.getObject().isLiteral()
                    && !t.getObject().getLiteralLexicalForm().isEmpty(), "an entity was resolved: " + t));
        } catch (OneM2MException e) {
            assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        }
    }

    @Test
    void ts0004_6_3_4_2_48_formatsJenaCannotReadAre5001AndIriIs4000() {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class,
                () -> SemanticFormat.ofContent(1, "dcrp")).rsc());
        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, assertThrows(OneM2MException.class,
                () -> SemanticFormat.ofContent(6, "dcrp")).rsc());
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class,
                () -> SemanticFormat.ofContent(8, "dcrp")).rsc());
        assertEquals(SemanticFormat.IRI, SemanticFormat.ofOntology(1));
    }
}
