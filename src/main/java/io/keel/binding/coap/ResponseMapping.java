package io.keel.binding.coap;

import io.keel.binding.http.RequestTargetMapping;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.ContentCodec;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Response;

/**
 * TS-0008 6.2: a response primitive ⇄ a CoAP response. Response Code from the Response Status Code (6.2.4), the
 * oneM2M options (6.2.2.4), payload and Content-Format (6.2.3, 6.2.2.2), Location-Path for a created resource, and
 * Max-Age 0, so that no CoAP cache answers in the CSE's place (6.4).
 */
public final class ResponseMapping {
    private ResponseMapping() {
    }

    /**
     * Server side: the CoAP response to a request with operation {@code op}, its payload in {@code contentFormat}
     * (the receiver's own choice of serialization, TS-0004 7.3.3.12, wins).
     */
    public static Response write(ResponsePrimitive rsp, Operation op, int contentFormat) {
        Response response = new Response(CoapStatusMapping.coapCode(rsp.responseStatusCode, op));
        OptionSet o = response.getOptions();
        OptionMapping.writeResponseOptions(rsp, o);
        o.setMaxAge(0);
        if (rsp.contentLocation != null) {
            try {
                for (String segment : RequestTargetMapping.uriPath(rsp.contentLocation)) {
                    o.addLocationPath(segment);
                }
            } catch (OneM2MException e) {
                o.clearLocationPath(); // an address Location-Path cannot carry; the Content still holds it
            }
        }
        // Table 6.2.4-1: a successful Notify is answered with an empty payload.
        boolean empty = op == Operation.NOTIFY && rsp.responseStatusCode == ResponseStatusCode.OK;
        if (rsp.content != null && !empty) {
            int format = rsp.serialization != null ? ContentFormats.plain(rsp.serialization) : contentFormat;
            o.setContentFormat(format);
            response.setPayload(ContentCodec.encode(rsp.content, ContentFormats.serializationOrNull(format)));
        }
        return response;
    }

    /** Client side: the response primitive of a CoAP response to a request with operation {@code op}. */
    public static ResponsePrimitive read(Response response, Operation op) {
        OptionSet o = response.getOptions();
        ResponsePrimitive rsp = OptionMapping.readResponse(o, CoapStatusMapping.fallbackRsc(response.getCode(), op));
        byte[] payload = response.getPayload();
        Serialization s = o.hasContentFormat() ? ContentFormats.serializationOrNull(o.getContentFormat()) : null;
        if (payload != null && payload.length > 0 && s != null) {
            try {
                rsp.content = ContentCodec.decode(payload, s);
            } catch (RuntimeException e) {
                // The Response Status Code carries the outcome; a payload we cannot read is left out.
            }
        }
        return rsp;
    }
}
