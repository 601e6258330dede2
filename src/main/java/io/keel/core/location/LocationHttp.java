package io.keel.core.location;

import io.keel.core.location.NetworkLocationSource.Failure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP exchanges of Keel's Location Server clients (OMA Terminal Location, the 3GPP Monitoring Event API): JSON
 * asked for, each within the timeout, redirects not followed, and a server that cannot be reached is 5103.
 */
final class LocationHttp {
    private final String party;
    private final Duration timeout;
    private final HttpClient http;

    /** @param party how the failures name the server's kind, e.g. "the SCEF/NEF" */
    LocationHttp(String party, Duration timeout) {
        this.party = party;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @param server the server's address, for the failure */
    HttpResponse<String> send(String server, HttpRequest.Builder request) throws Failure {
        try {
            return http.send(request.timeout(timeout).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("5103", party + " " + server + " is not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("5103", "interrupted while asking " + party);
        }
    }
}
