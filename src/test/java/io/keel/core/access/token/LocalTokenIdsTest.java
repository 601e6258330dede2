package io.keel.core.access.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.store.CachedTokens.Relation;
import io.keel.core.store.FakeStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local-Token-IDs kept in the store (TS-0003 7.3.2.3 steps 7.2, 8): one per token, shared, until the token expires. */
class LocalTokenIdsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final FakeStore store = new FakeStore();

    private static TokenClaims claims(String tokenId, Instant notAfter) {
        return new TokenClaims("1", tokenId, "Cae1", "//x/id-in", NOW.minusSeconds(1), notAfter, null, List.of(), null, null);
    }

    @Test
    void ts0003_7_3_2_3_7_2_aTokenKeepsItsLocalTokenIdAndEveryInstanceOnTheStoreKnowsIt() {
        LocalTokenIds one = new LocalTokenIds(store);
        LocalTokenIds other = new LocalTokenIds(store); // another instance on the same database

        String lti = one.assign("jwt-a", claims("a@x", NOW.plusSeconds(60)), "Cae1", Relation.NONE, null, NOW);

        assertTrue(lti.matches("[A-Za-z_][A-Za-z0-9_.-]*"), "an xs:NCName: " + lti);
        assertEquals(lti, other.assign("jwt-a", claims("a@x", NOW.plusSeconds(60)), "Cae1", Relation.NONE, null, NOW));
        assertEquals("jwt-a", other.token(lti, NOW));
        assertEquals("jwt-a", other.tokenOfId("a@x", NOW));
        assertNotEquals(lti, one.assign("jwt-b", claims("b@x", NOW.plusSeconds(60)), "Cae1", Relation.NONE, null, NOW));
    }

    @Test
    void ts0003_7_3_2_3_7_1_3_anExpiredTokenIsNoLongerNamedAndIsDropped() {
        LocalTokenIds ids = new LocalTokenIds(store);
        String lti = ids.assign("jwt-a", claims("a@x", NOW.plusSeconds(60)), "Cae1", Relation.NONE, null, NOW);

        assertNull(ids.token(lti, NOW.plusSeconds(60)));
        assertNull(ids.cached("jwt-a", NOW.plusSeconds(61)));
        ids.assign("jwt-b", claims("b@x", NOW.plusSeconds(600)), "Cae1", Relation.NONE, null, NOW.plusSeconds(61));
        assertEquals(1, store.cachedTokens.size(), "the expired one was purged");
    }

    @Test
    void ts0003_7_3_2_3_7_1_5_aRelationGivenLaterIsRecordedWithItsHolder() {
        LocalTokenIds ids = new LocalTokenIds(store);
        ids.assign("jwt-a", claims("a@x", NOW.plusSeconds(60)), "Cae1", Relation.NONE, null, NOW);

        ids.assign("jwt-a", claims("a@x", NOW.plusSeconds(60)), "//x/id-in/Cae1", Relation.INDIRECT, null, NOW);

        assertEquals(Relation.INDIRECT, ids.cached("jwt-a", NOW).relation());
        assertEquals("//x/id-in/Cae1", ids.cached("jwt-a", NOW).holder());
    }
}
