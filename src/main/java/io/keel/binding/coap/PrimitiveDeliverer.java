package io.keel.binding.coap;

import io.keel.binding.Intake;
import io.keel.ops.KeelMetrics;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;

/**
 * Every CoAP request, whatever its path, becomes a request primitive for the CSE (there is no CoAP resource tree:
 * the To parameter names the oneM2M resource). What cannot be mapped is answered with its oneM2M error, RSC option
 * and m2m:dbg payload included. A response the CSE takes longer than {@link #SEPARATE_AFTER_MILLIS} to give goes
 * as a separate response after an empty ACK (TS-0008 6.3.1), so the client does not retransmit meanwhile.
 */
final class PrimitiveDeliverer implements MessageDeliverer {
    private static final Logger LOG = Logger.getLogger(PrimitiveDeliverer.class.getName());
    /** Well below CoAP's ACK_TIMEOUT (2 s), after which a client retransmits a confirmable request. */
    private static final long SEPARATE_AFTER_MILLIS = 500;

    private final Intake intake;
    private final KeelMetrics metrics;
    private final ScheduledExecutorService timer;
    /** Null when authentication is off. */
    private final CoapAuthentication authentication;
    private final int maxBodyBytes;

    PrimitiveDeliverer(Intake intake, KeelMetrics metrics, ScheduledExecutorService timer, CoapAuthentication authentication,
                       int maxBodyBytes) {
        this.intake = intake;
        this.metrics = metrics;
        this.timer = timer;
        this.authentication = authentication;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        RequestPrimitive req = new RequestPrimitive();
        req.binding = CoapBinding.BINDING;
        InetSocketAddress peer = request.getSourceContext().getPeerAddress();
        req.originatorAddress = peer.getAddress().getHostAddress();
        Reply reply = new Reply(exchange);
        try {
            OptionSet o = request.getOptions();
            reply.format = o.hasAccept() ? ContentFormats.accepted(o.getAccept())
                    : ContentFormats.responseFormat(o.hasContentFormat() ? o.getContentFormat() : null);
            List<Option> rqi = o.getOthers(OneM2MOptions.RQI);
            req.requestIdentifier = rqi.isEmpty() ? null : rqi.get(0).getStringValue(); // echoed by a refusal
            if (authentication != null) {
                // Before the request is read further: an unauthenticated client makes the CSE decode nothing.
                authentication.admit(request, req);
            }
            if (request.getPayloadSize() > maxBodyBytes) {
                // Block-wise bodies are held to the limit by Californium (4.13); this is one that came in a single datagram.
                throw OneM2MException.badRequest("the payload (" + request.getPayloadSize() + " bytes) exceeds the maximum of "
                        + maxBodyBytes + " bytes");
            }
            RequestMapping.read(request, req, Instant.now());
        } catch (OneM2MException e) {
            metrics.refused(CoapBinding.BINDING, e.rsc().code());
            reply.send(ResponsePrimitive.error(e.rsc(), e.getMessage()).echo(req), req);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "mapping a CoAP request failed", e);
            reply.send(ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, "the request could not be mapped").echo(req), req);
            return;
        }
        CompletableFuture<ResponsePrimitive> answer = intake.handle(req);
        if (!answer.isDone()) {
            timer.schedule(reply::acceptIfPending, SEPARATE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
        answer.whenComplete((rsp, failure) -> reply.send(rsp != null ? rsp
                : ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, "no response").echo(req), req));
    }

    /** A response arriving at the server's endpoint belongs to a request this endpoint sent. */
    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        exchange.getRequest().setResponse(response);
    }

    /** The one answer to an exchange: piggybacked on the ACK, or separate once the exchange was accepted. */
    private static final class Reply {
        private final Exchange exchange;
        private int format = ContentFormats.JSON;
        private boolean sent;

        Reply(Exchange exchange) {
            this.exchange = exchange;
        }

        synchronized void acceptIfPending() {
            if (!sent) {
                exchange.sendAccept();
            }
        }

        synchronized void send(ResponsePrimitive rsp, RequestPrimitive req) {
            if (sent) {
                return;
            }
            sent = true;
            try {
                exchange.sendResponse(ResponseMapping.write(rsp, req.operation, format));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a CoAP response could not be sent", e);
            }
        }
    }
}
