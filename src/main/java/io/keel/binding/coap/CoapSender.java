package io.keel.binding.coap;

import io.keel.core.Outbound;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.elements.util.ExecutorsUtil;

/**
 * The CoAP client side of the binding (TS-0008 6.1: the CSE hosts a CoAP client): notifications to {@code coap://}
 * URLs and requests forwarded to CSEs whose point of access is {@code coap://} (or {@code coaps://} when the CSE has
 * DTLS key material). One client endpoint for everything, on an ephemeral UDP port; large bodies go block-wise.
 * Never blocks: a request that has no answer in time is cancelled and completes with 4008.
 */
public final class CoapSender implements Outbound {
    private static final Logger LOG = Logger.getLogger(CoapSender.class.getName());

    private final Endpoint coap;
    /** The coaps endpoint, or null without DTLS key material. */
    private final Endpoint coaps;
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;

    /** @param dtls the key material for coaps, or null: then only coap:// is reached */
    public CoapSender(CoapSettings settings, DtlsCredentials dtls, long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        Configuration config = settings.configuration();
        executor = ExecutorsUtil.newScheduledThreadPool(2, new DaemonThreadFactory("keel-coap-client#"));
        timer = ExecutorsUtil.newDefaultSecondaryScheduler("keel-coap-client-timer#");
        coap = start(new CoapEndpoint.Builder().setConfiguration(config).setOptionRegistry(OneM2MOptions.REGISTRY)
                .setInetSocketAddress(new InetSocketAddress(0)).setLoggingTag("coap-client").build());
        coaps = dtls == null ? null : start(new CoapEndpoint.Builder().setConfiguration(config).setOptionRegistry(OneM2MOptions.REGISTRY)
                .setConnector(dtls.clientConnector(config)).setLoggingTag("coaps-client").build());
    }

    private Endpoint start(CoapEndpoint endpoint) {
        endpoint.setExecutors(executor, timer);
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            close();
            throw new IllegalStateException("the CoAP client endpoint did not start: " + e.getMessage(), e);
        }
        return endpoint;
    }

    @Override
    public boolean reaches(String pointOfAccess) {
        return pointOfAccess.regionMatches(true, 0, "coap://", 0, 7)
                || (coaps != null && pointOfAccess.regionMatches(true, 0, "coaps://", 0, 8));
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive req, String url, Serialization serialization) {
        return exchange(req, url, false, serialization, timeoutMillis);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive req, Serialization serialization, Hop hop) {
        // A CoAP hop carries no Authorization: over coaps the DTLS identity of this CSE is its credential.
        return exchange(req, hop.pointOfAccess(), true, serialization, hop.timeoutMillis());
    }

    private CompletableFuture<ResponsePrimitive> exchange(RequestPrimitive req, String url, boolean withTarget,
                                                          Serialization serialization, long timeout) {
        CompletableFuture<ResponsePrimitive> result = new CompletableFuture<>();
        Request request;
        Endpoint endpoint;
        try {
            URI uri = URI.create(url);
            endpoint = "coaps".equalsIgnoreCase(uri.getScheme()) ? coaps : "coap".equalsIgnoreCase(uri.getScheme()) ? coap : null;
            if (endpoint == null) {
                throw new IllegalArgumentException("not a coap URL this CSE can reach");
            }
            request = RequestMapping.write(req, uri, withTarget, serialization);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cannot send " + req.operation + " to " + url + ": " + e.getMessage());
            result.complete(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "cannot send to " + url + ": " + e.getMessage()));
            return result;
        }
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                result.complete(ResponseMapping.read(response, req.operation));
            }

            @Override
            public void onReject() {
                result.complete(unreachable(req, url, "the receiver reset the request"));
            }

            @Override
            public void onTimeout() {
                result.complete(timedOut(req, url));
            }

            @Override
            public void onSendError(Throwable error) {
                result.complete(unreachable(req, url, String.valueOf(error)));
            }

            @Override
            protected void failed() {
                result.complete(unreachable(req, url, "the exchange failed"));
            }
        });
        result.completeOnTimeout(null, timeout, TimeUnit.MILLISECONDS);
        CompletableFuture<ResponsePrimitive> answer = result.thenApply(rsp -> {
            if (rsp == null) {
                request.cancel(); // 6.3.1: a response after the timeout is ignored
                return timedOut(req, url);
            }
            return rsp;
        });
        endpoint.sendRequest(request);
        return answer;
    }

    private static ResponsePrimitive timedOut(RequestPrimitive req, String url) {
        String reason = "no answer in time from " + url;
        LOG.warning(() -> req.operation.name().toLowerCase() + " request " + req.requestIdentifier + " failed: " + reason);
        return ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT, reason);
    }

    private static ResponsePrimitive unreachable(RequestPrimitive req, String url, String why) {
        String reason = "cannot reach " + url + ": " + why;
        LOG.warning(() -> req.operation.name().toLowerCase() + " request " + req.requestIdentifier + " failed: " + reason);
        return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, reason);
    }

    @Override
    public void close() {
        if (coap != null) {
            coap.destroy();
        }
        if (coaps != null) {
            coaps.destroy();
        }
        executor.shutdownNow();
        timer.shutdownNow();
    }
}
