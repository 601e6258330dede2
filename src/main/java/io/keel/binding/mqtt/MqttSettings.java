package io.keel.binding.mqtt;

import io.keel.core.Settings;
import java.net.URI;
import java.util.Locale;

/**
 * How this CSE reaches its MQTT server (TS-0010 6.3): {@code keel.mqtt.url} ({@code tcp://host:port}, or
 * {@code ssl://host:port} for TLS with {@code keel.mqtt.tls.*}, defaulting to the HTTPS {@code keel.tls.*} stores),
 * optional user name and password, the QoS of what it publishes (1; TS-0010 6.4.1.1 advises against 2).
 *
 * @param brokerAuthenticates whether the server authenticates its clients and restricts their topics as TS-0010 7.4
 *                            describes; only then does the originator a topic names count as authenticated
 * @param workers             how many received messages are worked on at once
 * @param queue               how many received messages may wait for a worker; more are refused (5000)
 */
record MqttSettings(URI url, String username, String password, int qos, String keyStore, String keyStorePassword,
                    String keyStoreType, String trustStore, String trustStorePassword, String trustStoreType,
                    long duplicateWindowMillis, long reconnectMaxMillis, boolean brokerAuthenticates,
                    int workers, int queue) {

    /** The settings, or null when {@code keel.mqtt.url} is not set (the binding is off). */
    static MqttSettings of(Settings s) {
        return of(s, s.get("keel.mqtt.url", null));
    }

    /** The settings for the server {@code url} (another than keel.mqtt.url: a server this CSE leaves); null for null. */
    static MqttSettings of(Settings s, String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("keel.mqtt.url is no URL: '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl") || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalStateException("keel.mqtt.url must be tcp://host:port or ssl://host:port, not '" + url + "'");
        }
        int qos = s.getInt("keel.mqtt.qos", 1);
        if (qos != 0 && qos != 1) {
            throw new IllegalStateException("keel.mqtt.qos must be 0 or 1 (TS-0010 6.4.1.1: not 2), not " + qos);
        }
        return new MqttSettings(uri, s.get("keel.mqtt.username", null), s.get("keel.mqtt.password", null), qos,
                s.get("keel.mqtt.tls.keystore", s.get("keel.tls.keystore", null)),
                s.get("keel.mqtt.tls.keystore-password", s.get("keel.tls.keystore-password", "")),
                s.get("keel.mqtt.tls.keystore-type", s.get("keel.tls.keystore-type", "PKCS12")),
                s.get("keel.mqtt.tls.truststore", s.get("keel.tls.truststore", null)),
                s.get("keel.mqtt.tls.truststore-password", s.get("keel.tls.truststore-password", "")),
                s.get("keel.mqtt.tls.truststore-type", s.get("keel.tls.truststore-type", "PKCS12")),
                positive(s, "keel.mqtt.duplicate-window", 120_000),
                positive(s, "keel.mqtt.reconnect-max", 10_000),
                Boolean.parseBoolean(s.get("keel.mqtt.broker-authenticates", "false")),
                (int) positive(s, "keel.mqtt.workers", 8),
                (int) positive(s, "keel.mqtt.queue", 1000));
    }

    private static long positive(Settings s, String key, long defaultValue) {
        long v = s.getLong(key, defaultValue);
        if (v <= 0) {
            throw new IllegalStateException(key + " must be positive, not " + v);
        }
        return v;
    }

    boolean tls() {
        return "ssl".equalsIgnoreCase(url.getScheme());
    }
}
