package io.keel.binding.websocket;

import io.keel.binding.Intake;
import io.keel.binding.http.auth.CredentialStore;
import io.keel.binding.http.auth.HttpAuthentication;
import io.keel.core.Settings;
import io.keel.ops.KeelMetrics;
import jakarta.servlet.Filter;
import jakarta.websocket.server.ServerContainer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The WebSocket binding (TS-0020) on the servlet container's Jakarta WebSocket: the handshake filter for the CSE's
 * root path and the outbound side for {@code ws}, {@code wss} and connections entities hold open.
 */
public final class WebSocketBinding {
    /**
     * The servlet context attribute under which the container offers Jakarta WebSocket (Jakarta WebSocket 2.1, 6.4).
     * A string, so that the application starts in a container without the Jakarta WebSocket API, with this binding off.
     */
    public static final String CONTAINER = "jakarta.websocket.server.ServerContainer";
    private final WebSocketHandshake handshake;
    private final WebSocketOutbound outbound;

    /** @param serverContainer the servlet context's {@link #CONTAINER}, a {@link ServerContainer} */
    public WebSocketBinding(Settings settings, Object serverContainer, Intake intake, KeelMetrics metrics) {
        ServerContainer container = (ServerContainer) serverContainer;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("keel-ws-timer"));
        ExecutorService connecting = Executors.newFixedThreadPool(2, daemon("keel-ws-connect"));
        long timeout = settings.getLong("keel.notification.timeout", 5_000);
        Connections connections = new Connections();
        ConnectionFactory factory = new ConnectionFactory(intake, metrics, connections, timer, settings.maxBodyBytes(),
                settings.getLong("keel.ws.idle-timeout", 0));
        String credentials = settings.get("keel.auth.credentials", null);
        HttpAuthentication authentication = credentials == null || credentials.isBlank() ? null
                : new HttpAuthentication(CredentialStore.load(Path.of(credentials)), "/" + settings.cseId());
        ClientConnections clients = new ClientConnections(container, factory,
                authentication == null ? Admission.OPEN : Admission.UNAUTHENTICATED, connecting, timeout);
        this.handshake = new WebSocketHandshake(container, factory, authentication, metrics);
        this.outbound = new WebSocketOutbound(connections, clients, timeout, () -> {
            timer.shutdownNow();
            connecting.shutdownNow();
        });
    }

    /** The servlet filter that takes WebSocket upgrades of {@code /}; it goes before the HTTP binding's. */
    public Filter handshake() {
        return handshake;
    }

    /** Registered in {@code Outbounds} for {@code ws}, {@code wss} and {@link WebSocketOutbound#CONNECTION_SCHEME}. */
    public WebSocketOutbound outbound() {
        return outbound;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
