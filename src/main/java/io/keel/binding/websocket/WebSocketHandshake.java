package io.keel.binding.websocket;

import io.keel.binding.http.Headers;
import io.keel.binding.http.HttpResponseWriter;
import io.keel.binding.http.auth.HttpAuthentication;
import io.keel.ops.KeelMetrics;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The server side of the opening handshake (TS-0020 6.2.2, 6.2.3), in front of the HTTP binding: a WebSocket
 * upgrade of the CSE's root path {@code /} becomes a connection in the first oneM2M subprotocol the client offers;
 * every other request goes on to the HTTP binding unchanged. A handshake offering no oneM2M subprotocol is refused
 * with HTTP 400 (the request is a valid upgrade, its Sec-WebSocket-Protocol is what is wrong; 426 would tell the client
 * to switch protocols, which it is doing), one without a valid credential, when the CSE authenticates originators,
 * like an HTTP request without one; each with the oneM2M status and reason as the HTTP binding answers.
 */
final class WebSocketHandshake implements Filter {
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    /**
     * Where the one server endpoint is registered: a path no oneM2M resource has, and not {@code /}, so that a
     * container's own upgrade filter, wherever it stands among the filters, leaves upgrades of {@code /} to this one.
     * An upgrade straight to it opens no oneM2M connection (its token is unknown; closed with 1008).
     */
    static final String ENDPOINT_PATH = "/.well-known/keel/websocket/{" + Handshakes.TOKEN + "}";
    private final ServerContainer container;
    private final Handshakes handshakes = new Handshakes();
    private final ServerEndpointConfig endpoint;
    /** Null when the CSE does not authenticate originators. */
    private final HttpAuthentication authentication;
    private final KeelMetrics metrics;

    /**
     * Registers the server endpoint with the container: call it while the application deploys (Jakarta WebSocket 2.1
     * 6.4). Containers that upgrade only into registered endpoints (Tyrus) need it; the others take it as passed.
     */
    WebSocketHandshake(ServerContainer container, ConnectionFactory factory, HttpAuthentication authentication, KeelMetrics metrics) {
        this.container = container;
        this.endpoint = ServerEndpointConfig.Builder.create(WebSocketEndpoint.class, ENDPOINT_PATH)
                .subprotocols(Subprotocol.preferring(io.keel.primitive.Serialization.JSON))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(factory.endpoint(handshakes));
                    }

                    /** The filter let only handshakes offering one through: the client's first (TS-0020 6.2.3.5). */
                    @Override
                    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
                        Subprotocol p = Subprotocol.select(requested);
                        return p == null ? "" : p.token();
                    }
                })
                .build();
        try {
            container.addEndpoint(endpoint);
        } catch (DeploymentException e) {
            throw new IllegalStateException("the container does not take the WebSocket endpoint: " + e.getMessage(), e);
        }
        this.authentication = authentication;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!isUpgrade(request) || !"/".equals(path(request))) {
            chain.doFilter(request, response);
            return;
        }
        Subprotocol protocol = Subprotocol.select(Collections.list(request.getHeaders(PROTOCOL_HEADER)));
        if (protocol == null) {
            refuse(request, response, new OneM2MException(ResponseStatusCode.BAD_REQUEST, "Sec-WebSocket-Protocol offers "
                    + "none of oneM2M.json, oneM2M.xml, oneM2M.cbor (TS-0020 6.2.2.7, table 6.2.2.9-1)"));
            return;
        }
        Admission admission = Admission.OPEN;
        if (authentication != null) {
            Headers headers = Headers.of(Collections.list(request.getHeaderNames()), n -> Collections.list(request.getHeaders(n)));
            X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CLIENT_CERTIFICATES);
            try {
                // The connection's credential; each request over it must then claim an originator it admits.
                authentication.check(headers, certificates, null);
            } catch (OneM2MException e) {
                if (e.rsc() == ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"keel\", Bearer realm=\"keel\"");
                }
                refuse(request, response, e);
                return;
            }
            admission = req -> {
                req.credentialId = authentication.check(headers, certificates, req.from);
                req.originatorAuthenticated = true;
            };
        }
        String token = handshakes.accept(new Handshakes.Peer(request.getRemoteAddr(), admission));
        try {
            // Into the endpoint registered at ENDPOINT_PATH, the token as its path parameter (Jakarta WebSocket 2.1).
            container.upgradeHttpToWebSocket(request, response, endpoint, Map.of(Handshakes.TOKEN, token));
        } catch (DeploymentException | IllegalStateException e) {
            handshakes.take(token);
            refuse(request, response, new OneM2MException(ResponseStatusCode.BAD_REQUEST,
                    "the WebSocket handshake is not valid: " + e.getMessage()));
        }
    }

    /** RFC 6455 4.2.1: a GET whose Upgrade names websocket. */
    private static boolean isUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return "GET".equals(request.getMethod()) && upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, OneM2MException e) throws IOException {
        metrics.refused(Connection.BINDING, e.rsc().code());
        RequestPrimitive echo = new RequestPrimitive();
        ResponsePrimitive rsp = ResponsePrimitive.error(e.rsc(), e.getMessage()).echo(echo);
        HttpResponseWriter.HttpMessage http = HttpResponseWriter.write(rsp, "application/json", request.getContextPath());
        response.setStatus(http.status());
        http.headers().forEach(response::setHeader);
        if (http.body() != null) {
            response.getOutputStream().write(http.body());
        }
    }
}
