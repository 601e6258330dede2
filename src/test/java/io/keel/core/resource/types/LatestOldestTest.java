package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual {@code <latest>} (la) and {@code <oldest>} (ol) of a container: TS-0004 7.4.27, 7.4.28; TS-0001 9.6.27, 9.6.28. */
class LatestOldestTest {
    private static final String BOX = "cse-in/app1/box";
    private final CoreFixture cse = new CoreFixture();

    LatestOldestTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.container("cnt2", "Cae1", "empty");
        cse.instance("cin1", "cnt1", "i1", "first");
        cse.instance("cin2", "cnt1", "i2", "second");
        cse.instance("cin3", "cnt1", "i3", "third");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive send(Operation op, String to, String from) {
        return cse.send(cse.request(op, to, from));
    }

    private void disableRetrieval(String cnt) {
        cse.tree.stored(cnt).attributes.put("disr", true);
    }

    // --- <latest> ----------------------------------------------------------------------------------------------

    @Test
    void ts0004_7_4_27_2_2_laOfAnEmptyContainerIs4004EvenWithDisr() {
        disableRetrieval("cnt2");

        assertRsc(ResponseStatusCode.NOT_FOUND, send(Operation.RETRIEVE, "cse-in/app1/empty/la", "Cae1"));
        assertRsc(ResponseStatusCode.NOT_FOUND, send(Operation.DELETE, "cse-in/app1/empty/la", "Cae1"));
    }

    @Test
    void ts0004_7_4_27_2_2_withDisrLaIs4005ForThePrivilegedAnd4103ForOthers() {
        disableRetrieval("cnt1");

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, send(Operation.RETRIEVE, BOX + "/la", "Cae1"));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(Operation.RETRIEVE, BOX + "/la", "Cstranger"));
    }

    @Test
    void ts0004_7_4_27_2_3_anUpdateOfLaIs4005WhoeverAsks() {
        Map<String, String> before = cse.snapshot();

        for (String originator : List.of("Cae1", "Cstranger")) {
            assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                    cse.send(cse.update(BOX + "/la", originator, map("m2m:cin", map("lbl", List.of("a"))))));
        }
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_27_2_0_aNotifyToLaIs4005() {
        RequestPrimitive req = cse.request(Operation.NOTIFY, BOX + "/la", "Cae1");
        req.content = map("m2m:sgn", map("vrq", true, "sur", "cse-in/app1/box/sub"));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(req));
    }

    @Test
    void ts0001_9_6_27_aDeleteOfLaTakesTheAccessDecisionOfItsContainer() {
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(Operation.DELETE, BOX + "/la", "Cstranger"));
        assertNotNull(cse.tree.stored("cin3"));
    }

    // --- <oldest> ----------------------------------------------------------------------------------------------

    @Test
    void ts0004_7_4_28_2_1_nothingCanBeCreatedUnderOl4005() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(cse.create(BOX + "/ol", "Cae1",
                ResourceTypes.CONTENT_INSTANCE, map("m2m:cin", map("con", "x")))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_28_2_2_olOfAnEmptyContainerIs4004EvenWithDisr() {
        disableRetrieval("cnt2");

        assertRsc(ResponseStatusCode.NOT_FOUND, send(Operation.RETRIEVE, "cse-in/app1/empty/ol", "Cae1"));
        assertRsc(ResponseStatusCode.NOT_FOUND, send(Operation.DELETE, "cse-in/app1/empty/ol", "Cae1"));
    }

    @Test
    void ts0004_7_4_28_2_2_withDisrOlIs4005ForThePrivilegedAnd4103ForOthers() {
        disableRetrieval("cnt1");

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, send(Operation.RETRIEVE, BOX + "/ol", "Cae1"));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(Operation.RETRIEVE, BOX + "/ol", "Cstranger"));
    }

    @Test
    void ts0004_7_4_28_2_3_anUpdateOfOlIs4005WhoeverAsks() {
        Map<String, String> before = cse.snapshot();

        for (String originator : List.of("Cae1", "Cstranger")) {
            assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                    cse.send(cse.update(BOX + "/ol", originator, map("m2m:cin", map("lbl", List.of("a"))))));
        }
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_28_2_4_withDisrADeleteOfOlIs4005AndDeletesNothing() {
        disableRetrieval("cnt1");
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, send(Operation.DELETE, BOX + "/ol", "Cae1"));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0001_9_6_28_olTakesTheAccessDecisionOfItsContainer() {
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(Operation.RETRIEVE, BOX + "/ol", "Cstranger"));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(Operation.DELETE, BOX + "/ol", "Cstranger"));
        assertNotNull(cse.tree.stored("cin1"));
    }
}
