package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.RecordingOutbound;
import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code <contentInstance>}: TS-0004 7.4.7 and TS-0001 9.6.7, through the dispatcher. */
class ContentInstanceTypeTest {
    private static final String BOX = "cse-in/app1/box";
    private final CoreFixture cse = new CoreFixture();

    ContentInstanceTypeTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive createCin(Map<String, Object> attributes) {
        return cse.send(cse.create(BOX, "Cae1", ResourceTypes.CONTENT_INSTANCE, map("m2m:cin", attributes)));
    }

    @Test
    void ts0004_7_4_7_1_contentIsMandatory4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = createCin(map("cnf", "text/plain:0"));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_7_1_whatTheCseSetsOrTheTypeDoesNotHaveIs4000() {
        Map<String, String> before = cse.snapshot();

        for (Map<String, Object> attributes : List.of(map("con", "x", "cs", 1), map("con", "x", "st", 3),
                map("con", "x", "ct", "20250101T000000"), map("con", "x", "acpi", List.of()))) {
            assertRsc(ResponseStatusCode.BAD_REQUEST, createCin(attributes));
        }
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_7_1_contentRefIsRefusedAsUnsupportedNotUnknown() {
        ResponsePrimitive rsp = createCin(map("con", "x", "conr", List.of(map("nm", "prev", "val", "cin1"))));

        assertRsc(ResponseStatusCode.NOT_IMPLEMENTED, rsp);
        assertTrue(String.valueOf(rsp.content).contains("not supported"), String.valueOf(rsp.content));
    }

    @Test
    void ts0004_7_4_7_1_theOptionalAttributesAreStoredAndAnswered() {
        ResponsePrimitive rsp = createCin(map("rn", "i1", "con", "21", "cnf", "text/plain:0", "or", "http://onto.example/t",
                "lbl", List.of("unit/C"), "cr", null));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> cin = body(rsp, "m2m:cin");
        assertEquals("text/plain:0", cin.get("cnf"));
        assertEquals("http://onto.example/t", cin.get("or"));
        assertEquals(List.of("unit/C"), cin.get("lbl"));
        assertEquals("Cae1", cin.get("cr"));
        assertEquals("21", cin.get("con"));
    }

    @Test
    void ts0004_7_4_7_2_1_contentSizeIsTheSizeOfTheContentInBytes() {
        ResponsePrimitive rsp = createCin(map("rn", "i1", "con", "24 °C"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(6L, body(rsp, "m2m:cin").get("cs"), "° takes two bytes in UTF-8");
        assertEquals(6L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_4_7_2_1_mbsRemovesTheOldestInstancesUntilTheNewOneFits() {
        cse.tree.stored("cnt1").attributes.put("mbs", 10L);
        cse.instance("cin1", "cnt1", "i1", "aaaa");
        cse.instance("cin2", "cnt1", "i2", "bbbb");

        assertRsc(ResponseStatusCode.CREATED, createCin(map("rn", "i3", "con", "cccccc")));

        assertNull(cse.tree.stored("cin1"), "4 + 4 + 6 exceeds 10");
        assertNotNull(cse.tree.stored("cin2"), "4 + 6 fits: no more goes than needed");
        assertEquals(2L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(10L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_4_7_2_1_removingTheOldestNotifiesNoSubscriberButADeleteDoes() throws InterruptedException {
        cse.tree.stored("Cae1").attributes.put("poa", List.of("http://ae1.example/n"));
        cse.tree.stored("cnt1").attributes.put("mni", 1L);
        cse.instance("cin1", "cnt1", "i1", "old");
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create(BOX, "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("rn", "sub", "nu", List.of("Cae1"), "enc", map("net", List.of(4)))))));

        assertRsc(ResponseStatusCode.CREATED, createCin(map("rn", "i2", "con", "new")));
        assertNull(cse.tree.stored("cin1"));
        String i2 = cse.tree.findByStructuredName(BOX + "/i2").ri;
        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, BOX + "/i2", "Cae1")));

        // The only notification is the explicit delete's: had the trim notified, its would have come first.
        RecordingOutbound.Sent first = cse.outbound.next();
        assertNotNull(first, "the explicit delete notifies");
        assertTrue(String.valueOf(first.request().content).contains(i2), String.valueOf(first.request().content));
        // not the trimmed instance (con "old"): generated IDs may contain any text, its content cannot
        assertFalse(String.valueOf(first.request().content).contains("con=old"), String.valueOf(first.request().content));
        assertTrue(String.valueOf(first.request().content).contains("con=new"), String.valueOf(first.request().content));
    }

    @Test
    void ts0004_7_4_7_2_1_miaBoundsTheExpirationTimeOfANewInstance() {
        cse.tree.stored("cnt1").attributes.put("mia", 60L);

        ResponsePrimitive rsp = createCin(map("rn", "i1", "con", "x", "et", "20990101T000000"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Resource cin = cse.tree.findByStructuredName(BOX + "/i1");
        assertEquals(Duration.ofSeconds(60), Duration.between(cin.ct, cin.et));
    }

    @Test
    void ts0004_7_4_7_2_3_anUpdateIs4005EvenForAnOriginatorWithoutPrivilege() {
        cse.instance("cin1", "cnt1", "i1", "x");
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                cse.send(cse.update(BOX + "/i1", "Cstranger", map("m2m:cin", map("lbl", List.of("a"))))));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                cse.send(cse.update(BOX + "/i1", "Cae1", map("m2m:cin", map("lbl", List.of("a"))))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_7_2_4_aDeleteUpdatesTheContainersCounters() {
        cse.instance("cin1", "cnt1", "i1", "abc");
        cse.instance("cin2", "cnt1", "i2", "de");

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, BOX + "/i1", "Cae1")));

        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(2L, cse.tree.stored("cnt1").get("cbs"));
    }
}
