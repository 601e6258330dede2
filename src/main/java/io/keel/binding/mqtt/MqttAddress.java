package io.keel.binding.mqtt;

import io.keel.primitive.OneM2MException;
import java.net.URI;
import java.util.Locale;

/**
 * An MQTT URI of TS-0010 6.6: {@code mqtt://<authority>[/<path>]} or {@code mqtts://…}, the port 1883 or 8883 when
 * absent. In a pointOfAccess the path is a prefix of the oneM2M topics; in a notificationURI it is the whole topic
 * (without a leading slash).
 *
 * @param path the path without its leading slash, empty when there is none
 */
record MqttAddress(boolean tls, String host, int port, String path) {

    static MqttAddress parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw OneM2MException.badRequest("'" + url + "' is no MQTT URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mqtt") && !scheme.equals("mqtts") || uri.getHost() == null) {
            throw OneM2MException.badRequest("'" + url + "' is no mqtt://host[:port][/path] or mqtts:// URI (TS-0010 6.6)");
        }
        boolean tls = scheme.equals("mqtts");
        int port = uri.getPort() < 0 ? (tls ? 8883 : 1883) : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new MqttAddress(tls, uri.getHost(), port, path);
    }

    /** The point of access of the server {@code keel.mqtt.url} names ({@code tcp://h:p} → {@code mqtt://h:p}). */
    static MqttAddress ofServer(URI server) {
        return new MqttAddress("ssl".equalsIgnoreCase(server.getScheme()), server.getHost(), server.getPort(), "");
    }

    /** Whether both name the same MQTT server (the path aside). */
    boolean sameServer(MqttAddress other) {
        return tls == other.tls && port == other.port && host.equalsIgnoreCase(other.host);
    }

    /** The topic prefix of a pointOfAccess ({@code ""} or {@code abc/def}), put in front of {@code /oneM2M/...}. */
    String topicPrefix() {
        return path;
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + host + ":" + port + (path.isEmpty() ? "" : "/" + path);
    }
}
