package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.FilterOperation;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** TS-0009 6.2.2.2, table 6.2.2.2-1: every query field parsed into its typed primitive parameter, or refused with 4000. */
class QueryMappingTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static RequestPrimitive parse(String query) {
        return parse(query, Operation.RETRIEVE);
    }

    private static RequestPrimitive parse(String query, Operation op) {
        RequestPrimitive r = new RequestPrimitive();
        QueryMapping.apply(query, op, r, NOW);
        return r;
    }

    private static FilterCriteria fc(String query) {
        FilterCriteria f = parse(query).filterCriteria;
        assertNotNull(f, "a filter field creates the filter criteria: " + query);
        return f;
    }

    private static OneM2MException refused(String query) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse(query), query);
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc(), query);
        return e;
    }

    private static Instant ts(String s) {
        return Timestamps.parse(s, "test");
    }

    private static Arguments field(String query, Function<RequestPrimitive, Object> value, Object expected) {
        return arguments(query, value, expected);
    }

    /** One valid value per field of table 6.2.2.2-1 (and of the Filter Criteria elements it omits). */
    static Stream<Arguments> validFields() {
        return Stream.of(
                field("rt=1", r -> r.responseType, ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH),
                field("rt=2", r -> r.responseType, ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH),
                field("rt=3", r -> r.responseType, ResponseTypeValue.BLOCKING_REQUEST),
                field("rt=4", r -> r.responseType, ResponseTypeValue.FLEX_BLOCKING),
                field("rt=5", r -> r.responseType, ResponseTypeValue.NO_RESPONSE),
                field("rp=P1Y2M3DT10H1M0S", r -> r.resultPersistence, NOW.plus(Duration.ofDays(365 + 60 + 3).plusHours(10).plusMinutes(1))),
                field("rp=PT30S", r -> r.resultPersistence, NOW.plusSeconds(30)),
                field("rp=5000", r -> r.resultPersistence, NOW.plusMillis(5000)),
                field("rp=20270101T000000", r -> r.resultPersistence, ts("20270101T000000")),
                field("rcn=0", r -> r.resultContent, ResultContent.NOTHING),
                field("rcn=4", r -> r.resultContent, ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES),
                field("rcn=12", r -> r.resultContent, ResultContent.PERMISSIONS),
                field("da=true", r -> r.deliveryAggregation, true),
                field("da=false", r -> r.deliveryAggregation, false),
                field("da=1", r -> r.deliveryAggregation, true),
                field("da=0", r -> r.deliveryAggregation, false),
                field("drt=1", r -> r.desiredIdResultType, DesiredIdResultType.STRUCTURED),
                field("drt=2", r -> r.desiredIdResultType, DesiredIdResultType.UNSTRUCTURED),
                field("rids=r1+r2&rids=r3", r -> r.roleIds, List.of("r1", "r2", "r3")),
                field("tids=t1&tids=t2", r -> r.tokenIds, List.of("t1", "t2")),
                field("ltids=l1+l2", r -> r.localTokenIds, List.of("l1", "l2")),
                field("tqi=true", r -> r.tokenRequestIndicator, true),
                field("tqi=0", r -> r.tokenRequestIndicator, false),
                field("asi=1", r -> r.authorizationSignatureIndicator, true),
                field("auri=false", r -> r.authorizationRelationshipIndicator, false),
                field("sqi=true", r -> r.semanticQueryIndicator, true),
                field("crb=20260101T000000", r -> r.filterCriteria.createdBefore, ts("20260101T000000")),
                field("cra=20250101T000000,5", r -> r.filterCriteria.createdAfter, ts("20250101T000000,500000")),
                field("dgb=20250601T000000", r -> r.filterCriteria.generatedBefore, ts("20250601T000000")),
                field("dga=20250501T000000,5", r -> r.filterCriteria.generatedAfter, ts("20250501T000000,5")),
                field("ms=20250601T000000", r -> r.filterCriteria.modifiedSince, ts("20250601T000000")),
                field("us=20260601T120000,123456", r -> r.filterCriteria.unmodifiedSince, ts("20260601T120000,123456")),
                field("sts=10", r -> r.filterCriteria.stateTagSmaller, 10L),
                field("stb=0", r -> r.filterCriteria.stateTagBigger, 0L),
                field("exb=20300101T000000", r -> r.filterCriteria.expireBefore, ts("20300101T000000")),
                field("exa=20260101T000000", r -> r.filterCriteria.expireAfter, ts("20260101T000000")),
                field("lbl=a+b:c&lbl=d", r -> r.filterCriteria.labels, List.of("a", "b:c", "d")),
                field("lbq=a%20AND%20b", r -> r.filterCriteria.labelsQuery, "a AND b"),
                field("ty=2+3+4", r -> r.filterCriteria.resourceTypes, List.of(2, 3, 4)),
                field("ty=2&ty=3&ty=4", r -> r.filterCriteria.resourceTypes, List.of(2, 3, 4)),
                field("ty=3+4&ty=0", r -> r.filterCriteria.resourceTypes, List.of(3, 4, 0)),
                field("chty=4+30", r -> r.filterCriteria.childResourceTypes, List.of(4, 30)),
                field("pty=2&pty=5", r -> r.filterCriteria.parentResourceTypes, List.of(2, 5)),
                field("clbl=x+y", r -> r.filterCriteria.childLabels, List.of("x", "y")),
                field("palb=home", r -> r.filterCriteria.parentLabels, List.of("home")),
                field("sza=1", r -> r.filterCriteria.sizeAbove, 1L),
                field("szb=9223372036854775807", r -> r.filterCriteria.sizeBelow, Long.MAX_VALUE),
                field("cty=text/plain&cty=application%2Fjson", r -> r.filterCriteria.contentTypes, List.of("text/plain", "application/json")),
                field("cty=text/plain+application/vnd.onem2m-res%2Bjson", r -> r.filterCriteria.contentTypes,
                        List.of("text/plain", "application/vnd.onem2m-res+json")),
                field("fu=1", r -> r.filterCriteria.filterUsage, FilterUsage.DISCOVERY),
                field("fu=2", r -> r.filterCriteria.filterUsage, FilterUsage.CONDITIONAL_RETRIEVAL),
                field("fu=3", r -> r.filterCriteria.filterUsage, FilterUsage.IPE_ON_DEMAND_DISCOVERY),
                field("fu=4", r -> r.filterCriteria.filterUsage, FilterUsage.DISCOVERY_BASED_OPERATION),
                field("lim=0", r -> r.filterCriteria.limit, 0),
                field("lim=50", r -> r.filterCriteria.limit, 50),
                field("lim=2147483647", r -> r.filterCriteria.limit, Integer.MAX_VALUE),
                field("smf=PREFIX%20rdf%3A%20%3Chttp%3A%2F%2Fx%23%3E%20SELECT%20%3Fa%20WHERE%20%7B%7D", r -> r.filterCriteria.semanticsFilter,
                        List.of("PREFIX rdf: <http://x#> SELECT ?a WHERE {}")),
                field("smf=q1&smf=q2%2B1", r -> r.filterCriteria.semanticsFilter, List.of("q1", "q2+1")),
                field("fo=1", r -> r.filterCriteria.filterOperation, FilterOperation.AND),
                field("fo=2", r -> r.filterCriteria.filterOperation, FilterOperation.OR),
                field("fo=3", r -> r.filterCriteria.filterOperation, FilterOperation.XOR),
                field("cfs=1", r -> r.filterCriteria.contentFilterSyntax, 1),
                field("cfq=%24.a%5B%3F(%40.b%3E1)%5D", r -> r.filterCriteria.contentFilterQuery, "$.a[?(@.b>1)]"),
                field("lvl=1", r -> r.filterCriteria.level, 1),
                field("lvl=3", r -> r.filterCriteria.level, 3),
                field("ofst=1", r -> r.filterCriteria.offset, 1),
                field("ofst=10", r -> r.filterCriteria.offset, 10),
                field("arp=la", r -> r.filterCriteria.applyRelativePath, "la"),
                field("gmty=1", r -> r.filterCriteria.geometryType, 1),
                field("gmty=6", r -> r.filterCriteria.geometryType, 6),
                field("gnty=3", r -> r.filterCriteria.geometryType, 3),
                field("geom=%5B%5B0.0%2C0.0%5D%2C%5B0.0%2C100.0%5D%5D", r -> r.filterCriteria.geometry, "[[0.0,0.0],[0.0,100.0]]"),
                field("gsf=1", r -> r.filterCriteria.geoSpatialFunction, 1),
                field("gsf=3", r -> r.filterCriteria.geoSpatialFunction, 3));
    }

    @ParameterizedTest(name = "clause6_2_2_2_valid {0}")
    @MethodSource("validFields")
    void clause6_2_2_2_everyFieldParsesIntoItsTypedParameter(String query, Function<RequestPrimitive, Object> value, Object expected) {
        assertEquals(expected, value.apply(parse(query)));
    }

    /** An invalid value for every field, and the field name the reason must carry. */
    @ParameterizedTest(name = "clause6_2_2_2_invalid {0}")
    @CsvSource(delimiter = '|', value = {
            "rt=0|rt", "rt=6|rt", "rt=x|rt", "rt=-1|rt", "rp=tomorrow|rp", "rp=P|rp", "rp=PT|rp", "rp=P99999999999999999999Y|rp",
            "rp=P9999999999Y|rp", "rcn=13|rcn", "rcn=-1|rcn", "rcn=1.0|rcn", "da=yes|da", "da=TRUE|da", "da=2|da", "drt=0|drt",
            "drt=3|drt", "rids=a++b|rids", "tids=+|tids", "ltids=a+|ltids", "tqi=2|tqi", "asi=maybe|asi", "auri=on|auri",
            "sqi=True|sqi", "crb=2026-01-01|crb", "cra=20261301T000000|cra", "ms=x|ms", "us=1|us", "exb=now|exb",
            "exa=20260101|exa", "sts=-1|sts", "sts=%2B1|sts", "stb=x|stb", "stb=99999999999999999999|stb", "lbl=a++b|lbl",
            "lbl=+a|lbl", "ty=a|ty", "ty=3+|ty", "ty=-3|ty", "ty=4294967296|ty", "ty=%203|ty", "chty=x|chty", "pty=+|pty",
            "clbl=a++|clbl", "palb=+|palb", "sza=-5|sza", "szb=big|szb", "szb=1e3|szb", "cty=plain|cty", "cty=text/|cty",
            "cty=/json|cty", "fu=0|fu", "fu=5|fu", "lim=-1|lim", "lim=x|lim", "lim=2147483648|lim", "smf=a++b|smf", "fo=0|fo",
            "fo=4|fo", "cfs=0|cfs", "cfs=2|cfs", "lvl=0|lvl", "lvl=x|lvl", "ofst=0|ofst", "ofst=-1|ofst", "gmty=0|gmty",
            "gmty=7|gmty", "gnty=0|gnty", "gnty=7|gnty", "gsf=0|gsf", "gsf=4|gsf", "lbq=a+b|lbq", "cfq=%24.a+1|cfq",
            "geom=%5B1+2%5D|geom", "arp=a+b|arp", "crb=20260101T000000+1|crb", "lbl=%ZZ|lbl", "lbl=%C3%28|lbl",
            "lbl=a%00b|lbl", "cr=%01|cr", "atrl=r%20i|atrl", "atrl=ri++lbl|atrl", "atrl=9x|atrl"})
    void clause6_2_2_2_invalidValueIs4000NamingTheField(String query, String field) {
        String reason = refused(query).getMessage();
        assertTrue(reason.contains("query field " + field), reason);
    }

    @ParameterizedTest(name = "clause6_2_2_2_emptyValue {0}")
    @CsvSource({"rt=, rt", "rp=, rp", "rcn=, rcn", "da=, da", "drt=, drt", "rids=, rids", "tids=, tids", "ltids=, ltids", "tqi=, tqi",
            "asi=, asi", "auri=, auri", "sqi=, sqi", "crb=, crb", "cra=, cra", "ms=, ms", "us=, us", "sts=, sts", "stb=, stb",
            "exb=, exb", "exa=, exa", "lbl=, lbl", "lbq=, lbq", "ty=, ty", "chty=, chty", "pty=, pty", "clbl=, clbl",
            "palb=, palb", "sza=, sza", "szb=, szb", "cty=, cty", "fu=, fu", "lim=, lim", "smf=, smf", "fo=, fo", "cfs=, cfs",
            "cfq=, cfq", "lvl=, lvl", "ofst=, ofst", "arp=, arp", "gmty=, gmty", "gnty=, gnty", "geom=, geom", "gsf=, gsf",
            "atrl=, atrl", "cr=, cr", "c.con=, c.con"})
    void clause6_2_2_2_emptyValueIs4000(String query, String field) {
        String reason = refused(query).getMessage();
        assertTrue(reason.contains("query field " + field) && reason.contains("empty"), reason);
    }

    @ParameterizedTest(name = "clause6_2_2_2_onlyOnce {0}")
    @CsvSource({"rt=1&rt=1, rt", "rp=5000&rp=5000, rp", "rcn=1&rcn=2, rcn", "da=1&da=0, da", "drt=1&drt=1, drt", "tqi=1&tqi=0, tqi",
            "asi=1&asi=1, asi", "auri=1&auri=1, auri", "sqi=1&sqi=1, sqi", "crb=20260101T000000&crb=20260101T000000, crb",
            "cra=20260101T000000&cra=20260101T000000, cra", "ms=20260101T000000&ms=20260101T000000, ms",
            "us=20260101T000000&us=20260101T000000, us", "sts=1&sts=2, sts", "stb=1&stb=2, stb",
            "exb=20260101T000000&exb=20260101T000000, exb", "exa=20260101T000000&exa=20260101T000000, exa", "lbq=a&lbq=b, lbq",
            "sza=1&sza=1, sza", "szb=1&szb=1, szb", "fu=1&fu=1, fu", "lim=1&lim=2, lim", "fo=1&fo=1, fo", "cfs=1&cfs=1, cfs",
            "cfq=a&cfq=b, cfq", "lvl=1&lvl=2, lvl", "ofst=1&ofst=2, ofst", "arp=a&arp=b, arp", "gmty=1&gmty=1, gmty",
            "gmty=1&gnty=1, gnty", "gnty=2&gmty=2, gmty", "geom=a&geom=b, geom", "gsf=1&gsf=1, gsf"})
    void clause6_2_2_2_singleValuedFieldGivenTwiceIs4000(String query, String field) {
        String reason = refused(query).getMessage();
        assertTrue(reason.contains("query field " + field) && reason.contains("only once"), reason);
    }

    @ParameterizedTest(name = "clause6_2_2_2_rawPlusInSingleValuedField {0}")
    @CsvSource({"rcn=1+2, rcn", "fu=1+2, fu", "rt=1+3, rt", "lim=1+1, lim"})
    void clause6_2_2_2_rawPlusInASingleValuedFieldIsTwoValuesAnd4000(String query, String field) {
        String reason = refused(query).getMessage();
        assertTrue(reason.contains("query field " + field) && reason.contains("single value"), reason);
    }

    @Test
    void clause6_2_2_2_plusFormAndRepeatedFormGiveTheSameList() {
        assertEquals(fc("ty=2+3+4").resourceTypes, fc("ty=2&ty=3&ty=4").resourceTypes);
        assertEquals(fc("lbl=a+b").labels, fc("lbl=a&lbl=b").labels);
        assertEquals(fc("cty=text/plain+text/csv").contentTypes, fc("cty=text/plain&cty=text/csv").contentTypes);
    }

    @Test
    void clause6_2_2_2_rawPlusSeparatesEncodedPlusIsLiteralEncodedSpaceIsSpace() {
        assertEquals(List.of("a+b"), fc("lbl=a%2Bb").labels);
        assertEquals(List.of("a", "b"), fc("lbl=a+b").labels);
        assertEquals(List.of("a b"), fc("lbl=a%20b").labels);
        assertEquals(List.of("key:a+b", "c d"), fc("lbl=key%3Aa%2Bb+c%20d").labels);
        assertEquals("x+1", fc("cfq=x%2B1").contentFilterQuery, "a single-valued field takes %2B as a literal plus");
    }

    @Test
    void clause6_2_2_2_example1_nonBlockingRequestSynch() {
        RequestPrimitive r = parse("rt=1&rp=P1Y2M3DT10H1M0S");
        assertEquals(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH, r.responseType);
        assertEquals(NOW.plus(Duration.ofDays(365 + 2 * 30 + 3).plusHours(10).plusMinutes(1)), r.resultPersistence);
        assertNull(r.filterCriteria, "no filter field, no filter criteria");
    }

    @Test
    void clause6_2_2_2_example2_discoveryWithAnAttributeCondition() {
        FilterCriteria f = fc("ty=3&cr=Sam&fu=1");
        assertEquals(List.of(3), f.resourceTypes);
        assertEquals(List.of(new AttributeCondition("cr", "Sam")), f.attributes);
        assertEquals(FilterUsage.DISCOVERY, f.filterUsage);
    }

    @Test
    void clause6_2_2_2_example3_semanticsFilterIsPercentDecoded() {
        FilterCriteria f = fc("smf=PREFIX%20rdf%3A%20%3Chttp%3A%2F%2Fwww.w3.org%2F1999%2F02%2F22-rdf-syntax-ns%23%3E%20SELECT%20%3Fcar"
                + "%20WHERE%20%7B%20%3Fcar%20%20rdf%3Atype%20myOnt%3Acar%20%7D");
        assertEquals(List.of("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT ?car WHERE { ?car  rdf:type myOnt:car }"),
                f.semanticsFilter);
    }

    @Test
    void clause6_2_2_2_example4_geoQuery() {
        FilterCriteria f = fc("fu=1&gmty=3&geom=%5B%5B0.0%2C0.0%5D%2C%5B0.0%2C100.0%5D%2C%20%5B100.0%2C100.0%5D%5D&gsf=1");
        assertEquals(FilterUsage.DISCOVERY, f.filterUsage);
        assertEquals(3, f.geometryType);
        assertEquals("[[0.0,0.0],[0.0,100.0], [100.0,100.0]]", f.geometry);
        assertEquals(1, f.geoSpatialFunction);
    }

    @Test
    void clause6_2_2_2_attributeConditionsWithChildAndParentPrefixes() {
        FilterCriteria f = fc("ty=3&cr=Sam&rn=a&rn=b&c.con=21&c.cnf=text%2Fplain%3A0&p.lbl=home&p.rn=x%20y");
        assertEquals(List.of(new AttributeCondition("cr", "Sam"), new AttributeCondition("rn", "a"), new AttributeCondition("rn", "b")),
                f.attributes);
        assertEquals(List.of(new AttributeCondition("con", "21"), new AttributeCondition("cnf", "text/plain:0")), f.childAttributes);
        assertEquals(List.of(new AttributeCondition("lbl", "home"), new AttributeCondition("rn", "x y")), f.parentAttributes);
        assertTrue(f.hasConditions());
    }

    @Test
    void clause6_2_2_2_attributeValueListWithRawPlusGivesOneConditionPerItem() {
        assertEquals(List.of(new AttributeCondition("cr", "Sam"), new AttributeCondition("cr", "Bob")), fc("cr=Sam+Bob").attributes);
        assertEquals(List.of(new AttributeCondition("con", "1+1")), fc("con=1%2B1").attributes);
    }

    @Test
    void clause6_2_2_2_anAttributeConditionAloneCreatesFilterCriteria() {
        assertEquals(List.of(new AttributeCondition("mni", "5")), fc("mni=5").attributes);
    }

    @ParameterizedTest(name = "clause6_2_2_2_invalidName {0}")
    @CsvSource(delimiter = '|', value = {"noequals|no value", "=value|empty name", "a.b=1|a.b", "x-y=1|x-y", "9abc=1|9abc",
            "c.=1|c.", "p.=1|p.", "c.9=1|c.9", "q.rn=1|q.rn", "c.c.rn=1|c.c.rn", "r%20n=1|r n", "atr=cr|atr", "catr=x|catr",
            "patr=x|patr", "ty|ty", "rcn&rt=1|rcn"})
    void clause6_2_2_2_invalidFieldIs4000(String query, String reasonPart) {
        String reason = refused(query).getMessage();
        assertTrue(reason.contains(reasonPart), reason);
    }

    @Test
    void clause6_2_2_2_atrlForPartialRetrieve() {
        assertEquals(Map.of("m2m:atrl", List.of("ri", "lbl", "rr")), parse("atrl=ri+lbl+rr").content);
        assertEquals(Map.of("m2m:atrl", List.of("rr")), parse("atrl=rr").content);
        assertEquals(Map.of("m2m:atrl", List.of("ri", "lbl")), parse("atrl=ri&atrl=lbl").content);
        assertNull(parse("atrl=rr").filterCriteria, "atrl is no filter condition");
        assertNull(parse("rcn=1").content);
    }

    @ParameterizedTest(name = "clause6_2_2_2_atrlIn{0}Is4000")
    @EnumSource(value = Operation.class, names = "RETRIEVE", mode = EnumSource.Mode.EXCLUDE)
    void clause6_2_2_2_atrlOutsideRetrieveIs4000(Operation op) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse("atrl=rn", op));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("atrl"), e.getMessage());
    }

    @Test
    void clause6_2_2_2_filterFieldsAreOnlyParsedNotJudgedByOperation() {
        assertEquals(List.of(3), parse("ty=3", Operation.CREATE).filterCriteria.resourceTypes, "the core refuses fc in a Create");
    }

    @Test
    void clause6_2_2_2_noQueryOrNoFilterFieldLeavesFilterCriteriaNull() {
        assertNull(parse(null).filterCriteria);
        assertNull(parse("").filterCriteria);
        assertNull(parse("rcn=1&rt=3&drt=1&da=0&rids=a&tids=b&ltids=c&tqi=0&asi=0&auri=0&sqi=0&rp=10").filterCriteria);
    }

    @Test
    void clause6_2_2_2_emptyPairsAreSkipped() {
        RequestPrimitive r = parse("rcn=1&&fu=1&");
        assertEquals(ResultContent.ATTRIBUTES, r.resultContent);
        assertEquals(FilterUsage.DISCOVERY, r.filterCriteria.filterUsage);
    }

    @Test
    void clause6_2_2_2_fieldNamesArePercentDecoded() {
        assertEquals(List.of(3), fc("%74y=3").resourceTypes);
    }

    @Test
    void clause6_2_2_2_textValuesKeepTabAndNewline() {
        assertEquals(List.of("SELECT ?a\nWHERE {\t}"), fc("smf=SELECT%20%3Fa%0AWHERE%20%7B%09%7D").semanticsFilter);
    }

    @Test
    void ts0009_6_2_2_2_theQueryOfARequestSentOnReadsBackAsTheSameParameters() {
        RequestPrimitive r = parse("rt=3&rcn=4&drt=2&fu=1&ty=3+4&lbl=a%20b+c%2Bd&lim=5&ofst=2&lvl=3&fo=2&crb=20260101T000000"
                + "&cfs=1&cfq=%24.temp&arp=la&rn=x*&c.lbl=y&p.ty=2&exa=20270101T000000&sza=10");
        String query = QueryMapping.query(r);
        RequestPrimitive back = parse(query);
        assertEquals(QueryMapping.query(back), query);
        assertEquals(r.resultContent, back.resultContent);
        assertEquals(r.filterCriteria.labels, back.filterCriteria.labels);
        assertEquals(r.filterCriteria.resourceTypes, back.filterCriteria.resourceTypes);
        assertEquals(r.filterCriteria.contentFilterQuery, back.filterCriteria.contentFilterQuery);
        assertEquals(r.filterCriteria.createdBefore, back.filterCriteria.createdBefore);
        assertEquals(r.filterCriteria.attributes, back.filterCriteria.attributes);
        assertEquals(r.filterCriteria.childAttributes, back.filterCriteria.childAttributes);
        assertEquals(r.filterCriteria.parentAttributes, back.filterCriteria.parentAttributes);
        assertEquals("", QueryMapping.query(new RequestPrimitive()));
    }
}
