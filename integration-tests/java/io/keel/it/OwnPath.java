package io.keel.it;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A random first path segment that gives one fixture server URLs of its own. Keel keeps URLs of servers that earlier
 * tests closed (in subscriptions, poa, consultations) and may still use them; the operating system hands a closed
 * server's ephemeral port to the next server that asks, so such a stray request can reach a server of another test.
 * It never carries this server's segment, so the server can tell it apart and leave it out of what the test sees.
 */
record OwnPath(String prefix) {
    /** No segment: every request target is the server's, as for a forward proxy (absolute-form targets). */
    static final OwnPath EVERYTHING = new OwnPath("");

    static OwnPath random() {
        return new OwnPath("/it-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    }

    /** The request target ({@code /path?query}) with the prefix taken off, or null when the target is not under it. */
    String within(String target) {
        if (prefix.isEmpty()) {
            return target;
        }
        if (!target.startsWith(prefix)) {
            return null;
        }
        String rest = target.substring(prefix.length());
        return rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?") ? rest : null;
    }

    /** How an HTTP fixture answers a request that is not under its path: Not Found, and nothing else happens. */
    static void notFound(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("X-M2M-RSC", "4004");
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
    }
}
