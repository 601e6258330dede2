package io.keel.binding.coap;

import io.keel.core.Settings;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * The CoAP binding's settings ({@code keel.coap.*}) and the Californium configuration made of them. Bodies larger
 * than one block travel block-wise (RFC 7959, TS-0008 6.5): Block1 for requests, Block2 for responses, each up to the
 * HTTP binding's body limit ({@code keel.http.max-body}), so that both bindings take the same resources.
 */
public record CoapSettings(String host, int port, Integer dtlsPort, int blockSize, int maxBodyBytes) {
    /** The binding's settings, or null when {@code keel.coap.port} is not set (the binding is off). */
    public static CoapSettings of(Settings settings) {
        String port = settings.get("keel.coap.port", null);
        if (port == null) {
            return null;
        }
        String dtls = settings.get("keel.coap.dtls.port", null);
        int blockSize = settings.getInt("keel.coap.block-size", 512);
        if (Integer.bitCount(blockSize) != 1 || blockSize < 16 || blockSize > 1024) {
            throw new IllegalStateException("keel.coap.block-size must be 16, 32, 64, 128, 256, 512 or 1024 (RFC 7959 2.2), not " + blockSize);
        }
        return new CoapSettings(settings.get("keel.coap.host", settings.httpHost()), settings.getInt("keel.coap.port", 5683),
                dtls == null ? null : settings.getInt("keel.coap.dtls.port", 5684), blockSize, settings.maxBodyBytes());
    }

    /** Californium's configuration: no properties file is read or written. */
    public Configuration configuration() {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, blockSize);
        config.set(CoapConfig.MAX_MESSAGE_SIZE, blockSize);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxBodyBytes);
        return config;
    }
}
