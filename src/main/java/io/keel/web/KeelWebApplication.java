package io.keel.web;

import io.keel.binding.Intake;
import io.keel.binding.OriginatorRateLimit;
import io.keel.binding.Outbounds;
import io.keel.binding.coap.CoapBinding;
import io.keel.binding.coap.CoapSender;
import io.keel.binding.coap.CoapSettings;
import io.keel.binding.coap.DtlsCredentials;
import io.keel.binding.http.HttpSender;
import io.keel.binding.http.PrimitiveFilter;
import io.keel.binding.jaxrs.KeelApplication;
import io.keel.binding.jaxrs.PrimitiveServletContainer;
import io.keel.binding.websocket.WebSocketBinding;
import io.keel.binding.websocket.WebSocketOutbound;
import io.keel.binding.mqtt.MqttBinding;
import io.keel.core.Cse;
import io.keel.core.Settings;
import io.keel.interworking.lwm2m.Lwm2mBridge;
import io.keel.interworking.lwm2m.Lwm2mSettings;
import io.keel.ops.HealthServlet;
import io.keel.ops.KeelMetrics;
import io.keel.ops.MetricsAccess;
import io.keel.ops.MetricsServlet;
import io.keel.ops.Readiness;
import io.keel.persistence.Database;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The composition root, the one listener web.xml declares: when the web application starts it opens the database,
 * starts the CSE and its metrics, and registers the binding filter and the servlets, each given what it needs when
 * constructed; when the application stops it stops the CSE, which releases the database, and the metrics.
 */
public class KeelWebApplication implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(KeelWebApplication.class.getName());
    private KeelMetrics metrics;
    private Cse cse;
    /** The outgoing side of every binding; the CSE closes it when it stops. */
    private Outbounds outbounds;
    /** keel.rate.per-originator, counted across every binding; null when unlimited. */
    private OriginatorRateLimit rateLimit;
    /** The WebSocket binding, made before the CSE starts (its registration may go over ws://); null when off. */
    private WebSocketBinding webSocket;
    /** Where the message bindings hand requests once the CSE runs. */
    private volatile Intake intake;
    /** The CoAP server (TS-0008), or null when keel.coap.port is not set; it stops before the CSE. */
    private CoapBinding coap;
    /** The MQTT binding (TS-0010) when keel.mqtt.url is set, else null; started after the CSE, stopped before it. */
    private MqttBinding mqtt;
    /** The LwM2M bridge (TS-0014) when keel.lwm2m.port is set, else null; started after the CSE, stopped before it. */
    private Lwm2mBridge lwm2m;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = webSocketSettings(new Settings(context::getInitParameter), context.getAttribute(WebSocketBinding.CONTAINER));
        metrics = new KeelMetrics();
        try {
            rateLimit = OriginatorRateLimit.of(settings);
            cse = startCse(settings, metrics, context);
            intake = new Intake(cse, metrics, rateLimit);
            metrics.bind(cse);
            register(context, settings);
            startCoap(settings);
            if (mqtt != null) {
                mqtt.start(intake, metrics);
            }
            Lwm2mSettings lwm2mSettings = Lwm2mSettings.of(settings);
            if (lwm2mSettings != null) {
                lwm2m = Lwm2mBridge.start(lwm2mSettings, cse);
            }
        } catch (RuntimeException e) {
            // The container does not call contextDestroyed for a listener that failed to initialize.
            close();
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        close();
    }

    /**
     * The WebSocket binding needs the container's Jakarta WebSocket. Where there is none, it is off, and the CSE
     * advertises no ws:// point of access; asked for explicitly (keel.ws.enabled=true), its absence stops the start.
     */
    private static Settings webSocketSettings(Settings settings, Object webSockets) {
        if (webSockets != null || !settings.webSocketEnabled()) {
            return settings;
        }
        if (settings.get("keel.ws.enabled", null) != null) {
            throw new IllegalStateException("keel.ws.enabled is true, but the servlet container provides no Jakarta WebSocket "
                    + "(no jakarta.websocket.server.ServerContainer attribute); enable its WebSocket support or set keel.ws.enabled=false");
        }
        LOG.warning("the servlet container provides no Jakarta WebSocket: the WebSocket binding (TS-0020) is off");
        return settings.with("keel.ws.enabled", "false");
    }

    private Cse startCse(Settings settings, KeelMetrics metrics, ServletContext context) {
        HttpSender sender = new HttpSender(settings.getLong("keel.notification.timeout", 5_000),
                settings.getInt("keel.http.client.max-connections", 8), settings.get("keel.http.proxy", null));
        outbounds = new Outbounds().register(sender, "http", "https");
        CoapSettings coapSettings = CoapSettings.of(settings);
        if (coapSettings != null) {
            try {
                outbounds.register(new CoapSender(coapSettings, DtlsCredentials.of(settings),
                        settings.getLong("keel.notification.timeout", 5_000)), "coap", "coaps");
            } catch (RuntimeException e) {
                outbounds.close();
                throw e;
            }
        }
        try {
            if (settings.webSocketEnabled()) {
                webSocket = new WebSocketBinding(settings, context.getAttribute(WebSocketBinding.CONTAINER), this::intake, metrics);
                outbounds.register(webSocket.outbound(), "ws", "wss", WebSocketOutbound.CONNECTION_SCHEME);
            }
            // Before the CSE: its registration with a registrar reached over MQTT already goes through it.
            mqtt = MqttBinding.create(settings, outbounds);
            // Cse.start closes the store if the CSE does not start.
            return Cse.start(settings, Database.open(settings), outbounds, metrics);
        } catch (RuntimeException e) {
            outbounds.close();
            throw e;
        }
    }

    /** TS-0008: the CoAP server, when keel.coap.port is set; its requests reach the CSE as the HTTP binding's do. */
    private void startCoap(Settings settings) {
        CoapSettings coapSettings = CoapSettings.of(settings);
        if (coapSettings != null) {
            DtlsCredentials dtls = coapSettings.dtlsPort() == null ? null : DtlsCredentials.of(settings);
            coap = CoapBinding.start(coapSettings, dtls, settings, intake, metrics);
        }
    }

    /** The binding filter in front of every servlet; the JAX-RS servlet takes whatever path the others leave. */
    private void register(ServletContext context, Settings settings) {
        if (webSocket != null) {
            // Before the HTTP binding's filter: an upgrade of / becomes a WebSocket, every other request goes on.
            FilterRegistration.Dynamic handshake = context.addFilter("onem2m-websocket", webSocket.handshake());
            handshake.setAsyncSupported(true);
            handshake.addMappingForUrlPatterns(null, true, "/*");
        }
        // TS-0009 clause 6: every HTTP request becomes a oneM2M request primitive here, or is answered with its error.
        FilterRegistration.Dynamic binding = context.addFilter("onem2m-binding", new PrimitiveFilter(settings, metrics, rateLimit));
        binding.setAsyncSupported(true);
        binding.addMappingForUrlPatterns(null, true, "/*");

        ServletRegistration.Dynamic onem2m = context.addServlet(PrimitiveFilter.ONEM2M_SERVLET,
                new PrimitiveServletContainer(new KeelApplication(cse)));
        onem2m.setLoadOnStartup(1);
        // Long polls (pcu) and Notify requests waiting for their AE hold no thread.
        onem2m.setAsyncSupported(true);
        map(onem2m, "/*");

        // Keel's own endpoints, where no oneM2M resource can be: their prefix mappings are longer than the binding's
        // /*, so they win, and the binding filter lets /.well-known/keel/ through.
        map(context.addServlet("console", new ConsoleServlet(FlexNames.json(cse.flexCatalogue()))), "/.well-known/keel/console/*");
        Readiness readiness = new Readiness(cse, settings.getLong("keel.ops.ready-timeout", 2_000), metrics);
        map(context.addServlet("health", new HealthServlet(readiness)), "/.well-known/keel/health/*");
        MetricsAccess access = new MetricsAccess(settings.get("keel.ops.token", null));
        map(context.addServlet("metrics", new MetricsServlet(metrics, access)), "/.well-known/keel/metrics");
        map(context.addServlet("triggers", new TriggerIntakeServlet(cse.deviceTriggers(), settings.get("keel.trigger.token", null))),
                "/.well-known/keel/triggers/*");
        map(context.addServlet("location", new LocationNotificationServlet(cse.locationNotifications())),
                io.keel.core.location.CallbackUrls.PATH + "*");
    }

    /** A request a message binding read; one that comes before the CSE has started (from its registrar) is 5103. */
    private CompletableFuture<ResponsePrimitive> intake(RequestPrimitive req) {
        Intake i = intake;
        return i != null ? i.handle(req) : CompletableFuture.completedFuture(
                ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "the CSE is starting").echo(req));
    }

    private static void map(ServletRegistration.Dynamic servlet, String pattern) {
        if (!servlet.addMapping(pattern).isEmpty()) {
            throw new IllegalStateException("another servlet of the application already has " + pattern);
        }
    }

    private void close() {
        if (lwm2m != null) {
            lwm2m.close();
            lwm2m = null;
        }
        if (coap != null) {
            coap.close();
            coap = null;
        }
        if (mqtt != null) {
            mqtt.close();
            mqtt = null;
        }
        if (cse != null) {
            cse.close();
            cse = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }
}
