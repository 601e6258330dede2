package io.keel.it;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What the fake Location Servers of the location ITs (OMA Terminal Location, a 3GPP SCEF/NEF) do on the wire: answer
 * a request with JSON, and notify Keel's callback URL as the Underlying Network would.
 */
final class LocationServerExchanges {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocationServerExchanges() {
    }

    /** Answers with {@code status} and a JSON body, with a Location header when {@code location} is given. */
    static void answer(HttpExchange exchange, int status, String location, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** POSTs a JSON notification to {@code url}; Keel's answer. */
    static HttpResponse<String> notify(String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
