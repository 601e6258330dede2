package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import io.keel.core.operation.CoreFixture;
import io.keel.primitive.Serialization;
import io.keel.primitive.SharedTree;
import io.keel.serialization.ContentCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The representation one event's notifications share ({@link SharedTree}): encoded once per serialization, fitted once
 * per release, and every receiver still gets exactly what it would get from a plain copy: its release's attributes,
 * its serialization, its own subscriptionReference.
 */
class SharedRepresentationTest {
    private final CoreFixture core = new CoreFixture();
    private final ReleaseView releases = new ReleaseView(core.types);

    @AfterEach
    void close() {
        core.close();
    }

    private static Map<String, Object> rep() {
        Map<String, Object> cin = new LinkedHashMap<>();
        cin.put("rn", "cin1");
        cin.put("con", "21.5");
        cin.put("dgt", "20261206T100000"); // a Release 4 attribute
        return Map.of("m2m:cin", cin);
    }

    private static Map<String, Object> notification(Object rep, String sur) {
        Map<String, Object> nev = new LinkedHashMap<>();
        nev.put("rep", rep);
        nev.put("net", 3);
        Map<String, Object> sgn = new LinkedHashMap<>();
        sgn.put("nev", nev);
        sgn.put("sur", sur);
        return Map.of("m2m:sgn", sgn);
    }

    @Test
    void aSharedRepresentationIsEncodedAsItsPlainCopyInEverySerialization() {
        SharedTree shared = SharedTree.of(rep());
        for (Serialization s : Serialization.values()) {
            assertArrayEquals(ContentCodec.encode(notification(rep(), "/id-in/sub1"), s),
                    ContentCodec.encode(notification(shared, "/id-in/sub1"), s), s.name());
        }
        assertEquals(ContentCodec.toJson(notification(rep(), "/id-in/sub1")), ContentCodec.toJson(notification(shared, "/id-in/sub1")));
    }

    @Test
    void aSharedRepresentationIsSerializedOnceForAllItsNotifications() {
        SharedTree shared = SharedTree.of(rep());
        byte[] first = ContentCodec.encode(notification(shared, "/id-in/sub1"), Serialization.JSON);
        Object kept = shared.kept(Serialization.JSON, () -> fail("encoded once, by the first notification"));

        byte[] second = ContentCodec.encode(notification(shared, "/id-in/sub2"), Serialization.JSON);

        assertSame(kept, shared.kept(Serialization.JSON, () -> fail("reused, not encoded again")));
        assertNotEquals(new String(first), new String(second), "each with its own subscriptionReference");
        assertEquals(new String(first).replace("sub1", "sub2"), new String(second));
    }

    @Test
    void ts0001_8_1_2_receiversOfDifferentReleasesGetDifferentBodiesEachFittedOnce() {
        SharedTree shared = SharedTree.of(rep());

        Object forRelease3 = releases.fit(notification(shared, "/id-in/sub1"), "3");
        Object forRelease3Again = releases.fit(notification(shared, "/id-in/sub2"), "3");
        Object forRelease4 = releases.fit(notification(shared, "/id-in/sub3"), "4");

        assertEquals(releases.fit(notification(rep(), "/id-in/sub1"), "3"), forRelease3, "as a plain copy is fitted");
        assertSame(repOf(forRelease3), repOf(forRelease3Again), "fitted once per release");
        assertEquals(Map.of("m2m:cin", Map.of("rn", "cin1", "con", "21.5")), repOf(forRelease3), "no dgt for Release 3");
        assertEquals(rep(), repOf(forRelease4), "dgt for Release 4");
        assertNotEquals(new String(ContentCodec.encode(forRelease3, Serialization.JSON)),
                new String(ContentCodec.encode(forRelease4, Serialization.JSON)).replace("sub3", "sub1"));
    }

    private static Object repOf(Object notification) {
        Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) notification).get("m2m:sgn");
        return ((Map<?, ?>) sgn.get("nev")).get("rep");
    }

    @Test
    void aSharedRepresentationCannotBeChangedByOneOfItsReceivers() {
        SharedTree shared = SharedTree.of(rep());
        try {
            shared.put("m2m:cnt", List.of());
            fail("read-only");
        } catch (UnsupportedOperationException expected) {
            assertEquals(rep(), shared);
        }
    }
}
