package io.keel.binding.http;

import io.keel.binding.OriginatorRateLimit;
import io.keel.binding.http.auth.CredentialStore;
import io.keel.binding.http.auth.HttpAuthentication;
import io.keel.core.RequestValidation;
import io.keel.core.Settings;
import io.keel.ops.KeelMetrics;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;

/**
 * TS-0009 clause 6, request side: turns every HTTP request into a oneM2M request primitive and stores it in
 * request scope for the JAX-RS layer, or answers the request itself with the oneM2M error its defect maps to.
 * Nothing malformed passes this filter.
 */
public class PrimitiveFilter implements Filter {
    /** Request-scope attribute: the response media type negotiated from Accept. */
    public static final String RESPONSE_MEDIA_TYPE = "io.keel.binding.ResponseMediaType";
    /** Request-scope attribute: the context path, for Content-Location. */
    public static final String CONTEXT_PATH = "io.keel.binding.ContextPath";
    private static final String DEFAULT_MEDIA_TYPE = "application/json";
    /** The binding label of requests and metrics. */
    public static final String BINDING = "http";
    /** Where servlet containers put the TLS client's certificate chain (Servlet 6, 3.10). */
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    /**
     * Keel's own pages and endpoints (the web console, ...), served by other servlets: no oneM2M request. No resource
     * can shadow them, as neither a resourceName nor an ID may start with '.' ({@link io.keel.core.Identifiers}).
     */
    public static final String KEEL_WELL_KNOWN = "/.well-known/keel/";
    /** The servlet-name of the JAX-RS servlet, which takes every path no other servlet claims. */
    public static final String ONEM2M_SERVLET = "onem2m";

    private final int maxBodyBytes;
    /** HTTP authentication of originators, or null when it is off (the default). */
    private final HttpAuthentication authentication;
    /** Requests per second and originator, or null when unlimited (the default). */
    private final OriginatorRateLimit rateLimit;
    private final KeelMetrics metrics;

    /** @param rateLimit shared by every binding, or null when unlimited */
    public PrimitiveFilter(Settings settings, KeelMetrics metrics, OriginatorRateLimit rateLimit) {
        this.metrics = metrics;
        this.maxBodyBytes = settings.maxBodyBytes();
        this.rateLimit = rateLimit;
        String credentials = settings.get("keel.auth.credentials", null);
        this.authentication = credentials == null || credentials.isBlank() ? null
                : new HttpAuthentication(CredentialStore.load(Path.of(credentials)), "/" + settings.cseId());
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (rawPath(request).startsWith(KEEL_WELL_KNOWN)) {
            // Where no servlet of Keel's own claims the path, the JAX-RS servlet would get it without a primitive.
            if (ONEM2M_SERVLET.equals(request.getHttpServletMapping().getServletName())) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        RequestPrimitive primitive = new RequestPrimitive();
        primitive.binding = BINDING;
        primitive.originatorAddress = request.getRemoteAddr();
        String mediaType = DEFAULT_MEDIA_TYPE;
        try {
            Instant now = Instant.now();
            Headers headers = Headers.of(Collections.list(request.getHeaderNames()), n -> Collections.list(request.getHeaders(n)));
            if (authentication != null) {
                // Before the body is read: an unauthenticated client makes the CSE buffer nothing.
                primitive.requestIdentifier = headers.first(HeaderMapping.RI);
                primitive.credentialId = authentication.check(headers,
                        (X509Certificate[]) request.getAttribute(CLIENT_CERTIFICATES), headers.first(HeaderMapping.ORIGIN));
                primitive.originatorAuthenticated = true;
            }
            OneM2MException overRate = rateLimit == null ? null : rateLimit.refusal(headers.first(HeaderMapping.ORIGIN));
            if (overRate != null) {
                tooManyRequests(response, headers, overRate, mediaType, request.getContextPath());
                return;
            }
            byte[] body = readBody(request);
            MediaTypes.RequestBodyType bodyType = contentType(request, body);
            mediaType = MediaTypes.negotiate(request.getHeader("Accept"), bodyType == null ? null : bodyType.mediaType());
            primitive.responseSerializationOpen = bodyType == null && MediaTypes.acceptsAnything(request.getHeader("Accept"));
            primitive.operation = operation(request.getMethod(), bodyType);
            HeaderMapping.applyRequestHeaders(headers, primitive, now);
            primitive.to = RequestTargetMapping.toParameter(rawPath(request));
            QueryMapping.apply(request.getQueryString(), primitive.operation, primitive, now);
            if (primitive.operation == Operation.CREATE) {
                primitive.resourceType = bodyType.resourceType();
            }
            if (body.length > 0) {
                if (primitive.operation == Operation.RETRIEVE || primitive.operation == Operation.DELETE) {
                    throw OneM2MException.badRequest("a " + request.getMethod() + " request carries no body in this binding");
                }
                primitive.content = ContentCodec.decode(body, bodyType.serialization());
                primitive.contentSerialization = bodyType.serialization();
            }
            RequestValidation.checkEnvelope(primitive, now);
        } catch (OneM2MException e) {
            if (e.rsc() == ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"keel\", Bearer realm=\"keel\"");
            }
            metrics.refused(BINDING, e.rsc().code());
            ResponsePrimitive rsp = ResponsePrimitive.error(e.rsc(), e.getMessage()).echo(primitive);
            send(response, HttpResponseWriter.write(rsp, mediaType, request.getContextPath()));
            return;
        }
        request.setAttribute(RequestPrimitive.ATTRIBUTE, primitive);
        request.setAttribute(RESPONSE_MEDIA_TYPE, mediaType);
        request.setAttribute(CONTEXT_PATH, request.getContextPath());
        chain.doFilter(request, response);
    }

    /** 6.2.1: POST is Create when Content-Type carries ty=, otherwise Notify. */
    private static Operation operation(String method, MediaTypes.RequestBodyType bodyType) {
        return switch (method) {
            case "GET" -> Operation.RETRIEVE;
            case "PUT" -> Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            case "POST" -> bodyType != null && bodyType.resourceType() != null ? Operation.CREATE : Operation.NOTIFY;
            default -> throw OneM2MException.notAllowed("HTTP method " + method + " has no oneM2M operation (TS-0009 6.2.1)");
        };
    }

    private static MediaTypes.RequestBodyType contentType(HttpServletRequest request, byte[] body) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            if (body.length > 0) {
                throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "a request with a body needs a Content-Type");
            }
            return null;
        }
        // Content-Type matters only where a body or a resource type can be: ignore it on GET and DELETE without one.
        if (body.length == 0 && !request.getMethod().equals("POST") && !request.getMethod().equals("PUT")) {
            return null;
        }
        return MediaTypes.parseContentType(contentType);
    }

    /**
     * Over its rate an originator gets HTTP 429 with Retry-After, and rsc 4000 in the oneM2M headers: the status
     * table has no row for it, and like 413/431 the refusal happens before there is a request primitive.
     */
    private void tooManyRequests(HttpServletResponse response, Headers headers, OneM2MException refusal, String mediaType,
                                 String contextPath) throws IOException {
        RequestPrimitive echo = new RequestPrimitive();
        echo.requestIdentifier = headers.first(HeaderMapping.RI);
        ResponsePrimitive rsp = ResponsePrimitive.error(refusal.rsc(), refusal.getMessage()).echo(echo);
        response.setHeader("Retry-After", "1");
        metrics.refused(BINDING, rsp.responseStatusCode.code());
        send(response, HttpResponseWriter.write(rsp, mediaType, contextPath).withStatus(429));
    }

    /** Reads the body, never buffering more than the configured maximum. */
    private static final byte[] NO_BODY = new byte[0];

    private byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        // An HTTP/1.x request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3): most GETs,
        // which then cost no stream and no buffer. HTTP/2 frames a body without either header, so it is read.
        if (declared == 0 || declared < 0 && request.getHeader("Transfer-Encoding") == null
                && request.getProtocol() != null && request.getProtocol().startsWith("HTTP/1.")) {
            return NO_BODY;
        }
        if (declared > maxBodyBytes) {
            throw OneM2MException.badRequest("the body (" + declared + " bytes) exceeds the maximum of " + maxBodyBytes + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxBodyBytes) {
                    throw OneM2MException.badRequest("the body exceeds the maximum of " + maxBodyBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw OneM2MException.badRequest("the body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** The undecoded path inside this web application: what 6.2.2.1 maps back to the To parameter. */
    private static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static void send(HttpServletResponse response, HttpResponseWriter.HttpMessage http) throws IOException {
        response.setStatus(http.status());
        http.headers().forEach(response::setHeader);
        if (http.body() != null) {
            response.getOutputStream().write(http.body());
        }
    }
}
