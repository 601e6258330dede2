package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.binding.coap.ContentFormats;
import io.keel.binding.coap.OneM2MOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/** oneM2M requests as a CoAP client of the tests writes them (TS-0008 6.2), and what it reads from the responses. */
final class CoapRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoapRequests() {
    }

    /** A request to a To (CSE-relative, or SP-relative when it starts with "/"). */
    static Request request(Code code, String to, String from) {
        Request r = new Request(code, Type.CON);
        if (to.startsWith("/")) {
            r.getOptions().addUriPath("~");
            to = to.substring(1);
        }
        for (String segment : List.of(to.split("/"))) {
            r.getOptions().addUriPath(segment);
        }
        r.getOptions().addOption(new Option(OneM2MOptions.FR, from));
        r.getOptions().addOption(new Option(OneM2MOptions.RQI, OneM2MClient.unique("rqi")));
        r.getOptions().addOption(new Option(OneM2MOptions.RVI, "3"));
        return r;
    }

    static Request create(String to, String from, int ty, String json) {
        Request r = request(Code.POST, to, from);
        r.getOptions().addOption(new Option(OneM2MOptions.TY, ty));
        r.getOptions().setContentFormat(ContentFormats.JSON);
        r.setPayload(json.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    static int rsc(Response r) {
        List<Option> o = r.getOptions().getOthers(OneM2MOptions.RSC);
        assertNotNull(o);
        assertEquals(1, o.size(), "one oneM2M-RSC option");
        return o.get(0).getIntegerValue();
    }

    static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.getPayload());
    }
}
