package io.keel.it;

import io.keel.binding.coap.CoapSettings;
import io.keel.binding.coap.OneM2MOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/** The test's CoAP-over-DTLS client (Scandium): trusts the certificates given, presents its own when it has one. */
final class DtlsPeer implements AutoCloseable {
    private static final Configuration CONFIG = new CoapSettings("127.0.0.1", 0, null, 512, 64 * 1024).configuration();
    private final CoapEndpoint endpoint;

    /** @param identity the client certificate to present, or null for none */
    DtlsPeer(TestPki.Identity identity, Certificate... trusted) {
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(CONFIG)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustedCertificates(trusted).build());
        if (identity != null) {
            dtls.setCertificateIdentityProvider(new SingleCertificateProvider(identity.key(), identity.chain(), CertificateType.X_509));
        }
        endpoint = new CoapEndpoint.Builder().setConfiguration(CONFIG).setOptionRegistry(OneM2MOptions.REGISTRY)
                .setConnector(new DTLSConnector(dtls.build())).build();
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response; a request without one (a failed DTLS handshake, above all) fails the test with the reason. */
    Response send(Request request, int port) throws InterruptedException {
        Response response = attempt(request, port);
        if (response == null) {
            throw new AssertionError("no response over DTLS: " + request.getSendError());
        }
        return response;
    }

    /** The response, or null when the request failed (the DTLS handshake, above all): then {@link Request#getSendError()} says why. */
    Response attempt(Request request, int port) throws InterruptedException {
        request.setDestinationContext(new AddressEndpointContext(new InetSocketAddress("127.0.0.1", port)));
        endpoint.sendRequest(request);
        return request.waitForResponse(30_000);
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
