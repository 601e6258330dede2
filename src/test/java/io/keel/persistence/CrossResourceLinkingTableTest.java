package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The crossResourceSubscriptions being created live in the database (TS-0004 7.4.58.2.1 c) ii) 2)): what one transaction
 * commits, a later one (of any instance) reads, until the linking is done or has expired.
 */
class CrossResourceLinkingTableTest {
    @Test
    void ts0004_7_4_58_2_1_linkingIsReadFromTheDatabaseUntilDoneOrExpired() throws Exception {
        Settings s = TempDatabase.settings("keel-crs-linking");
        Instant now = Instant.parse("2026-12-06T01:00:00Z");
        try (ResourceStore store = Database.open(s)) {
            store.write(tx -> {
                tx.crossResourceLinking().linking("crs1", Set.of("/id-mn", "/id-asn"), now, now.plusSeconds(30));
                tx.crossResourceLinking().linking("crs2", Set.of("/id-mn"), now, now.plusSeconds(5));
                return null;
            });
            assertTrue(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs1", "/id-mn", now)));
            assertTrue(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs1", "/id-asn", now.plusSeconds(30))));
            assertFalse(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs1", "/id-other", now)));
            assertFalse(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs1", "/id-mn", now.plusSeconds(31))), "expired");
            store.write(tx -> {
                tx.crossResourceLinking().linked("crs1");
                // A later creation forgets what expired (crs2, left by an instance that stopped).
                tx.crossResourceLinking().linking("crs3", Set.of("/id-mn"), now.plusSeconds(10), now.plusSeconds(40));
                return null;
            });
            assertFalse(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs1", "/id-mn", now)), "done");
            assertFalse(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs2", "/id-mn", now)), "removed once expired");
            assertTrue(store.<Boolean>read(tx -> tx.crossResourceLinking().isLinking("crs3", "/id-mn", now.plusSeconds(10))));
        }
    }
}
