package io.keel.binding.coap;

import io.keel.ops.KeelMetrics;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.ContentCodec;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Error responses Californium gives before a request reaches the binding — 4.02 for an unknown critical option or an
 * option value of the wrong length, 4.00 for a message it cannot parse (RFC 7252 4.2, 5.4.1), 4.13 for a block-wise
 * body over {@code keel.http.max-body} (RFC 7959 2.9.3), 4.08 for an incomplete one — get what every oneM2M error of
 * the binding carries: the oneM2M-RSC option (TS-0008 6.2.2.4) and an m2m:dbg payload with Californium's reason.
 * The CoAP code stays, because it is what the CoAP client acts on (4.13 comes with Size1). Each is counted as a
 * refusal of the binding. Responses of the binding itself carry oneM2M-RSC already and pass unchanged.
 */
final class SelfAnsweredErrors extends MessageInterceptorAdapter {
    /** A dbg short enough that the response still fits one datagram of the smallest block size. */
    private static final int MAX_REASON = 200;

    private final KeelMetrics metrics;

    SelfAnsweredErrors(KeelMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void sendResponse(Response response) {
        ResponseCode code = response.getCode();
        if (code.isSuccess() || !response.getOptions().getOthers(OneM2MOptions.RSC).isEmpty()) {
            return;
        }
        ResponseStatusCode rsc = CoapStatusMapping.fallbackRsc(code, null);
        String reason = response.getPayloadSize() == 0 ? code.name().toLowerCase().replace('_', ' ') : response.getPayloadString();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
        response.getOptions().addOption(new Option(OneM2MOptions.RSC, rsc.code()));
        response.getOptions().setContentFormat(ContentFormats.JSON);
        response.setPayload(ContentCodec.encode(ResponsePrimitive.error(rsc, "the CoAP message was refused before it became a "
                + "request primitive (CoAP " + code.text + "): " + reason).content, Serialization.JSON));
        metrics.refused(CoapBinding.BINDING, rsc.code());
    }
}
