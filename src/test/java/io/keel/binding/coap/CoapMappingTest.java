package io.keel.binding.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.Serialization;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TS-0008 clause 6: options, Content-Formats and Response Codes, each through a real CoAP message encoding. */
class CoapMappingTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final URI CSE = URI.create("coap://127.0.0.1:5683");

    @ParameterizedTest(name = "{0} is option {1}")
    @CsvSource({"oneM2M-FR, 279", "oneM2M-RQI, 283", "oneM2M-OT, 259", "oneM2M-RQET, 291", "oneM2M-RSET, 295",
            "oneM2M-OET, 299", "oneM2M-RTURI, 263", "oneM2M-EC, 303", "oneM2M-RSC, 307", "oneM2M-GID, 311", "oneM2M-TY, 267",
            "oneM2M-CTO, 319", "oneM2M-CTS, 323", "oneM2M-ATI, 327", "oneM2M-RVI, 271", "oneM2M-VSI, 331", "oneM2M-GTM, 335",
            "oneM2M-AUS, 339", "oneM2M-ASRI, 275"})
    void ts0008_6_2_2_4_optionNumbersOfTheTable(String name, int number) {
        assertEquals(number, OneM2MOptions.REGISTRY.getDefinitionByName(name).getNumber());
        assertTrue(new Option(number).isCritical(), name + " is critical");
        assertTrue(new Option(number).isUnSafe(), name + " is unsafe");
    }

    @Test
    void ts0008_6_2_requestPrimitiveSurvivesTheWireBothWays() {
        RequestPrimitive out = new RequestPrimitive();
        out.operation = Operation.CREATE;
        out.to = "//sp.example/id-in/cse-in/box";
        out.from = "CAdmin";
        out.requestIdentifier = "r-1";
        out.resourceType = 4;
        out.releaseVersionIndicator = "4";
        out.vendorInformation = "v";
        out.eventCategory = 100;
        out.requestExpirationTimestamp = NOW.plusSeconds(60);
        out.responseTypeNotificationUris = List.of("coap://a/x", "http://b/y");
        out.tokens.add("tok1");
        out.authorizationSignatures.addAll(List.of("s1", "s2"));
        out.groupRequestTargetMembers = List.of("m1", "m2");
        out.filterCriteria().labels.addAll(List.of("a+b", "c d"));
        out.content = Map.of("m2m:cin", Map.of("con", "21"));

        RequestPrimitive in = roundTrip(RequestMapping.write(out, CSE, true, Serialization.CBOR));

        assertEquals(Operation.CREATE, in.operation, "POST with oneM2M-TY is a Create (6.2.1)");
        assertEquals(out.to, in.to);
        assertEquals("CAdmin", in.from);
        assertEquals("r-1", in.requestIdentifier);
        assertEquals(4, in.resourceType);
        assertEquals("4", in.releaseVersionIndicator);
        assertEquals("v", in.vendorInformation);
        assertEquals(100, in.eventCategory, "EC 100-999 takes two bytes");
        assertEquals(out.requestExpirationTimestamp, in.requestExpirationTimestamp);
        assertEquals(out.responseTypeNotificationUris, in.responseTypeNotificationUris);
        assertEquals(List.of("tok1"), in.tokens, "Tokens travel in Uri-Query (6.2.2.3)");
        assertEquals(List.of("s1", "s2"), in.authorizationSignatures);
        assertEquals(List.of("m1", "m2"), in.groupRequestTargetMembers);
        assertEquals(List.of("a+b", "c d"), in.filterCriteria.labels, "one Uri-Query option per item: '+' and ' ' are literal");
        assertEquals(Serialization.CBOR, in.contentSerialization);
        assertEquals(out.content, in.content);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"cse-in/ae12/cont27, cse-in|ae12|cont27", "/CSE178/cin00856, ~|CSE178|cin00856",
            "//mym2msp.org/CSE178/cin00856, _|mym2msp.org|CSE178|cin00856"})
    void ts0008_6_2_2_3_toIsUriPathAsInTable6_2_2_3_1(String to, String uriPath) {
        RequestPrimitive out = retrieve(to);
        Request request = RequestMapping.write(out, CSE, true, Serialization.JSON);
        assertEquals(List.of(uriPath.split("\\|")), request.getOptions().getUriPath());
        assertEquals(to, roundTrip(request).to);
    }

    @Test
    void ts0008_6_2_1_postWithoutResourceTypeIsNotify() {
        RequestPrimitive out = retrieve("cse-in");
        out.operation = Operation.NOTIFY;
        out.content = Map.of("m2m:sgn", Map.of("vrq", true));
        Request request = RequestMapping.write(out, URI.create("coap://127.0.0.1:9999/notify"), false, Serialization.JSON);
        assertEquals(Code.POST, request.getCode());
        assertEquals(List.of("notify"), request.getOptions().getUriPath(), "a notification URL's path is kept");
        assertTrue(request.getOptions().getOthers(OneM2MOptions.TY).isEmpty());
        assertEquals(ContentFormats.JSON, request.getOptions().getContentFormat());
    }

    @Test
    void ts0008_6_3_2_nonBlockingRequestIsPostNamingItsOperation() {
        RequestPrimitive out = retrieve("cse-in");
        out.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH;
        Request request = RequestMapping.write(out, CSE, true, Serialization.JSON);
        assertEquals(Code.POST, request.getCode());
        assertTrue(request.getOptions().getUriQuery().contains("op=2"), request.getOptions().getUriQuery().toString());
        RequestPrimitive in = roundTrip(request);
        assertEquals(Operation.RETRIEVE, in.operation);
        assertEquals(ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH, in.responseType);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "oneM2M-RQET not a time|291|yesterday|oneM2M-RQET",
            "oneM2M-OT not a timestamp|259|12:00|oneM2M-OT",
            "oneM2M-EC out of range|303|7|oneM2M-EC"})
    void ts0008_6_2_2_4_malformedOptionValueIs4000NamingTheOption(String name, int number, String value, String reasonPart) {
        Request request = RequestMapping.write(retrieve("cse-in"), CSE, true, Serialization.JSON);
        request.getOptions().addOption(number == 303 ? new Option(number, Integer.parseInt(value)) : new Option(number, value));
        OneM2MException e = assertThrows(OneM2MException.class, () -> roundTrip(request));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @Test
    void ts0008_6_2_2_4_repeatedOptionIs4000() {
        Request request = RequestMapping.write(retrieve("cse-in"), CSE, true, Serialization.JSON);
        request.getOptions().addOption(new Option(OneM2MOptions.FR, "CSecond"));
        OneM2MException e = assertThrows(OneM2MException.class, () -> roundTrip(request));
        assertTrue(e.getMessage().contains("only once"), e.getMessage());
    }

    @Test
    void ts0008_6_2_1_methodWithoutOperationIs4005() {
        Request request = new Request(Code.FETCH, Type.CON);
        request.getOptions().addUriPath("cse-in");
        OneM2MException e = assertThrows(OneM2MException.class, () -> roundTrip(request));
        assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, e.rsc());
    }

    @ParameterizedTest(name = "Content-Format {0} is {1}")
    @CsvSource({"41, XML", "50, JSON", "60, CBOR", "10001, JSON", "10014, XML", "10010, CBOR", "10003, JSON", "10002, XML",
            "10011, CBOR", "10007, JSON", "10006, XML", "10012, CBOR", "10009, JSON", "10008, XML", "10013, CBOR"})
    void ts0008_6_2_2_2_contentFormats(int number, Serialization serialization) {
        assertEquals(serialization, ContentFormats.serializationOf(number));
    }

    @Test
    void ts0008_6_2_2_2_unknownContentFormatIs4015AndUnknownAccept5207() {
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, assertThrows(OneM2MException.class, () -> ContentFormats.serializationOf(0)).rsc());
        assertEquals(ResponseStatusCode.NOT_ACCEPTABLE, assertThrows(OneM2MException.class, () -> ContentFormats.accepted(0)).rsc());
        assertEquals(ContentFormats.RES_JSON, ContentFormats.accepted(10001));
        assertEquals(ContentFormats.RES_XML, ContentFormats.responseFormat(10002), "a oneM2M request format is answered as res+");
        assertEquals(ContentFormats.JSON, ContentFormats.responseFormat(null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"2001, CREATED", "2002, DELETED", "2004, CHANGED", "1001, CREATED", "1002, CREATED", "4000, BAD_REQUEST",
            "4001, NOT_IMPLEMENTED", "4004, NOT_FOUND", "4005, METHOD_NOT_ALLOWED", "4008, GATEWAY_TIMEOUT",
            "4015, UNSUPPORTED_CONTENT_FORMAT", "4101, FORBIDDEN", "4102, BAD_REQUEST", "4103, FORBIDDEN", "4105, FORBIDDEN",
            "4120, BAD_OPTION", "4118, NOT_FOUND", "5000, INTERNAL_SERVER_ERROR", "5103, NOT_FOUND", "5106, BAD_REQUEST",
            "5206, NOT_IMPLEMENTED", "5207, NOT_ACCEPTABLE", "6030, GATEWAY_TIMEOUT", "4128, BAD_REQUEST", "5230, INTERNAL_SERVER_ERROR"})
    void ts0008_6_2_4_responseCodes(int rsc, ResponseCode code) {
        assertEquals(code, CoapStatusMapping.coapCode(ResponseStatusCode.of(rsc), Operation.CREATE));
    }

    @Test
    void ts0008_6_2_4_okIsContentForRetrieveAndChangedWithoutPayloadForNotify() {
        ResponsePrimitive ok = new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:dbg", "x"));
        assertEquals(ResponseCode.CONTENT, ResponseMapping.write(ok, Operation.RETRIEVE, ContentFormats.JSON).getCode());
        Response notify = ResponseMapping.write(ok, Operation.NOTIFY, ContentFormats.JSON);
        assertEquals(ResponseCode.CHANGED, notify.getCode());
        assertEquals(0, notify.getPayloadSize());
    }

    @ParameterizedTest
    @CsvSource({"1001", "1002"})
    void ts0008_6_3_2_and_6_3_3_acceptedNonBlockingIsCreatedWithTheRequestResourceInLocationPath(int rsc) {
        ResponsePrimitive ack = new ResponsePrimitive(ResponseStatusCode.of(rsc), Map.of("m2m:uri", "cse-in/req-42"));
        ack.contentLocation = "cse-in/req-42";
        Response response = ResponseMapping.write(ack, Operation.RETRIEVE, ContentFormats.JSON);
        assertEquals(ResponseCode.CREATED, response.getCode());
        assertEquals(List.of("cse-in", "req-42"), response.getOptions().getLocationPath());
        assertEquals(rsc, response.getOptions().getOthers(OneM2MOptions.RSC).get(0).getIntegerValue());
    }

    @Test
    void ts0008_6_2_responsePrimitiveSurvivesTheWire() {
        ResponsePrimitive out = new ResponsePrimitive(ResponseStatusCode.CREATED, Map.of("m2m:cnt", Map.of("rn", "box")));
        out.requestIdentifier = "r-9";
        out.releaseVersionIndicator = "3";
        out.contentLocation = "cse-in/ae/box";
        Response response = ResponseMapping.write(out, Operation.CREATE, ContentFormats.RES_CBOR);
        assertEquals(List.of("cse-in", "ae", "box"), response.getOptions().getLocationPath(), "6.2.3: Location-Path");
        assertEquals(0L, response.getOptions().getMaxAge(), "6.4: no caching");
        byte[] wire = new UdpDataSerializer().getByteArray(withToken(response));
        Response back = (Response) new UdpDataParser(false, OneM2MOptions.REGISTRY).parseMessage(raw(wire));
        ResponsePrimitive in = ResponseMapping.read(back, Operation.CREATE);
        assertEquals(ResponseStatusCode.CREATED, in.responseStatusCode);
        assertEquals("r-9", in.requestIdentifier);
        assertEquals("3", in.releaseVersionIndicator);
        assertEquals(out.content, in.content);
    }

    @Test
    void ts0008_6_2_4_withoutRscTheResponseCodeDecides() {
        Response response = new Response(ResponseCode.FORBIDDEN);
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, ResponseMapping.read(response, Operation.RETRIEVE).responseStatusCode);
        assertNull(ResponseMapping.read(response, Operation.RETRIEVE).content);
    }

    private static RequestPrimitive retrieve(String to) {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = Operation.RETRIEVE;
        r.to = to;
        r.from = "CAdmin";
        r.requestIdentifier = "r";
        return r;
    }

    /** Encodes the request as a datagram and parses it back as the server's endpoint does, then maps it. */
    private static RequestPrimitive roundTrip(Request request) {
        byte[] wire = new UdpDataSerializer().getByteArray(withToken(request));
        Request parsed = (Request) new UdpDataParser(false, OneM2MOptions.REGISTRY).parseMessage(raw(wire));
        RequestPrimitive in = new RequestPrimitive();
        RequestMapping.read(parsed, in, NOW);
        return in;
    }

    private static <T extends org.eclipse.californium.core.coap.Message> T withToken(T message) {
        message.setMID(1);
        message.setToken(new byte[] {1, 2});
        if (message.getType() == null) {
            message.setType(Type.ACK);
        }
        return message;
    }

    private static RawData raw(byte[] wire) {
        return RawData.inbound(wire, new AddressEndpointContext(new java.net.InetSocketAddress("127.0.0.1", 5683)), false, 0, new java.net.InetSocketAddress(5683));
    }
}
