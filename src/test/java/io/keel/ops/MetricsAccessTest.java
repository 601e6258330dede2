package io.keel.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who may read the metrics (README "Operations"). */
class MetricsAccessTest {
    @Test
    void withoutATokenLoopbackClientsOnly() {
        MetricsAccess access = new MetricsAccess(null);
        for (String loopback : new String[] {"127.0.0.1", "127.3.2.1", "0:0:0:0:0:0:0:1", "::1", "::ffff:127.0.0.1"}) {
            assertTrue(access.allows(loopback, null), loopback);
        }
        for (String other : new String[] {"10.0.0.1", "192.168.1.20", "128.0.0.1", "::2", "fe80::1", "localhost", "", null}) {
            assertFalse(access.allows(other, null), other);
        }
        assertFalse(access.allows("10.0.0.1", "Bearer anything"), "no token is set: no bearer token admits");
        assertTrue(new MetricsAccess("").allows("127.0.0.1", null), "an empty setting is no token");
        assertFalse(access.byToken(), "a refused client is refused for its address: 403, no challenge");
    }

    @Test
    void withATokenItsBearersOnlyWhereverTheyAre() {
        MetricsAccess access = new MetricsAccess("s3cret-Token");
        assertTrue(access.allows("10.0.0.1", "Bearer s3cret-Token"));
        assertTrue(access.allows("127.0.0.1", "bearer s3cret-Token"), "the scheme is case-insensitive (RFC 9110 11.1)");
        // A reverse proxy on the same host would make everyone loopback: loopback alone no longer suffices.
        assertFalse(access.allows("127.0.0.1", null));
        assertTrue(access.byToken(), "a refused client is asked for the token: 401 with WWW-Authenticate");
        for (String wrong : new String[] {"Bearer s3cret-token", "Bearer s3cret-Token2", "Bearer s3cret", "Bearer ",
                "Basic s3cret-Token", "s3cret-Token", "Bearers3cret-Token", ""}) {
            assertFalse(access.allows("10.0.0.1", wrong), wrong);
        }
    }
}
