package io.keel.core.semantic;

import io.keel.primitive.OneM2MException;
import io.keel.serialization.ContentCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.graph.Graph;

/**
 * The RDF triples a contentInstance's content holds, when its contentInfo says it is RDF in a syntax this CSE reads
 * (TS-0004 7.4.7.2.1: the hosting CSE may duplicate such content as a semanticDescriptor). Content of another media
 * type, transfer-encoded as binary, end-to-end secured (contentSecurity other than 0), too large, not parsing or empty of triples is not
 * duplicated: the contentInstance stands as given, its content opaque as any other.
 */
public final class ContentTriples {
    private static final Map<String, SemanticFormat> RDF_MEDIA_TYPES = Map.of(
            "text/turtle", SemanticFormat.TURTLE,
            "application/n-triples", SemanticFormat.TURTLE, // N-Triples is a subset of Turtle
            "application/rdf+xml", SemanticFormat.RDF_XML,
            "application/ld+json", SemanticFormat.JSON_LD);

    /** A descriptor: its syntax (dcrp), its base64 text (dsp) and its triples. */
    public record Descriptor(SemanticFormat format, String base64, Graph graph) {
    }

    private ContentTriples() {
    }

    /** The descriptor of the content {@code con} with contentInfo {@code cnf}, or null when it holds no RDF to duplicate. */
    public static Descriptor of(Object cnf, Object con, SemanticSettings limits) {
        if (!(cnf instanceof String info)) {
            return null;
        }
        String[] parts = info.split(":", -1);
        SemanticFormat format = RDF_MEDIA_TYPES.get(parts[0].split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
        String encoding = parts.length > 1 ? parts[1] : "0";
        boolean secured = parts.length > 2 && !parts[2].equals("0");
        if (format == null || secured || parts.length > 3) {
            return null;
        }
        byte[] bytes;
        if (encoding.equals("0") && con instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else if (encoding.equals("0") && format == SemanticFormat.JSON_LD && con instanceof Map<?, ?>) {
            bytes = ContentCodec.toJson(con).getBytes(StandardCharsets.UTF_8); // a JSON-LD document given as JSON
        } else if ((encoding.equals("1") || encoding.equals("2")) && con instanceof String s) {
            try {
                bytes = Base64.getMimeDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else {
            return null;
        }
        if (bytes.length > limits.descriptorMaxBytes()) {
            return null;
        }
        try {
            Graph g = Rdf.parse("con", bytes, format, limits);
            if (g.isEmpty()) {
                return null; // nothing to describe
            }
            return new Descriptor(format, Base64.getEncoder().encodeToString(bytes), g);
        } catch (OneM2MException e) {
            return null;
        }
    }
}
