package io.keel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A small oneM2M HTTP client for the tests: sensible default headers, every one of them overridable. */
public final class OneM2MClient {
    public static final String ADMIN = "CAdmin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong RI = new AtomicLong();
    private final HttpClient http;
    private final String base;
    /** The Authorization every request carries unless the call sets its own, or null. */
    private String authorization;

    public OneM2MClient(URL base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Every request presents this bearer token, for a CSE that authenticates originators (keel.auth.credentials). */
    public OneM2MClient(URL base, String bearerToken) {
        this(base);
        this.authorization = "Bearer " + bearerToken;
    }

    /** With an HTTP client of the test's own, e.g. one that speaks TLS with a test keystore. */
    public OneM2MClient(URL base, HttpClient http) {
        this.http = http;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public String base() {
        return base;
    }

    /** A request under construction: method, path (and query) within the web application, headers, body. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("X-M2M-Origin", ADMIN);
            headers.put("X-M2M-RI", "rq-" + RI.incrementAndGet());
            headers.put("X-M2M-RVI", "3");
            headers.put("Accept", "application/json");
            if (authorization != null) {
                headers.put("Authorization", authorization);
            }
        }

        public Call header(String name, String value) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        public Call from(String originator) {
            return header("X-M2M-Origin", originator);
        }

        public Call json(String json) {
            body = json.getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        public Call body(byte[] bytes, String contentType) {
            body = bytes;
            return header("Content-Type", contentType);
        }

        public Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                return new Reply(http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What came back. */
    public record Reply(HttpResponse<byte[]> response) {
        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The X-M2M-RSC header as an integer (0 when absent). */
        public int rsc() {
            String v = header("X-M2M-RSC");
            return v == null ? 0 : Integer.parseInt(v);
        }

        public String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("body is not JSON: " + text(), e);
            }
        }
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public Call put(String path, String json) {
        return new Call("PUT", path).json(json);
    }

    /** A Create: POST with {@code ty} in the Content-Type. */
    public Call create(String path, int ty, String json) {
        return new Call("POST", path).json(json).header("Content-Type", "application/json;ty=" + ty);
    }

    public Call method(String method, String path) {
        return new Call(method, path);
    }

    /** Registers an AE with the given originator and resource name; returns its AE-ID. */
    public String registerAe(String originator, String rn) {
        Reply r = create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(originator).send();
        if (r.status() != 201) {
            throw new AssertionError("AE registration failed: " + r.status() + " " + r.text());
        }
        return r.json().path("m2m:ae").path("aei").asText();
    }

    /**
     * An AE as a notification target reached at {@code poa}, whose policy gives {@code notifier} the Notify privilege a
     * subscription's creator needs on it (TS-0004 7.5.1.2.3); the AE itself may do everything on itself.
     *
     * @return its AE-ID
     */
    public String registerNotifiableAe(String poa, String notifier) {
        return registerNotifiableAe(unique("listenerAe"), poa, notifier);
    }

    /** The same, named {@code rn} (so that a structured ID can address it). */
    public String registerNotifiableAe(String rn, String poa, String notifier) {
        String aei = registerAe("C" + unique("lsn"), rn);
        expect(200, put("/" + aei, "{\"m2m:ae\":{\"poa\":[\"" + poa + "\"]}}").from(aei).send());
        Reply acp = expect(201, create("/" + aei, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + notifier
                + "\"],\"acop\":16}]},\"pvs\":{\"acr\":[{\"acor\":[\"" + aei + "\"],\"acop\":63}]}}}").from(aei).send());
        expect(200, put("/" + aei, "{\"m2m:ae\":{\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText() + "\"]}}")
                .from(aei).send());
        return aei;
    }

    private static Reply expect(int status, Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ": " + r.status() + " " + r.text());
        }
        return r;
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + System.nanoTime();
    }
}
