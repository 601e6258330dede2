package io.keel.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Keel's settings. Each is read, in this order, from a system property ({@code keel.http.port}), an environment
 * variable ({@code KEEL_HTTP_PORT}), a context parameter of the web application (what an app-server console
 * sets), and finally its default.
 */
public final class Settings {
    private final Function<String, String> contextParameters;
    /** Values the application fixed, whatever the environment says (see {@link #with}). */
    private final Map<String, String> fixed;

    public Settings(Function<String, String> contextParameters) {
        this(contextParameters, Map.of());
    }

    private Settings(Function<String, String> contextParameters, Map<String, String> fixed) {
        this.contextParameters = contextParameters == null ? k -> null : contextParameters;
        this.fixed = fixed;
    }

    /** These settings with one fixed, e.g. a binding switched off because the container cannot serve it. */
    public Settings with(String key, String value) {
        Map<String, String> more = new HashMap<>(fixed);
        more.put(key, value);
        return new Settings(contextParameters, Map.copyOf(more));
    }

    /** Settings from system properties and the environment only. */
    public static Settings fromEnvironment() {
        return new Settings(null);
    }

    public String get(String key, String defaultValue) {
        String v = fixed.containsKey(key) ? fixed.get(key) : System.getProperty(key);
        if (v == null) {
            v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if (v == null) {
            v = contextParameters.apply(key);
        }
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    public int getInt(String key, int defaultValue) {
        String v = get(key, null);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + key + " must be an integer, not '" + v + "'");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = get(key, null);
        try {
            return v == null ? defaultValue : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + key + " must be an integer, not '" + v + "'");
        }
    }

    public List<String> getList(String key, String defaultValue) {
        List<String> out = new ArrayList<>();
        for (String s : get(key, defaultValue).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    public String httpHost() {
        return get("keel.http.host", "127.0.0.1");
    }

    public int httpPort() {
        return getInt("keel.http.port", 8080);
    }

    public Path dataDir() {
        return Path.of(get("keel.data.dir", "keel-data"));
    }

    /** The JDBC URL; by default an H2 file database in the data directory. */
    public String dbUrl() {
        // WRITE_DELAY=0: H2 hands every commit to the OS before returning, so an acknowledged write survives kill -9.
        return get("keel.db.url", "jdbc:h2:file:" + dataDir().toAbsolutePath().resolve("keel") + ";WRITE_DELAY=0");
    }

    public String dbUser() {
        return get("keel.db.user", "");
    }

    public String dbPassword() {
        return get("keel.db.password", "");
    }

    /** CSE-ID without its leading slash, e.g. {@code id-in}. */
    public String cseId() {
        String id = get("keel.cse.id", "id-in");
        return id.startsWith("/") ? id.substring(1) : id;
    }

    public String cseName() {
        String name = get("keel.cse.name", "cse-in");
        if (name.startsWith(".")) {
            // A first path segment starting with '.' is Keel's own (/.well-known/keel/): the CSEBase cannot have it.
            throw new IllegalStateException("keel.cse.name must not start with '.': " + name);
        }
        return name;
    }

    /** SP-ID without its leading slashes, e.g. {@code keel.example.net}. */
    public String spId() {
        String id = get("keel.sp.id", "keel.example.net");
        return id.startsWith("//") ? id.substring(2) : id;
    }

    /** cseType: IN (1), MN (2) or ASN (3). */
    public int cseType() {
        String t = get("keel.cse.type", "IN").toUpperCase(Locale.ROOT);
        return switch (t) {
            case "IN", "IN-CSE", "1" -> 1;
            case "MN", "MN-CSE", "2" -> 2;
            case "ASN", "ASN-CSE", "3" -> 3;
            default -> throw new IllegalStateException("keel.cse.type must be IN, MN or ASN, not '" + t + "'");
        };
    }

    public String adminOriginator() {
        return get("keel.admin.originator", "CAdmin");
    }

    /** Patterns ({@code *} wildcard) an AE's originator must match to register. */
    public List<String> aeAllowedOriginators() {
        return getList("keel.ae.allowed-originators", "C*,S*");
    }

    /**
     * The accessControlPolicies that govern the CSEBase, by resourceID or structured ID ({@code cse-in/acpAdmin}):
     * no request may update the CSEBase (TS-0004 7.4.3.2.3), so its acpi is a setting, applied at every start.
     */
    public List<String> cseAccessControlPolicies() {
        return getList("keel.cse.acpi", "");
    }

    /**
     * This CSE's points of access as other entities reach it (the CSEBase's poa, what it tells its registrar):
     * {@code keel.cse.poa}, comma separated, else {@code http://<keel.http.host>:<keel.http.port>} followed by one
     * entry per other binding that is on: {@code ws://} at the same host and port (TS-0020 6.2.1: the WebSocket server
     * shares it), {@code mqtt://} (or {@code mqtts://}) at the broker of {@code keel.mqtt.url} (TS-0010 6.6), and
     * {@code coap://<keel.coap.host>:<keel.coap.port>} (TS-0008), followed by {@code coaps://} at {@code keel.coap.dtls.port}.
     */
    public List<String> csePointOfAccess() {
        String authority = httpHost() + ":" + httpPort();
        List<String> byDefault = new java.util.ArrayList<>(List.of("http://" + authority));
        if (webSocketEnabled()) {
            byDefault.add("ws://" + authority);
        }
        String mqtt = mqttPointOfAccess();
        if (mqtt != null) {
            byDefault.add(mqtt);
        }
        String coapPort = get("keel.coap.port", null);
        if (coapPort != null) {
            byDefault.add("coap://" + get("keel.coap.host", httpHost()) + ":" + coapPort);
            String dtlsPort = get("keel.coap.dtls.port", null);
            if (dtlsPort != null) {
                byDefault.add("coaps://" + get("keel.coap.host", httpHost()) + ":" + dtlsPort);
            }
        }
        List<String> poa = getList("keel.cse.poa", String.join(",", byDefault));
        for (String p : poa) {
            if (!p.matches(POINT_OF_ACCESS)) {
                throw new IllegalStateException("keel.cse.poa holds '" + p + "', which is no point of access of a binding"
                        + " (http(s), ws(s), mqtt(s) or coap(s) URL)");
            }
        }
        return poa;
    }

    /** What a point of access of this CSE looks like: a URL of one of its bindings. */
    private static final String POINT_OF_ACCESS = "(?i)(https?|wss?|mqtts?|coaps?)://[^/\\s]+(/\\S*)?";

    /** {@code keel.mqtt.url} ({@code tcp://host:port}, {@code ssl://host:port}) as a point of access, or null when unset. */
    private String mqttPointOfAccess() {
        String url = get("keel.mqtt.url", null);
        if (url == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(tcp|ssl)://([^/\\s]+?)/?").matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("keel.mqtt.url must be tcp://host:port or ssl://host:port, not '" + url + "'");
        }
        return (m.group(1).equalsIgnoreCase("ssl") ? "mqtts://" : "mqtt://") + m.group(2);
    }

    /**
     * The registrar CSE this CSE registers with, or null: {@code keel.registrar.poa} and {@code keel.registrar.cse-id}
     * together (one without the other is a mistake that stops the start), {@code keel.registrar.cse-name} and
     * {@code keel.registrar.authorization} optional. An IN-CSE has none.
     */
    public CseIdentity.Registrar registrar() {
        String poa = get("keel.registrar.poa", null);
        String cseId = get("keel.registrar.cse-id", null);
        if (poa == null && cseId == null) {
            return null;
        }
        if (poa == null || cseId == null) {
            throw new IllegalStateException("keel.registrar.poa and keel.registrar.cse-id are set together");
        }
        if (!poa.matches(POINT_OF_ACCESS)) {
            throw new IllegalStateException("keel.registrar.poa must be a point of access of a binding (http(s), ws(s), mqtt(s) or coap(s) URL), not '" + poa + "'");
        }
        if (poa.regionMatches(true, 0, "ws", 0, 2) && !webSocketEnabled()) {
            throw new IllegalStateException("keel.registrar.poa is a WebSocket URL, but keel.ws.enabled is false");
        }
        if (cseType() == 1) {
            throw new IllegalStateException("an IN-CSE has no registrar: keel.registrar.* is for an MN or ASN (keel.cse.type)");
        }
        String id = cseId.startsWith("/") ? cseId.substring(1) : cseId;
        if (id.equals(cseId())) {
            throw new IllegalStateException("keel.registrar.cse-id is this CSE's own CSE-ID " + id);
        }
        return new CseIdentity.Registrar(poa.endsWith("/") ? poa.substring(0, poa.length() - 1) : poa, id,
                get("keel.registrar.cse-name", null), get("keel.registrar.authorization", null));
    }

    /** Whether the CSE serves the WebSocket binding (TS-0020) at its root path: keel.ws.enabled, default true. */
    public boolean webSocketEnabled() {
        return Boolean.parseBoolean(get("keel.ws.enabled", "true"));
    }

    /** Largest request body accepted, in bytes. */
    public int maxBodyBytes() {
        return getInt("keel.http.max-body", 1024 * 1024);
    }

    /**
     * Default lifetime of a resource created without et, in seconds: 5 years (TS-0004 7.3.3.3 leaves it to the CSE's
     * policy).
     */
    public long defaultExpirationSeconds() {
        return getLong("keel.resource.default-lifetime", 157_680_000L);
    }

    /**
     * How long, in microseconds, a create waits at most for others under the same parent to share its commit, when
     * creates there have lately come several at a time (0: never waits).
     */
    public long writeGatherMicros() {
        return Math.max(0, getLong("keel.db.write-gather", 300L));
    }

    /** How often expired resources are swept, in milliseconds. */
    public long expirySweepMillis() {
        return getLong("keel.expiry.sweep-interval", 1000L);
    }

    /** Most child resources one rcn=4/5/6/8 response carries before it is marked partial. */
    public int maxResultSize() {
        return getInt("keel.result.max", 1000);
    }

    /**
     * Most candidates one request with a content filter (cfs/cfq) looks at: their content is tested in Java, so this
     * bounds its work; a result cut by it is marked partial.
     */
    public int contentScanMax() {
        return getInt("keel.discovery.content-scan-max", 100_000);
    }

    /** Milliseconds a next hop has to answer a forwarded request (TS-0004 7.3.2.6) before it is answered 4008. */
    /** How long the CSE waits for the decision points of one dynamic authorization (TS-0004 7.3.3.15) before it denies. */
    public long dynamicAuthorizationTimeoutMillis() {
        long t = getLong("keel.dynauth.timeout", 3_000L);
        if (t <= 0) {
            throw new IllegalStateException("keel.dynauth.timeout must be positive, not " + t);
        }
        return t;
    }

    public long forwardingTimeoutMillis() {
        long t = getLong("keel.forwarding.timeout", 10_000L);
        if (t <= 0) {
            throw new IllegalStateException("keel.forwarding.timeout must be positive, not " + t);
        }
        return t;
    }

    /**
     * The Authorization header value forwarded requests carry to next hops other than the registrar (the CSEs
     * registered here, through their remoteCSE); empty: none.
     */
    public String forwardingAuthorization() {
        return get("keel.forwarding.authorization", "");
    }
}
