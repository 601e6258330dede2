package io.keel.binding.websocket;

import io.keel.binding.Intake;
import io.keel.binding.http.auth.CredentialStore;
import io.keel.binding.http.auth.HttpAuthentication;
import io.keel.core.CseIdentity;
import io.keel.core.Settings;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.ops.KeelMetrics;
import jakarta.servlet.Filter;
import jakarta.websocket.server.ServerContainer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * Made before the CSE starts, so that its registration can go over {@code ws://} at once; registers the server
     * endpoint with the container.
     *
     * @param serverContainer the servlet context's {@link #CONTAINER}, a {@link ServerContainer}
     * @param intake          where requests read from connections go (the binding's {@link Intake} once the CSE runs)
     */
    public WebSocketBinding(Settings settings, Object serverContainer,
                            Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> intake, KeelMetrics metrics) {
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
        CseIdentity.Registrar registrar = settings.registrar();
        boolean registrarOverWebSocket = registrar != null && registrar.poa().regionMatches(true, 0, "ws", 0, 2);
        Admission others = authentication == null ? Admission.OPEN : Admission.UNAUTHENTICATED;
        Admission throughRegistrar = Admission.throughRegistrar(settings.cseId());
        AtomicReference<RegistrarLink> link = new AtomicReference<>();
        ClientConnections clients = new ClientConnections(container, factory,
                url -> registrarOverWebSocket && registrar.poa().equals(url) ? throughRegistrar : others, connecting, timeout,
                (url, connection) -> {
                    RegistrarLink l = link.get();
                    if (l != null && l.isRegistrar(url)) {
                        l.opened(connection);
                    }
                });
        if (registrarOverWebSocket) {
            link.set(new RegistrarLink(clients, registrar, settings.cseId(), timer, timeout));
        }
        this.handshake = new WebSocketHandshake(container, factory, authentication, metrics);
        this.outbound = new WebSocketOutbound(connections, clients, timeout, () -> {
            if (link.get() != null) {
                link.get().stop();
            }
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
