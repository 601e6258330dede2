package io.keel.ops;

import io.keel.core.access.IpRange;
import java.util.List;

/**
 * Who may read the metrics. Without a token: loopback clients only. With {@code keel.ops.token}: whoever presents it
 * as {@code Authorization: Bearer <token>}, and nobody else — a reverse proxy on the same host would otherwise make
 * every client a loopback one.
 */
public final class MetricsAccess {
    private static final List<IpRange> LOOPBACK = List.of(IpRange.parse("127.0.0.0/8", false), IpRange.parse("::1", true));
    private final BearerToken token;

    /** @param token keel.ops.token, or null or empty when none is set */
    public MetricsAccess(String token) {
        this.token = new BearerToken(token);
    }

    boolean allows(String clientAddress, String authorization) {
        if (!token.configured()) {
            return clientAddress != null && LOOPBACK.stream().anyMatch(r -> r.contains(clientAddress));
        }
        return token.presentedIn(authorization);
    }

    /** Whether admission is by token (a refused client is asked to authenticate) rather than by address. */
    boolean byToken() {
        return token.configured();
    }

    /** Why a client was refused, short and the same for every client: nothing about the token. */
    String refusal() {
        return !token.configured() ? "metrics are served to loopback clients only\n"
                : "metrics need the bearer token of keel.ops.token\n";
    }
}
