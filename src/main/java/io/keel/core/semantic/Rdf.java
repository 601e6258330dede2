package io.keel.core.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.primitive.OneM2MException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Reading and writing RDF contents (a descriptor, an ontology): base64 as the attribute carries it (xs:base64Binary,
 * TS-0004 table 7.4.34.1-3), bounded in size, parsed with Jena. A content that does not parse is 4000 naming where.
 */
public final class Rdf {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    /** Relative IRIs resolve against a name of no one's (the reserved .invalid domain), never a local file. */
    private static final String BASE = "https://keel.invalid/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rdf() {
    }

    /** The graph an attribute's base64 value holds in {@code format}, within the settings' bounds. */
    public static Graph parse(String attribute, Object base64, SemanticFormat format, SemanticSettings limits) {
        if (!(base64 instanceof String text)) {
            throw OneM2MException.badRequest(attribute + " must be base64 text");
        }
        // base64 carries 3 bytes in 4 characters: a text this long cannot decode within the bound.
        if (text.length() / 4L * 3 > limits.descriptorMaxBytes() + 3L) {
            throw tooLarge(attribute, limits);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw OneM2MException.badRequest(attribute + " is not base64: " + e.getMessage());
        }
        if (bytes.length > limits.descriptorMaxBytes()) {
            throw tooLarge(attribute, limits);
        }
        return parse(attribute, bytes, format, limits);
    }

    static Graph parse(String attribute, byte[] bytes, SemanticFormat format, SemanticSettings limits) {
        if (format == SemanticFormat.JSON_LD) {
            refuseRemoteContexts(attribute, bytes);
        }
        Graph g = emptyGraph();
        try {
            RDFParser.create().source(new ByteArrayInputStream(bytes)).lang(lang(format)).base(BASE)
                    .errorHandler(new Refusing(attribute, format)).build().parse(g);
        } catch (RiotException e) {
            throw OneM2MException.badRequest(attribute + " is not valid " + format + ": " + e.getMessage());
        }
        if (g.size() > limits.descriptorMaxTriples()) {
            throw OneM2MException.badRequest(attribute + " holds " + g.size() + " triples; this CSE stores at most "
                    + limits.descriptorMaxTriples() + " per resource (keel.semantics.descriptor-max-triples)");
        }
        return g;
    }

    /** A new graph without triples. */
    public static Graph emptyGraph() {
        return GraphFactory.createDefaultGraph();
    }

    /** The RDF syntax Jena reads {@code format} with ({@link SemanticFormat#ofContent} lets only those through). */
    private static Lang lang(SemanticFormat format) {
        return switch (format) {
            case RDF_XML -> Lang.RDFXML;
            case TURTLE -> Lang.TURTLE;
            case JSON_LD -> Lang.JSONLD;
            default -> throw new IllegalArgumentException(format + " is no RDF syntax");
        };
    }

    /** The graph written in {@code format}, as base64. */
    public static String write(Graph g, SemanticFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFFormat f = switch (format) {
            case RDF_XML -> RDFFormat.RDFXML_PLAIN;
            case TURTLE -> RDFFormat.TURTLE_PRETTY;
            default -> RDFFormat.JSONLD11;
        };
        RDFDataMgr.write(out, g, f);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static OneM2MException tooLarge(String attribute, SemanticSettings limits) {
        return OneM2MException.badRequest(attribute + " is larger than the " + limits.descriptorMaxBytes()
                + " bytes this CSE stores (keel.semantics.descriptor-max-bytes)");
    }

    /**
     * A JSON-LD context given by address would make the CSE fetch it from wherever the content says: only contexts
     * written inline are accepted.
     */
    private static void refuseRemoteContexts(String attribute, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw OneM2MException.badRequest(attribute + " is not valid JSON-LD: " + e.getMessage());
        }
        if (root != null && refersToContext(root)) {
            throw OneM2MException.badRequest(attribute + " refers to a remote JSON-LD @context (or @import): this CSE"
                    + " fetches none; give the context inline");
        }
    }

    private static boolean refersToContext(JsonNode n) {
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (refersToContext(e)) {
                    return true;
                }
            }
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("@import")) {
                    return true;
                }
                if (e.getKey().equals("@context") && (e.getValue().isTextual() || hasText(e.getValue()))) {
                    return true;
                }
                if (refersToContext(e.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasText(JsonNode array) {
        if (array.isArray()) {
            for (JsonNode e : array) {
                if (e.isTextual()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Errors end the parse as 4000 naming the line and column; warnings (e.g. an unusual IRI) are let pass. */
    private record Refusing(String attribute, SemanticFormat format) implements ErrorHandler {
        @Override
        public void warning(String message, long line, long col) {
        }

        @Override
        public void error(String message, long line, long col) {
            throw OneM2MException.badRequest(attribute + " is not valid " + format + where(line, col) + ": " + message);
        }

        @Override
        public void fatal(String message, long line, long col) {
            error(message, line, col);
        }

        private static String where(long line, long col) {
            return line < 0 ? "" : " at line " + line + (col < 0 ? "" : ", column " + col);
        }
    }
}
