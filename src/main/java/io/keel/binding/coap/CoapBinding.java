package io.keel.binding.coap;

import io.keel.binding.Intake;
import io.keel.core.Settings;
import io.keel.ops.KeelMetrics;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.elements.util.ExecutorsUtil;

/**
 * The CoAP server of the binding (TS-0008 6.1: a CSE hosts a CoAP server): a Californium {@link CoapServer} on
 * {@code keel.coap.host}:{@code keel.coap.port} (and CoAP over DTLS on {@code keel.coap.dtls.port}), every request
 * delivered to the CSE as a request primitive. Observe is not used: notifications are Notify requests of their own.
 */
public final class CoapBinding implements AutoCloseable {
    /** The binding label of requests and metrics. */
    public static final String BINDING = "coap";
    private static final Logger LOG = Logger.getLogger(CoapBinding.class.getName());

    private final CoapServer server;
    private final ScheduledExecutorService timer;

    private CoapBinding(CoapServer server, ScheduledExecutorService timer) {
        this.server = server;
        this.timer = timer;
    }

    /**
     * Starts the server; a port that cannot be bound stops the start (IllegalStateException).
     *
     * @param dtls the key material for {@code keel.coap.dtls.port}; null when there is none
     * @param keel the CSE's settings, for {@code keel.auth.credentials}
     */
    public static CoapBinding start(CoapSettings settings, DtlsCredentials dtls, Settings keel, Intake intake, KeelMetrics metrics) {
        if (settings.dtlsPort() != null && dtls == null) {
            throw new IllegalStateException("keel.coap.dtls.port needs the key material of keel.tls.keystore");
        }
        Configuration config = settings.configuration();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setOptionRegistry(OneM2MOptions.REGISTRY)
                .setInetSocketAddress(new InetSocketAddress(settings.host(), settings.port())).setLoggingTag("coap").build());
        if (settings.dtlsPort() != null) {
            server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setOptionRegistry(OneM2MOptions.REGISTRY)
                    .setConnector(dtls.serverConnector(config, new InetSocketAddress(settings.host(), settings.dtlsPort())))
                    .setLoggingTag("coaps").build());
        }
        ScheduledExecutorService timer = ExecutorsUtil.newSingleThreadScheduledExecutor(new DaemonThreadFactory("keel-coap-accept#"));
        server.setMessageDeliverer(new PrimitiveDeliverer(intake, metrics, timer, CoapAuthentication.of(keel), settings.maxBodyBytes()));
        SelfAnsweredErrors errors = new SelfAnsweredErrors(metrics);
        server.getEndpoints().forEach(e -> e.addInterceptor(errors));
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            timer.shutdownNow();
            throw new IllegalStateException("the CoAP server did not start on " + settings.host() + ":" + settings.port()
                    + (settings.dtlsPort() == null ? "" : " / DTLS " + settings.dtlsPort()) + ": " + e.getMessage(), e);
        }
        if (server.getEndpoints().stream().anyMatch(e -> !e.isStarted())) {
            server.destroy();
            timer.shutdownNow();
            throw new IllegalStateException("the CoAP server could not bind " + settings.host() + ":" + settings.port()
                    + (settings.dtlsPort() == null ? "" : " / DTLS " + settings.dtlsPort()));
        }
        LOG.info(() -> "CoAP binding listening on " + server.getEndpoints().stream().map(e -> e.getUri().toString()).toList());
        return new CoapBinding(server, timer);
    }

    @Override
    public void close() {
        server.destroy();
        timer.shutdownNow();
    }
}
