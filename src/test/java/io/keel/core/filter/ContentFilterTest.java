package io.keel.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceContent;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentFilterTest {
    private static final TypeRegistry TYPES = new TypeRegistry();

    private static ContentFilter filter(String query) {
        FilterCriteria fc = new FilterCriteria();
        fc.contentFilterSyntax = 1;
        fc.contentFilterQuery = query;
        return ContentFilter.of(fc);
    }

    /** A contentInstance's content as its type gives it to content filters. */
    private static ResourceContent instance(String cnf, Object con) {
        Resource r = new Resource();
        r.ty = ResourceTypes.CONTENT_INSTANCE;
        if (cnf != null) {
            r.attributes.put("cnf", cnf);
        }
        if (con != null) {
            r.attributes.put("con", con);
        }
        return content(r);
    }

    private static ResourceContent content(Resource r) {
        return TYPES.require(r.ty).content(r);
    }

    @Test
    void aFilterExpressionSelectsTheDocumentWhenItHolds() {
        ContentFilter warm = filter("$[?(@.temp > 20)]");
        assertTrue(warm.test(instance("application/json:0", "{\"temp\":21.5}")));
        assertFalse(warm.test(instance("application/json:0", "{\"temp\":19}")));
        assertFalse(warm.test(instance("application/json:0", "{\"hum\":50}")), "no temp member");
        assertFalse(warm.test(instance("application/json:0", "{\"temp\":\"hot\"}")), "a type mismatch selects nothing");
    }

    @Test
    void aPathMatchesWhenItSelectsAnyNode() {
        ContentFilter temp = filter("$.temp");
        assertTrue(temp.test(instance(null, "{\"temp\":0}")));
        assertTrue(temp.test(instance(null, "{\"temp\":false}")), "a selected false is still a node");
        assertFalse(temp.test(instance(null, "{\"t\":1}")));
        assertTrue(temp.test(instance(null, "{\"temp\":null}")), "a member that is null is still there");
        assertTrue(filter("$.list").test(instance(null, "{\"list\":[]}")), "an empty array is a node too");
        assertFalse(filter("$.list[*]").test(instance(null, "{\"list\":[]}")), "but has no elements");
        assertTrue(filter("$.rooms[*].temp").test(instance(null, "{\"rooms\":[{\"n\":1},{\"temp\":3}]}")));
        assertFalse(filter("$.rooms[*].temp").test(instance(null, "{\"rooms\":[]}")));
    }

    @Test
    void structuredContentIsTakenAsItIs() {
        assertTrue(filter("$[?(@.v == 1)]").test(instance("application/json:0", Map.of("v", 1L))));
        assertTrue(filter("$[1]").test(instance(null, List.of(1L, 2L))));
    }

    @Test
    void jsonLiteralsInFilterExpressionsWork() {
        // Jayway parses these literals with json-smart: this fails if json-smart is missing from the WAR.
        assertTrue(filter("$[?(@.tag in ['a','b'])]").test(instance(null, "{\"tag\":\"b\"}")));
        assertFalse(filter("$[?(@.tag in ['a','b'])]").test(instance(null, "{\"tag\":\"c\"}")));
        assertTrue(filter("$[?(@.s == 'x')]").test(instance(null, "{\"s\":\"x\",\"o\":\"{not json\"}")));
    }

    @Test
    void aQueryThatDoesNotApplyToTheDocumentSelectsNothing() {
        // Jayway throws for these at evaluation, whatever its options: a filter on a scalar, an unknown function.
        assertFalse(filter("$[?(@.temp > 20)]").test(instance("text/plain:0", "21.5")));
        assertFalse(filter("$.nosuchfunction()").test(instance(null, "{\"a\":1}")));
        assertTrue(filter("$.length()").test(instance(null, "[1,2]")), "functions work");
    }

    @Test
    void contentThatIsNotJsonNeverMatches() {
        ContentFilter any = filter("$");
        assertFalse(any.test(instance("text/plain:0", "hello")));
        assertFalse(any.test(instance("text/plain:0", "{\"unclosed\":")));
        assertFalse(any.test(instance("text/plain:0", "{} trailing")));
        assertFalse(any.test(instance("text/plain:0", "")));
        assertFalse(any.test(instance("text/plain:0", "null")), "JSON null is no document");
        assertTrue(any.test(instance("text/plain:0", "21.5")), "a number is JSON text");
    }

    @Test
    void resourcesWithoutContentNeverMatch() {
        Resource container = new Resource();
        container.ty = ResourceTypes.CONTAINER;
        container.attributes.put("con", "{\"temp\":30}"); // an attribute condition name, not content
        assertFalse(filter("$.temp").test(content(container)));
        assertFalse(filter("$").test(instance(null, null)));
    }

    @Test
    void base64OnStringDataIsDecodedBinaryDataNeverMatches() {
        String encoded = Base64.getEncoder().encodeToString("{\"temp\":25}".getBytes(StandardCharsets.UTF_8));
        assertTrue(filter("$[?(@.temp > 20)]").test(instance("application/json:1", encoded)));
        assertFalse(filter("$[?(@.temp > 20)]").test(instance("application/json:1", "{\"temp\":25}")), "not base64");
        assertFalse(filter("$[?(@.temp > 20)]").test(instance("application/octet-stream:2", encoded)));
        assertFalse(filter("$.temp").test(instance("application/json:2", "{\"temp\":25}")));
    }

    @Test
    void syntaxAndQueryComeTogether() {
        assertNull(ContentFilter.of(new FilterCriteria()));
        FilterCriteria queryOnly = new FilterCriteria();
        queryOnly.contentFilterQuery = "$.a";
        assertBadRequest(queryOnly, "cfs=1");
        FilterCriteria syntaxOnly = new FilterCriteria();
        syntaxOnly.contentFilterSyntax = 1;
        assertBadRequest(syntaxOnly, "needs a contentFilterQuery");
        FilterCriteria otherSyntax = new FilterCriteria();
        otherSyntax.contentFilterSyntax = 2;
        otherSyntax.contentFilterQuery = "$.a";
        assertBadRequest(otherSyntax, "1 (JSONPath) is the only one");
    }

    @Test
    void anInvalidQueryIs4000WithTheParsersReason() {
        for (String bad : new String[] {"$[?(@.temp > )]", "$[?(", "$..", "$[?(@.a == 'x)]", "$.a b"}) {
            FilterCriteria fc = new FilterCriteria();
            fc.contentFilterSyntax = 1;
            fc.contentFilterQuery = bad;
            assertBadRequest(fc, "not valid JSONPath");
        }
    }

    @Test
    void regularExpressionsAreRefusedTheyCanBacktrackForMinutes() {
        for (String regex : new String[] {"$[?(@.a =~ /(.*a){12}b/)]", "$[?(@.a=~/x/i)]", "$[?(@.s == 'a' || @.a =~ /x/)]"}) {
            FilterCriteria fc = new FilterCriteria();
            fc.contentFilterSyntax = 1;
            fc.contentFilterQuery = regex;
            assertBadRequest(fc, "regular-expression matching (=~) is not supported");
        }
        // =~ inside a string literal is a value, not the operator.
        assertTrue(filter("$[?(@.op == '=~')]").test(instance("application/json:0", "{\"op\":\"=~\"}")));
        assertTrue(filter("$[?(@.op == \"it's =~\")]").test(instance("application/json:0", "{\"op\":\"it's =~\"}")));
        assertFalse(ContentFilter.matchesRegularExpression("$[?(@.op == 'a\\'=~')]"), "an escaped quote stays in the literal");
    }

    private static void assertBadRequest(FilterCriteria fc, String reasonPart) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> ContentFilter.of(fc));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }
}
