package io.keel.binding.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.ops.KeelMetrics;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors Californium answers before the binding sees a request get the binding's oneM2M-RSC and m2m:dbg (TS-0008 6.2.2.4). */
class SelfAnsweredErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"BAD_OPTION, Unknown critical option 2049 is not supported!",
            "REQUEST_ENTITY_TOO_LARGE, 'body too large, max. 30000 bytes'",
            "BAD_REQUEST, Found payload marker (0xFF) but message contains no payload"})
    void ts0008_6_2_2_4_californiumsErrorKeepsItsCodeAndGetsRscAndDbg(ResponseCode code, String reason) throws Exception {
        Response response = new Response(code);
        response.setPayload(reason);
        try (KeelMetrics metrics = new KeelMetrics()) {
            new SelfAnsweredErrors(metrics).sendResponse(response);
        }
        assertSame(code, response.getCode(), "the CoAP client acts on the CoAP code");
        List<Option> rsc = response.getOptions().getOthers(OneM2MOptions.RSC);
        assertEquals(1, rsc.size());
        assertEquals(4000, rsc.get(0).getIntegerValue());
        assertEquals(ContentFormats.JSON, response.getOptions().getContentFormat());
        String dbg = JSON.readTree(response.getPayload()).path("m2m:dbg").asText();
        assertTrue(dbg.contains(reason) && dbg.contains(code.text), dbg);
    }

    @ParameterizedTest
    @CsvSource({"CONTENT", "NOT_FOUND"})
    void ts0008_6_2_2_4_aResponseOfTheBindingPassesUnchanged(ResponseCode code) {
        Response response = new Response(code);
        if (!code.isSuccess()) {
            response.getOptions().addOption(new Option(OneM2MOptions.RSC, 4004));
        }
        response.setPayload("{\"m2m:dbg\":\"x\"}");
        try (KeelMetrics metrics = new KeelMetrics()) {
            new SelfAnsweredErrors(metrics).sendResponse(response);
        }
        assertEquals("{\"m2m:dbg\":\"x\"}", response.getPayloadString());
        assertEquals(code.isSuccess() ? 0 : 1, response.getOptions().getOthers(OneM2MOptions.RSC).size());
    }
}
