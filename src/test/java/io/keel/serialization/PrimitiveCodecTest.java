package io.keel.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PrimitiveCodecTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RequestPrimitive json(String s) {
        return PrimitiveCodec.decodeRequest(utf8(s), Serialization.JSON, NOW);
    }

    private static RequestPrimitive fullRequest() {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = Operation.RETRIEVE;
        r.to = "/id-in/cse-in/ae/cnt";
        r.from = "CAdmin";
        r.requestIdentifier = "rq-1";
        r.roleIds.add("role1");
        r.originatingTimestamp = Instant.parse("2026-12-05T09:00:00Z");
        r.requestExpirationTimestamp = Instant.parse("2026-12-05T11:00:00Z");
        r.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH;
        r.responseTypeNotificationUris = List.of("http://127.0.0.1:9000/n", "CAdmin");
        r.resultContent = ResultContent.CHILD_RESOURCE_REFERENCES;
        r.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        r.filterCriteria().resourceTypes.addAll(List.of(3, 4));
        r.filterCriteria().labels.addAll(List.of("a/b", "c"));
        r.filterCriteria().attributes.add(new AttributeCondition("cnf", "text/plain:0"));
        r.filterCriteria().limit = 5;
        r.filterCriteria().generatedBefore = Instant.parse("2026-12-05T08:00:00Z");
        r.filterCriteria().generatedAfter = Instant.parse("2026-12-05T07:00:00.000001Z");
        r.releaseVersionIndicator = "3";
        r.vendorInformation = "v";
        r.groupRequestTargetMembers = List.of("/id-in/m1");
        return r;
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void ts0004_8_everyParameterSurvivesEachSerialization(Serialization s) {
        RequestPrimitive back = PrimitiveCodec.decodeRequest(PrimitiveCodec.encode(fullRequest(), s), s, NOW);
        assertEquals(Operation.RETRIEVE, back.operation);
        assertEquals("/id-in/cse-in/ae/cnt", back.to);
        assertEquals("CAdmin", back.from);
        assertEquals("rq-1", back.requestIdentifier);
        assertEquals(List.of("role1"), back.roleIds);
        assertEquals(Instant.parse("2026-12-05T09:00:00Z"), back.originatingTimestamp);
        assertEquals(Instant.parse("2026-12-05T11:00:00Z"), back.requestExpirationTimestamp);
        assertEquals(ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH, back.responseType);
        assertEquals(List.of("http://127.0.0.1:9000/n", "CAdmin"), back.responseTypeNotificationUris);
        assertEquals(ResultContent.CHILD_RESOURCE_REFERENCES, back.resultContent);
        assertEquals(FilterUsage.DISCOVERY, back.filterCriteria.filterUsage);
        assertEquals(List.of(3, 4), back.filterCriteria.resourceTypes);
        assertEquals(List.of("a/b", "c"), back.filterCriteria.labels);
        assertEquals(List.of(new AttributeCondition("cnf", "text/plain:0")), back.filterCriteria.attributes);
        assertEquals(5, back.filterCriteria.limit);
        assertEquals(Instant.parse("2026-12-05T08:00:00Z"), back.filterCriteria.generatedBefore);
        assertEquals(Instant.parse("2026-12-05T07:00:00.000001Z"), back.filterCriteria.generatedAfter);
        assertEquals("3", back.releaseVersionIndicator);
        assertEquals("v", back.vendorInformation);
        assertEquals(List.of("/id-in/m1"), back.groupRequestTargetMembers);
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void ts0004_8_contentTravelsWithItsSerialization(Serialization s) {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = Operation.CREATE;
        r.to = "cse-in";
        r.from = "Cae";
        r.requestIdentifier = "1";
        r.resourceType = 4;
        r.content = Map.of("m2m:cin", Map.of("cnf", "text/plain:0", "con", "21"));
        RequestPrimitive back = PrimitiveCodec.decodeRequest(PrimitiveCodec.encode(r, s), s, NOW);
        assertEquals(4, back.resourceType);
        assertEquals(Map.of("m2m:cin", Map.of("cnf", "text/plain:0", "con", "21")), back.content);
        assertEquals(s, back.contentSerialization);
    }

    @Test
    void ts0004_8_4_2_jsonPrimitiveIsABareObject() {
        String text = new String(PrimitiveCodec.encode(fullRequest(), Serialization.JSON), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"op\":2,"), text);
        OneM2MException e = assertThrows(OneM2MException.class,
                () -> json("{\"m2m:rqp\":{\"op\":2,\"to\":\"cse-in\",\"fr\":\"C\",\"rqi\":\"1\"}}"));
        assertTrue(e.getMessage().contains("not wrapped"), e.getMessage());
    }

    @Test
    void ts0004_8_3_1_xmlPrimitiveHasItsRootElement() {
        String text = new String(PrimitiveCodec.encode(fullRequest(), Serialization.XML), StandardCharsets.UTF_8);
        assertTrue(text.contains("<m2m:rqp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><op>2</op>"), text);
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:dbg", "x"));
        rsp.requestIdentifier = "1";
        assertTrue(new String(PrimitiveCodec.encode(rsp, Serialization.XML), StandardCharsets.UTF_8).contains("<m2m:rsp"));
        OneM2MException e = assertThrows(OneM2MException.class,
                () -> PrimitiveCodec.decodeRequest(utf8("<m2m:cin xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><con>1</con></m2m:cin>"),
                        Serialization.XML, NOW));
        assertTrue(e.getMessage().contains("m2m:rqp"), e.getMessage());
    }

    @Test
    void ts0004_8_3_2_theSpecExampleDecodes() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <m2m:rqp xmlns:m2m="http://www.onem2m.org/xml/protocols">
                    <op>1</op>
                    <to>//example.net/myCSE/-/Cont1</to>
                    <fr>/myCSE/C2345</fr>
                    <rqi>0002bf63</rqi>
                    <ty>4</ty>
                    <pc>
                        <m2m:cin>
                            <cnf>application/xml:1</cnf>
                            <con>PHRpbWU+MTc4ODkzMDk8L3RpbWU+PHRlbXA+MjA8L3RlbXA+DQo=</con>
                        </m2m:cin>
                    </pc>
                </m2m:rqp>""";
        RequestPrimitive r = PrimitiveCodec.decodeRequest(utf8(xml), Serialization.XML, NOW);
        assertEquals(Operation.CREATE, r.operation);
        assertEquals("//example.net/myCSE/-/Cont1", r.to);
        assertEquals("/myCSE/C2345", r.from);
        assertEquals(4, r.resourceType);
        assertEquals("application/xml:1", ((Map<?, ?>) ((Map<?, ?>) r.content).get("m2m:cin")).get("cnf"));
    }

    @Test
    void ts0004_8_4_3_theSpecJsonExampleDecodes() {
        RequestPrimitive r = json("""
                {"op": 1, "fr": "Clight_ae1", "to": "/homegateway/light", "rqi": "A1234",
                 "pc": {"m2m:sch": {"se": {"sce": ["* 0-5 2,6,10 * * * *"]}}}, "ty": 18}""");
        assertEquals(Operation.CREATE, r.operation);
        assertEquals(18, r.resourceType);
        assertEquals("Clight_ae1", r.from);
    }

    @Test
    void ts0004_8_5_1_unknownMembersAndWrongTypesAreRefusedByName() {
        assertEquals("unknown request primitive parameter xyz (TS-0004 table 8.2.2-1)",
                assertThrows(OneM2MException.class, () -> json("{\"op\":2,\"to\":\"c\",\"rqi\":\"1\",\"xyz\":1}")).getMessage());
        assertTrue(assertThrows(OneM2MException.class, () -> json("{\"op\":9,\"to\":\"c\",\"rqi\":\"1\"}"))
                .getMessage().startsWith("op must be between 1 and 5"));
        assertTrue(assertThrows(OneM2MException.class, () -> json("{\"op\":2,\"to\":\"c\",\"rqi\":\"1\",\"rcn\":\"x\"}"))
                .getMessage().startsWith("rcn must be a non-negative integer"));
        assertTrue(assertThrows(OneM2MException.class, () -> json("{\"op\":2,\"to\":\"c\",\"rqi\":\"1\",\"fc\":{\"zz\":1}}"))
                .getMessage().startsWith("unknown member fc/zz"));
        assertTrue(assertThrows(OneM2MException.class, () -> json("{\"op\":2,\"to\":{\"a\":1},\"rqi\":\"1\"}"))
                .getMessage().startsWith("to must be a single value"));
        assertTrue(assertThrows(OneM2MException.class, () -> json("{\"op\":1,\"to\":\"c\",\"rqi\":\"1\",\"pc\":[1]}"))
                .getMessage().startsWith("pc must hold one element"));
    }

    @Test
    void ts0004_7_2_1_1_opToAndRqiAreMandatory() {
        assertEquals("the request primitive has no op", assertThrows(OneM2MException.class, () -> json("{\"to\":\"c\",\"rqi\":\"1\"}")).getMessage());
        assertEquals("the request primitive has no to", assertThrows(OneM2MException.class, () -> json("{\"op\":2,\"rqi\":\"1\"}")).getMessage());
        assertEquals("the request primitive has no rqi", assertThrows(OneM2MException.class, () -> json("{\"op\":2,\"to\":\"c\"}")).getMessage());
    }

    @Test
    void anInvalidRequestStillEchoesItsRequestIdentifier() {
        PrimitiveCodec.InvalidRequest e = assertThrows(PrimitiveCodec.InvalidRequest.class,
                () -> json("{\"op\":2,\"to\":\"c\",\"fr\":\"Cx\",\"rqi\":\"r-9\",\"rvi\":\"3\",\"drt\":7}"));
        ResponsePrimitive rsp = PrimitiveCodec.errorResponse(e);
        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertEquals("r-9", rsp.requestIdentifier);
        assertEquals("3", rsp.releaseVersionIndicator);
        assertTrue(String.valueOf(rsp.content).contains("drt"), String.valueOf(rsp.content));
    }

    @Test
    void relativeTimesAreTakenFromNow() {
        RequestPrimitive r = json("{\"op\":2,\"to\":\"c\",\"rqi\":\"1\",\"rqet\":\"PT10S\",\"rset\":60000}");
        assertEquals(NOW.plusSeconds(10), r.requestExpirationTimestamp);
        assertEquals(NOW.plusSeconds(60), r.resultExpirationTimestamp);
    }

    @Test
    void ts0004_8_3_xmlListsAreXsListsOrRepeatedElements() {
        String xml = "<m2m:rqp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><op>2</op><to>c</to><rqi>1</rqi>"
                + "<fc><fu>1</fu><ty>2</ty><ty>3</ty><lbl>x y</lbl><atr><nm>rn</nm><val>a</val></atr></fc>"
                + "<rt><rtv>2</rtv><nu>http://h/a http://h/b</nu></rt></m2m:rqp>";
        RequestPrimitive r = PrimitiveCodec.decodeRequest(utf8(xml), Serialization.XML, NOW);
        assertEquals(List.of(2, 3), r.filterCriteria.resourceTypes);
        assertEquals(List.of("x", "y"), r.filterCriteria.labels);
        assertEquals(List.of(new AttributeCondition("rn", "a")), r.filterCriteria.attributes);
        assertEquals(List.of("http://h/a", "http://h/b"), r.responseTypeNotificationUris);
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void ts0004_7_2_1_2_responsesRoundTrip(Serialization s) {
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.CREATED, Map.of("m2m:cnt", Map.of("rn", "c1")));
        rsp.requestIdentifier = "7";
        rsp.to = "Cae";
        rsp.from = "/id-in";
        rsp.releaseVersionIndicator = "3";
        PrimitiveCodec.Message m = PrimitiveCodec.decode(PrimitiveCodec.encode(rsp, s), s, NOW);
        ResponsePrimitive back = assertInstanceOf(PrimitiveCodec.Response.class, m).primitive();
        assertEquals(ResponseStatusCode.CREATED, back.responseStatusCode);
        assertEquals("7", back.requestIdentifier);
        assertEquals("Cae", back.to);
        assertEquals("/id-in", back.from);
        assertEquals(Map.of("m2m:cnt", Map.of("rn", "c1")), back.content);
    }

    @Test
    void aResponseWithoutAKnownRscIsRefused() {
        assertThrows(OneM2MException.class, () -> PrimitiveCodec.decodeResponse(utf8("{\"rsc\":1234,\"rqi\":\"1\"}"), Serialization.JSON));
        assertNull(PrimitiveCodec.decodeResponse(utf8("{\"rsc\":2000,\"rqi\":\"1\",\"ot\":\"nonsense\"}"), Serialization.JSON)
                .originatingTimestamp);
    }
}
