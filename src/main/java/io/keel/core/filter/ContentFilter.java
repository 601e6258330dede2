package io.keel.core.filter;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.keel.core.resource.ResourceContent;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.serialization.ContentCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The content condition of Filter Criteria: contentFilterSyntax (cfs) 1, JSONPath, with the contentFilterQuery (cfq)
 * it applies (TS-0004 6.3.4.2.37, 7.3.3.17.13). A resource meets it when it has content, the content is JSON, and
 * the query selects at least one node of it: {@code $.temp} any resource whose content has a {@code temp} member,
 * {@code $[?(@.temp > 20)]} those whose {@code temp} is above 20.
 * <p>
 * What content is, each type says ({@link io.keel.core.resource.ResourceType#content}): the {@code con} of a
 * contentInstance. Structured content (a
 * JSON object or array in the request) is taken as it is; string content is parsed as JSON, and what does not parse
 * does not match. A contentInfo (cnf) encoding of 1 (base64 on string data) is decoded first, since the string it
 * stands for is what the originator stored; encoding 2 (base64 on binary data) never matches: binary data is not JSON
 * text. Immutable and thread-safe once built.
 */
public final class ContentFilter {
    /** The only syntax there is. */
    public static final int JSON_PATH = 1;

    /**
     * No options: a definite path ({@code $.a.b}) gives its one node or fails when there is none, an indefinite one
     * ({@code $..a}, a filter, a wildcard) the list of nodes it selects. ALWAYS_RETURN_LIST would rule out functions
     * ({@code $.length()}), SUPPRESS_EXCEPTIONS would make a missing member and a null one look the same.
     */
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();
    private static final String BASE64_STRING = "1";
    private static final String BASE64_BINARY = "2";

    private final JsonPath query;

    private ContentFilter(JsonPath query) {
        this.query = query;
    }

    /**
     * The content condition of {@code fc}, or null when it has none. cfs and cfq come together (the query needs its
     * syntax, the syntax alone selects nothing), and the query must be valid JSONPath; otherwise 4000.
     */
    public static ContentFilter of(FilterCriteria fc) {
        if (fc == null || (fc.contentFilterSyntax == null && fc.contentFilterQuery == null)) {
            return null;
        }
        if (fc.contentFilterSyntax == null) {
            throw OneM2MException.badRequest("contentFilterQuery (cfq) needs its contentFilterSyntax (cfs=1, JSONPath)");
        }
        if (fc.contentFilterQuery == null) {
            throw OneM2MException.badRequest("contentFilterSyntax (cfs) needs a contentFilterQuery (cfq)");
        }
        if (fc.contentFilterSyntax != JSON_PATH) {
            throw OneM2MException.badRequest("contentFilterSyntax " + fc.contentFilterSyntax + " is unknown; 1 (JSONPath) is the only one");
        }
        if (matchesRegularExpression(fc.contentFilterQuery)) {
            // A pattern like /(.*a){12}b/ backtracks for minutes on a 40-character string, and the content it runs on
            // is anybody's: one discovery request could hold a thread per candidate. Java's matcher cannot be stopped.
            throw OneM2MException.badRequest("contentFilterQuery: regular-expression matching (=~) is not supported by this"
                    + " CSE; use ==, in, contains or the other comparisons");
        }
        try {
            return new ContentFilter(JsonPath.compile(fc.contentFilterQuery));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw OneM2MException.badRequest("contentFilterQuery is not valid JSONPath: " + e.getMessage());
        }
    }

    /** Whether the query uses JSONPath's regular-expression operator {@code =~} outside its string literals. */
    static boolean matchesRegularExpression(String query) {
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++; // an escaped character, the closing quote included
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '=' && i + 1 < query.length() && query.charAt(i + 1) == '~') {
                return true;
            }
        }
        return false;
    }

    /** Whether the content is JSON the query selects something of; null content never matches. */
    public boolean test(ResourceContent content) {
        if (content == null) {
            return false;
        }
        Object document = document(content.value(), content.encoding());
        if (document == null) {
            return false;
        }
        Object selected;
        try {
            selected = query.read(document, JACKSON);
        } catch (JsonPathException e) {
            return false; // nothing there, or the query does not apply to this document (a filter on a number)
        }
        // A definite path selected its node, whatever its value; an indefinite one its list of nodes, or a
        // function's value.
        return query.isDefinite() || !(selected instanceof List<?> nodes) || !nodes.isEmpty();
    }

    /** The content as a JSON document, or null when it is none. */
    private static Object document(Object con, String encoding) {
        if (BASE64_BINARY.equals(encoding)) {
            return null;
        }
        if (con instanceof String text) {
            return BASE64_STRING.equals(encoding) ? parse(base64(text)) : parse(text);
        }
        // Structured content (an object, array, number or boolean in the request) is JSON already; base64 is text.
        return BASE64_STRING.equals(encoding) ? null : con;
    }

    private static String base64(String text) {
        try {
            return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** JSON text by the CSE's own rules (ContentCodec); null when it is not JSON (or is the JSON null). */
    private static Object parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || !startsLikeJson(t.charAt(0))) {
            return null; // plain text, the common case: no parse attempt, no exception
        }
        try {
            return ContentCodec.fromJson(t);
        } catch (OneM2MException e) {
            return null;
        }
    }

    private static boolean startsLikeJson(char c) {
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }
}
