package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 6.2.2.2, table 6.2.2.2-1: every query field parsed into its typed primitive parameter, or refused. */
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
        return parse(query).filterCriteria;
    }

    @Test
    void clause6_2_2_2_requestParameters() {
        RequestPrimitive r = parse("rt=1&rp=P1Y2M3DT10H1M0S&rcn=4&da=true&drt=2&rids=r1+r2&tids=t1&tids=t2&ltids=l1"
                + "&tqi=0&asi=1&auri=false&sqi=true");
        assertEquals(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH, r.responseType);
        assertEquals(NOW.plus(Duration.ofDays(365 + 60 + 3).plusHours(10).plusMinutes(1)), r.resultPersistence);
        assertEquals(ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES, r.resultContent);
        assertEquals(true, r.deliveryAggregation);
        assertEquals(DesiredIdResultType.UNSTRUCTURED, r.desiredIdResultType);
        assertEquals(List.of("r1", "r2"), r.roleIds);
        assertEquals(List.of("t1", "t2"), r.tokenIds);
        assertEquals(List.of("l1"), r.localTokenIds);
        assertEquals(false, r.tokenRequestIndicator);
        assertEquals(true, r.authorizationSignatureIndicator);
        assertEquals(false, r.authorizationRelationshipIndicator);
        assertEquals(true, r.semanticQueryIndicator);
        assertNull(r.filterCriteria, "no filter field, no filter criteria");
    }

    @Test
    void clause6_2_2_2_resultPersistenceAsAbsoluteOrRelativeTime() {
        assertEquals(Timestamps.parse("20270101T000000", "t"), parse("rp=20270101T000000").resultPersistence);
        assertEquals(NOW.plusMillis(5000), parse("rp=5000").resultPersistence);
    }

    @Test
    void clause6_2_2_2_filterCriteriaConditions() {
        FilterCriteria f = fc("crb=20260101T000000&cra=20250101T000000,5&ms=20250601T000000&us=20260601T120000"
                + "&sts=10&stb=2&exb=20300101T000000&exa=20260101T000000&lbl=a+b:c&lbl=d&lbq=a%20AND%20b&ty=3+4&ty=2"
                + "&chty=4&pty=2&clbl=x&palb=y&sza=1&szb=100&cty=text/plain&cty=application%2Fjson");
        assertEquals(Timestamps.parse("20260101T000000", "t"), f.createdBefore);
        assertEquals(Timestamps.parse("20250101T000000,500000", "t"), f.createdAfter);
        assertEquals(Timestamps.parse("20250601T000000", "t"), f.modifiedSince);
        assertEquals(Timestamps.parse("20260601T120000", "t"), f.unmodifiedSince);
        assertEquals(10L, f.stateTagSmaller);
        assertEquals(2L, f.stateTagBigger);
        assertEquals(Timestamps.parse("20300101T000000", "t"), f.expireBefore);
        assertEquals(Timestamps.parse("20260101T000000", "t"), f.expireAfter);
        assertEquals(List.of("a", "b:c", "d"), f.labels);
        assertEquals("a AND b", f.labelsQuery);
        assertEquals(List.of(3, 4, 2), f.resourceTypes);
        assertEquals(List.of(4), f.childResourceTypes);
        assertEquals(List.of(2), f.parentResourceTypes);
        assertEquals(List.of("x"), f.childLabels);
        assertEquals(List.of("y"), f.parentLabels);
        assertEquals(1L, f.sizeAbove);
        assertEquals(100L, f.sizeBelow);
        assertEquals(List.of("text/plain", "application/json"), f.contentTypes);
        assertTrue(f.hasConditions());
    }

    @Test
    void clause6_2_2_2_filterCriteriaShapingFields() {
        FilterCriteria f = fc("fu=1&lim=50&fo=2&lvl=3&ofst=10&cfs=1&cfq=%24.a&arp=la&gmty=3&geom=%5B%5B0%2C0%5D%5D&gsf=1"
                + "&smf=PREFIX%20rdf%3A%20%3Chttp%3A%2F%2Fx%23%3E%20SELECT%20%3Fa%20WHERE%20%7B%7D");
        assertEquals(FilterUsage.DISCOVERY, f.filterUsage);
        assertEquals(50, f.limit);
        assertEquals(FilterOperation.OR, f.filterOperation);
        assertEquals(3, f.level);
        assertEquals(10, f.offset);
        assertEquals(1, f.contentFilterSyntax);
        assertEquals("$.a", f.contentFilterQuery);
        assertEquals("la", f.applyRelativePath);
        assertEquals(3, f.geometryType);
        assertEquals("[[0,0]]", f.geometry);
        assertEquals(1, f.geoSpatialFunction);
        assertEquals(List.of("PREFIX rdf: <http://x#> SELECT ?a WHERE {}"), f.semanticsFilter);
        assertEquals(3, fc("gnty=3").geometryType, "the binding table's spelling gnty is accepted too");
    }

    @Test
    void clause6_2_2_2_attributeConditionsWithChildAndParentPrefixes() {
        FilterCriteria f = fc("ty=3&cr=Sam&rn=a&rn=b&c.con=21&p.lbl=home");
        assertEquals(List.of(new AttributeCondition("cr", "Sam"), new AttributeCondition("rn", "a"), new AttributeCondition("rn", "b")),
                f.attributes);
        assertEquals(List.of(new AttributeCondition("con", "21")), f.childAttributes);
        assertEquals(List.of(new AttributeCondition("lbl", "home")), f.parentAttributes);
    }

    @Test
    void clause6_2_2_2_attributeListForPartialRetrieve() {
        assertEquals(Map.of("m2m:atrl", List.of("ri", "lbl", "rr")), parse("atrl=ri+lbl+rr").content);
        assertEquals(Map.of("m2m:atrl", List.of("rr")), parse("atrl=rr").content);
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse("atrl=rn", Operation.UPDATE));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
    }

    @Test
    void clause6_2_2_2_booleansAcceptTrueFalseOneZero() {
        assertEquals(true, parse("da=1").deliveryAggregation);
        assertEquals(false, parse("da=0").deliveryAggregation);
        assertEquals(true, parse("sqi=true").semanticQueryIndicator);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rt=0", "rt=6", "rt=x", "rp=tomorrow", "rcn=13", "rcn=-1", "da=yes", "drt=3", "tqi=2", "asi=maybe",
            "auri=", "sqi=TRUE ", "crb=2026-01-01", "cra=20261301T000000", "ms=x", "us=1", "sts=-1", "stb=x", "exb=now",
            "exa=20260101", "ty=a", "ty=3+", "ty=-3", "chty=x", "pty=+", "sza=-5", "szb=big", "cty=plain", "fu=0", "fu=5",
            "lim=-1", "lim=x", "ofst=0", "fo=0", "fo=4", "cfs=2", "lvl=0", "lvl=x", "ofst=-1", "gmty=7", "gnty=0", "gsf=4",
            "rcn=1&rcn=2", "fu=1&fu=1", "noequals", "=value", "a.b=1", "x-y=1", "9abc=1", "lbl=a++b"})
    void clause6_2_2_2_invalidValuesAre4000(String query) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse(query));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void clause6_2_2_2_percentEncodedPlusIsALiteralPlus() {
        assertEquals(List.of("a+b"), fc("lbl=a%2Bb").labels);
        assertEquals(List.of("application/vnd.onem2m-res+json"), fc("cty=application/vnd.onem2m-res%2Bjson").contentTypes);
    }
}
