package io.keel.binding.http;

import io.keel.core.Outbound;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.ContentCodec;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP client side of the binding (TS-0009 6.1 use cases 1 and 4): one Jetty {@link HttpClient} for everything
 * the CSE sends. Request primitive → method, Request-Target, Host, X-M2M-* headers and body; HTTP response → response
 * primitive. Asynchronous throughout, with bounded connections per receiver and a total timeout per request, so a
 * receiver that hangs costs a connection slot, never a thread.
 */
public final class HttpSender implements Outbound {
    private static final Logger LOG = Logger.getLogger(HttpSender.class.getName());
    private final HttpClient client;
    private volatile boolean started;
    private final long timeoutMillis;
    private final String proxyAuthority;

    /**
     * @param proxy {@code host:port} of a forward proxy, or null: through a proxy the Request-Target takes the
     *              absolute-form and Host names the proxy (TS-0009 6.2.2, 6.4.1)
     */
    public HttpSender(long timeoutMillis, int maxConnectionsPerReceiver, String proxy) {
        this.timeoutMillis = timeoutMillis;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("keel-http-client");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setConnectTimeout(Math.min(timeoutMillis, 5_000));
        client.setIdleTimeout(60_000);
        client.setMaxConnectionsPerDestination(maxConnectionsPerReceiver);
        // What waits for a connection is bounded where it is sent from (one Notify in flight per subscription channel,
        // keel.notification.max-pending per receiver; one forward per request received), not here: Jetty's default
        // of 1024 per host failed the 1025th Notify of one change to a thousand subscriptions there with 5103.
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setFollowRedirects(false);
        // A oneM2M receiver is identified by its headers, not by a User-Agent.
        client.setUserAgentField(null);
        if (proxy != null && !proxy.isBlank()) {
            URI p = URI.create("http://" + proxy.trim());
            if (p.getHost() == null || p.getPort() < 0) {
                throw new IllegalStateException("keel.http.proxy must be host:port, not '" + proxy + "'");
            }
            client.getProxyConfiguration().addProxy(new HttpProxy(p.getHost(), p.getPort()));
            proxyAuthority = p.getHost() + ":" + p.getPort();
        } else {
            proxyAuthority = null;
        }
    }

    /**
     * The client, started by the first request sent: starting it loads the JDK's TLS trust store (0.16 s of the main
     * thread's CPU in a start profile), which the start would otherwise wait for, and a CSE that never sends would
     * pay for nothing.
     */
    private HttpClient client() {
        if (!started) {
            synchronized (client) {
                if (!started) {
                    try {
                        client.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("the HTTP client did not start: " + e.getMessage(), e);
                    }
                    started = true;
                }
            }
        }
        return client;
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive req, String url, Serialization serialization) {
        CompletableFuture<ResponsePrimitive> result = new CompletableFuture<>();
        Request request;
        try {
            request = toHttp(req, url, serialization);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cannot send " + req.operation + " to " + url + ": " + e.getMessage());
            result.complete(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    "cannot send to " + url + ": " + e.getMessage()));
            return result;
        }
        request.send(new BufferingResponseListener(1024 * 1024) {
            @Override
            public void onComplete(Result r) {
                if (r.isFailed()) {
                    result.complete(failure(req, url, r.getFailure()));
                } else {
                    result.complete(toPrimitive(r, getContent(), getMediaType()));
                }
            }
        });
        return result;
    }

    @Override
    public boolean reaches(String pointOfAccess) {
        return pointOfAccess.regionMatches(true, 0, "http://", 0, 7) || pointOfAccess.regionMatches(true, 0, "https://", 0, 8);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive req, Serialization serialization, Hop hop) {
        CompletableFuture<ResponsePrimitive> result = new CompletableFuture<>();
        String url = hop.pointOfAccess();
        Request request;
        try {
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            String query = QueryMapping.query(req);
            url = base + RequestTargetMapping.originForm(req.to) + (query.isEmpty() ? "" : "?" + query);
            request = toHttp(req, url, serialization, hop.timeoutMillis());
            Map<String, String> extra = PreconditionHeaders.write(req.preconditions);
            request.headers(h -> {
                extra.forEach(h::put);
                if (hop.authorization() != null && !hop.authorization().isEmpty()) {
                    // Authorization carries the originator's oneM2M tokens (TS-0009 6.4.19), which go on to the hosting
                    // CSE: this CSE's own credential for the hop then goes in Proxy-Authorization (TS-0009 7.1).
                    h.put(req.tokens.isEmpty() ? HttpHeader.AUTHORIZATION : HttpHeader.PROXY_AUTHORIZATION, hop.authorization());
                }
            });
        } catch (RuntimeException e) {
            String target = url;
            LOG.log(Level.WARNING, () -> "cannot forward " + req.operation + " to " + target + ": " + e.getMessage());
            result.complete(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    "cannot forward to " + target + ": " + e.getMessage()));
            return result;
        }
        String target = url;
        request.send(new BufferingResponseListener(16 * 1024 * 1024) {
            @Override
            public void onComplete(Result r) {
                if (r.isFailed()) {
                    result.complete(failure(req, target, r.getFailure()));
                } else {
                    result.complete(toPrimitive(r, getContent(), getMediaType()));
                }
            }
        });
        return result;
    }

    private Request toHttp(RequestPrimitive req, String url, Serialization serialization) {
        return toHttp(req, url, serialization, timeoutMillis);
    }

    private Request toHttp(RequestPrimitive req, String url, Serialization serialization, long timeout) {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw OneM2MException.badRequest("not an http(s) URL");
        }
        Request request = client().newRequest(uri)
                .method(method(req))
                .timeout(timeout, TimeUnit.MILLISECONDS);
        Map<String, String> headers = HeaderMapping.requestHeaders(req);
        String mediaType = MediaTypes.forSerialization(serialization);
        request.headers(h -> {
            headers.forEach(h::put);
            h.put(HttpHeader.ACCEPT, mediaType);
            if (proxyAuthority != null) {
                h.put(HttpHeader.HOST, proxyAuthority);
            }
        });
        // A Retrieve has no body over HTTP: its Content (atrl) travels in the query (TS-0009 6.2.2.2).
        if (req.content != null && req.operation != Operation.RETRIEVE) {
            String contentType = req.operation == Operation.CREATE && req.resourceType != null
                    ? mediaType + ";ty=" + req.resourceType : mediaType;
            request.body(new BytesRequestContent(contentType, ContentCodec.encode(req.content, serialization)));
        }
        return request;
    }

    private static HttpMethod method(RequestPrimitive req) {
        return switch (req.operation) {
            case CREATE, NOTIFY -> HttpMethod.POST;
            case RETRIEVE -> HttpMethod.GET;
            case UPDATE -> HttpMethod.PUT;
            case DELETE -> HttpMethod.DELETE;
        };
    }

    private static ResponsePrimitive toPrimitive(Result r, byte[] body, String mediaType) {
        var fields = r.getResponse().getHeaders();
        Headers headers = Headers.of(fields.getFieldNamesCollection(), fields::getValuesList);
        int status = r.getResponse().getStatus();
        ResponsePrimitive rsp = HeaderMapping.readResponse(status, headers);
        // What a forwarded conditional request was answered comes back as it was (RFC 7232, TS-0009 6.4.6).
        if (status == 304) {
            rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.NOT_MODIFIED;
        } else if (status == 412) {
            rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.PRECONDITION_FAILED;
        }
        String etag = headers.first("ETag");
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            rsp.entityTag = etag.substring(1, etag.length() - 1); // a strong tag; the writer quotes it again
        }
        String lastModified = headers.first("Last-Modified");
        if (lastModified != null) {
            try {
                rsp.lastModified = java.time.ZonedDateTime.parse(lastModified, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                // RFC 7232 2.2: an invalid date is ignored.
            }
        }
        if (body != null && body.length > 0 && mediaType != null) {
            try {
                rsp.content = ContentCodec.decode(body, MediaTypes.serializationOf(mediaType));
            } catch (RuntimeException e) {
                // The status code carries the outcome; a body we cannot read is left out.
            }
        }
        return rsp;
    }

    private static ResponsePrimitive failure(RequestPrimitive req, String url, Throwable failure) {
        boolean timeout = failure instanceof TimeoutException;
        String reason = (timeout ? "no answer in time from " : "cannot reach ") + url + ": " + failure;
        LOG.warning(() -> req.operation.name().toLowerCase() + " request " + req.requestIdentifier + " failed: " + reason);
        return ResponsePrimitive.error(timeout ? ResponseStatusCode.REQUEST_TIMEOUT : ResponseStatusCode.TARGET_NOT_REACHABLE, reason);
    }

    @Override
    public void close() {
        synchronized (client) {
            started = true; // nothing starts it again once closed
            try {
                client.stop();
            } catch (Exception e) {
                LOG.log(Level.FINE, "stopping the HTTP client", e);
            }
        }
    }
}
