package io.keel.binding.coap;

import io.keel.core.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * CoAP over DTLS (TS-0008 clause 7, certificate mode) with the HTTPS connector's key material: the key and chain of
 * {@code keel.tls.keystore}, the trusted certificates of {@code keel.tls.truststore}, and {@code keel.tls.client-auth}
 * ({@code want}, {@code need}) for the clients' certificates.
 */
public record DtlsCredentials(PrivateKey key, Certificate[] chain, List<Certificate> trusted, String clientAuth) {
    private static final Logger LOG = Logger.getLogger(DtlsCredentials.class.getName());

    /** The key material, or null when {@code keel.tls.keystore} is not set. */
    public static DtlsCredentials of(Settings settings) {
        String keystore = settings.get("keel.tls.keystore", null);
        if (keystore == null) {
            return null;
        }
        try {
            char[] password = settings.get("keel.tls.keystore-password", "").toCharArray();
            KeyStore ks = load(keystore, settings.get("keel.tls.keystore-type", "PKCS12"), password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    List<Certificate> trusted = new ArrayList<>();
                    String truststore = settings.get("keel.tls.truststore", null);
                    if (truststore != null) {
                        KeyStore ts = load(truststore, settings.get("keel.tls.truststore-type", "PKCS12"),
                                settings.get("keel.tls.truststore-password", "").toCharArray());
                        for (String t : Collections.list(ts.aliases())) {
                            if (ts.isCertificateEntry(t)) {
                                trusted.add(ts.getCertificate(t));
                            }
                        }
                    }
                    return new DtlsCredentials((PrivateKey) ks.getKey(alias, password), ks.getCertificateChain(alias), trusted,
                            settings.get("keel.tls.client-auth", "none").toLowerCase(Locale.ROOT));
                }
            }
            throw new IllegalStateException("keel.tls.keystore " + keystore + " holds no private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("keel.tls.keystore " + keystore + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String type, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password);
        }
        return ks;
    }

    /** The DTLS connector of the server endpoint. */
    DTLSConnector serverConnector(Configuration config, InetSocketAddress address) {
        if (!"EC".equals(key.getAlgorithm())) {
            // Scandium clients (Keel's own included) offer ECDSA-signed cipher suites only, unless configured otherwise.
            LOG.warning(() -> "keel.tls.keystore holds a " + key.getAlgorithm() + " key: CoAP clients that offer only ECDHE_ECDSA "
                    + "cipher suites, as Scandium's do by default, fail the DTLS handshake on keel.coap.dtls.port; use an EC key");
        }
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, switch (clientAuth) {
                    case "want" -> CertificateAuthenticationMode.WANTED;
                    case "need" -> CertificateAuthenticationMode.NEEDED;
                    default -> CertificateAuthenticationMode.NONE;
                })
                .setAddress(address)
                .setCertificateIdentityProvider(new SingleCertificateProvider(key, chain, CertificateType.X_509));
        if (!clientAuth.equals("none") && !clientAuth.isEmpty()) {
            b.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustedCertificates(trusted.toArray(Certificate[]::new)).build());
        }
        return new DTLSConnector(b.build());
    }

    /** The DTLS connector of the client endpoint (coaps): this CSE's certificate, the servers' checked against the truststore. */
    DTLSConnector clientConnector(Configuration config) {
        return new DTLSConnector(DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAddress(new InetSocketAddress(0))
                .setCertificateIdentityProvider(new SingleCertificateProvider(key, chain, CertificateType.X_509))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedCertificates(trusted.toArray(Certificate[]::new)).build())
                .build());
    }
}
