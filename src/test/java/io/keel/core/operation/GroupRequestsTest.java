package io.keel.core.operation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.resource.Resource;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Group Request Identifiers a Hosting CSE keeps (TS-0004 7.3.3.2): per target, until the request expires. */
class GroupRequestsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static Route target(String ri) {
        Resource r = new Resource();
        r.ri = ri;
        return new Route.Local(r);
    }

    private static RequestPrimitive request(String gid, Instant ret) {
        RequestPrimitive req = new RequestPrimitive();
        req.groupRequestIdentifier = gid;
        req.requestExpirationTimestamp = ret;
        return req;
    }

    private static void assertExists(Runnable r) {
        assertEquals(ResponseStatusCode.GROUP_REQUEST_IDENTIFIER_EXISTS, assertThrows(OneM2MException.class, r::run).rsc());
    }

    @Test
    void ts0004_7_3_3_2_anIdentifierIsKeptUntilTheRequestExpires() {
        GroupRequests kept = new GroupRequests(Duration.ofMinutes(10), 100);
        kept.record(request("g1", NOW.plusSeconds(5)), target("r1"), NOW);

        assertExists(() -> kept.record(request("g1", null), target("r1"), NOW.plusSeconds(4)));
        assertDoesNotThrow(() -> kept.record(request("g1", null), target("r1"), NOW.plusSeconds(6)), "expired: forgotten");
    }

    @Test
    void ts0004_7_3_3_2_withoutExpirationTheLocalPolicyDecidesHowLong() {
        GroupRequests kept = new GroupRequests(Duration.ofMinutes(10), 100);
        kept.record(request("g1", null), target("r1"), NOW);

        assertExists(() -> kept.record(request("g1", null), target("r1"), NOW.plusSeconds(599)));
        assertDoesNotThrow(() -> kept.record(request("g1", null), target("r1"), NOW.plusSeconds(601)));
    }

    @Test
    void ts0004_7_3_3_2_aRequestWithoutIdentifierIsNotRecorded() {
        GroupRequests kept = new GroupRequests(Duration.ofMinutes(10), 100);
        kept.record(request(null, null), target("r1"), NOW);

        assertDoesNotThrow(() -> kept.record(request(null, null), target("r1"), NOW));
    }

    @Test
    void theOldestEntriesGoBeyondTheMaximumSoThatOriginatorsCannotFillTheMemory() {
        GroupRequests kept = new GroupRequests(Duration.ofMinutes(10), 2);
        kept.record(request("g1", null), target("r1"), NOW);
        kept.record(request("g2", null), target("r1"), NOW);
        kept.record(request("g3", null), target("r1"), NOW);

        assertDoesNotThrow(() -> kept.record(request("g1", null), target("r1"), NOW), "the oldest was dropped");
        assertExists(() -> kept.record(request("g3", null), target("r1"), NOW));
    }
}
