package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.primitive.Preconditions;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive.ConditionalOutcome;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Update (TS-0004 7.3.3.4, 7.3.3.7, 7.3.3.12): updatable attributes, state tag and lt, et, acpi changes (TS-0001 9.6.1.3.2), rcn. */
class UpdateOperationTest {
    private final CoreFixture cse = new CoreFixture();

    UpdateOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.instance("cin1", "cnt1", "i1", "first");
        cse.instance("cin2", "cnt1", "i2", "second");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private RequestPrimitive updateBox(String from, Map<String, Object> attributes) {
        return cse.update("cse-in/app1/box", from, map("m2m:cnt", attributes));
    }

    @Test
    void ts0004_7_3_3_7_anUpdateStoresTheAttributeAndAdvancesStAndLt() {
        Resource before = cse.tree.find("cnt1");

        ResponsePrimitive rsp = cse.send(updateBox("Cae1", map("mni", 10)));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertEquals(10L, body(rsp, "m2m:cnt").get("mni"));
        Resource after = cse.tree.stored("cnt1");
        assertEquals(10L, after.get("mni"));
        assertEquals(before.st + 1, after.st);
        assertTrue(after.lt.isAfter(before.lt));
        assertEquals(ConditionalRequests.entityTag(after), rsp.entityTag);
    }

    @Test
    void ts0004_7_3_3_12_rcn9OfAnUpdateAnswersTheModifiedAttributesOnly() {
        RequestPrimitive req = updateBox("Cae1", map("mni", 10, "lbl", List.of("hot")));
        req.resultContent = ResultContent.MODIFIED_ATTRIBUTES;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        Map<String, Object> modified = body(rsp, "m2m:cnt");
        assertEquals(Set.of("mni", "lbl", "lt", "st"), modified.keySet());
        assertEquals(10L, modified.get("mni"));
        assertEquals(cse.tree.stored("cnt1").st, modified.get("st"));
    }

    @Test
    void ts0004_7_3_3_4_anNpAttributeOnlyTheCseSetsIs4000AndNothingChanges() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(updateBox("Cae1", map("cni", 0))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_15_anUpdateWithoutUpdatePrivilegeIs4103() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(updateBox("Cstranger", map("mni", 10))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0001_9_6_6_aLoweredMniRemovesTheOldestInstancesAtOnce() {
        ResponsePrimitive rsp = cse.send(updateBox("Cae1", map("mni", 1)));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertNull(cse.tree.stored("cin1"));
        assertNotNull(cse.tree.stored("cin2"));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(6L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_4_7_2_3_aContentInstanceCannotBeUpdated4005() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.update("cse-in/app1/box/i1", "Cae1", map("m2m:cin", map("lbl", List.of("x")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_27_2_3_theVirtualLatestCannotBeUpdated4005() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.update("cse-in/app1/box/la", "Cae1", map("m2m:cin", map("lbl", List.of("x")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_3_2_3_ofTheCseBaseOnlyAcpiCanBeUpdated4005() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.update("cse-in", ADMIN, map("m2m:cb", map("lbl", List.of("x")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0009_6_4_6_anUpdateWithAStaleIfMatchIs412AndChangesNothing() {
        Map<String, String> before = cse.snapshot();
        RequestPrimitive req = updateBox("Cae1", map("mni", 10));
        req.preconditions = new Preconditions(List.of("\"cnt1-1-0\""), null, null, null);

        ResponsePrimitive rsp = cse.send(req);

        assertEquals(ConditionalOutcome.PRECONDITION_FAILED, rsp.conditionalOutcome);
        assertEquals(before, cse.snapshot());
    }

    // --- acpi (TS-0001 9.6.1.3.2): the policies' selfPrivileges decide ------------------------------------------

    /** acp1 lets Cae1 use the container (pv) but only {@code managers} manage acp1 (pvs); acp2 is another policy. */
    private void governBox(List<String> managers) {
        cse.acp("acp1", "Cae1", "policy1", List.of("Cae1"), managers);
        cse.acp("acp2", "Cae1", "policy2", List.of("Cae1"), List.of("Cae1"));
        cse.tree.stored("cnt1").attributes.put("acpi", List.of("acp1"));
    }

    @Test
    void ts0001_9_6_1_3_2_anAcpiChangeNeedsUpdateInTheSelfPrivilegesOfTheCurrentPolicies() {
        governBox(List.of("Cmanager"));
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive acpiChange = cse.send(updateBox("Cae1", map("acpi", List.of("acp2"))));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, acpiChange);
        assertEquals(before, cse.snapshot());
        assertEquals(List.of(), cse.policyIndex.calls);
        assertRsc(ResponseStatusCode.UPDATED, cse.send(updateBox("Cae1", map("mni", 10)))); // pv allows other updates
    }

    @Test
    void ts0001_9_6_1_3_2_anAcpiChangeAllowedByPvsIsStoredAndIndexedForTheResourceAndItsChildren() {
        governBox(List.of("Cae1"));

        ResponsePrimitive rsp = cse.send(updateBox("Cae1", map("acpi", List.of("acp2"))));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertEquals(List.of("acp2"), cse.tree.stored("cnt1").get("acpi"));
        assertEquals(List.of("cnt1 -> [acp2]", "children of cnt1 -> [acp2]"), cse.policyIndex.calls);
    }

    @Test
    void ts0001_9_6_1_3_2_acpiIsUpdatedAlone4000() {
        governBox(List.of("Cae1"));
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(updateBox("Cae1", map("acpi", List.of("acp2"), "mni", 10)));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertEquals(before, cse.snapshot());
        assertEquals(List.of(), cse.policyIndex.calls);
    }

    @Test
    void ts0004_7_3_3_4_acpiNamingNoPolicyIs4000() {
        Instant lt = cse.tree.stored("cnt1").lt;

        ResponsePrimitive rsp = cse.send(updateBox("Cae1", map("acpi", List.of("cin1"))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertNull(cse.tree.stored("cnt1").get("acpi"));
        assertEquals(lt, cse.tree.stored("cnt1").lt);
    }

    // --- TS-0004 7.3.3.4 and 7.3.3.7: what an update changes, and what it may not -----------------------------------

    @Test
    void ts0004_7_3_3_7_attributesNotInTheContentStayAsTheyWere() {
        cse.tree.stored("cnt1").attributes.put("mbs", 500L);
        cse.tree.stored("cnt1").lbl.add("kept");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(updateBox("Cae1", map("mni", 10))));

        Resource after = cse.tree.stored("cnt1");
        assertEquals(500L, after.get("mbs"));
        assertEquals(List.of("kept"), after.lbl);
        assertEquals(2L, after.get("cni"));
    }

    @Test
    void ts0004_7_3_3_7_anOptionalAttributeTheResourceLacksIsAdded() {
        assertNull(cse.tree.stored("cnt1").get("mbs"));

        assertRsc(ResponseStatusCode.UPDATED, cse.send(updateBox("Cae1", map("mbs", 700))));

        assertEquals(700L, cse.tree.stored("cnt1").get("mbs"));
    }

    @Test
    void ts0004_7_3_3_7_nullDeletesAnOptionalAttribute() {
        cse.tree.stored("cnt1").attributes.put("mbs", 500L);
        cse.tree.stored("cnt1").lbl.add("gone");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(updateBox("Cae1", map("mbs", null, "lbl", null))));

        Resource after = cse.tree.stored("cnt1");
        assertNull(after.get("mbs"));
        assertEquals(List.of(), after.lbl);
    }

    @Test
    void ts0004_7_3_3_7_nullForAnAttributeOfMultiplicityOneIs4000AndNothingChanges() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update("cse-in/app1", "Cae1", map("m2m:ae", map("rr", null)))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(updateBox("Cae1", map("et", null))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_4_anEtInThePastIs4000AndNothingChanges() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(updateBox("Cae1", map("et", "20200101T000000"))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_4_anEtEarlierThanThatOfAChildIs4000AndNothingChanges() {
        cse.tree.stored("cin1").et = Instant.parse("2090-01-01T00:00:00Z");
        Map<String, String> before = cse.snapshot();
        Instant boxEt = cse.tree.stored("cnt1").et;

        ResponsePrimitive rsp = cse.send(updateBox("Cae1", map("et", "20950101T000000")));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(String.valueOf(rsp.content).contains("cse-in/app1/box/i2"), String.valueOf(rsp.content));
        assertEquals(before, cse.snapshot());
        assertEquals(boxEt, cse.tree.stored("cnt1").et);
    }

    @Test
    void ts0004_7_3_3_4_anEarlierEtNoChildOutlivesIsTaken() {
        cse.tree.stored("cin1").et = Instant.parse("2090-01-01T00:00:00Z");
        cse.tree.stored("cin2").et = Instant.parse("2095-01-01T00:00:00Z");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(updateBox("Cae1", map("et", "20950101T000000"))));

        assertEquals(Instant.parse("2095-01-01T00:00:00Z"), cse.tree.stored("cnt1").et);
    }

    @Test
    void ts0004_7_3_3_12_rcn0OfAnUpdateAnswersNoContent() {
        RequestPrimitive req = updateBox("Cae1", map("mni", 10));
        req.resultContent = ResultContent.NOTHING;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertNull(rsp.content);
        assertEquals(10L, cse.tree.stored("cnt1").get("mni"));
    }

    @Test
    void ts0004_7_3_3_12_rcn9ShowsADeletedAttributeAsNull() {
        cse.tree.stored("cnt1").attributes.put("mbs", 500L);
        RequestPrimitive req = updateBox("Cae1", map("mbs", null));
        req.resultContent = ResultContent.MODIFIED_ATTRIBUTES;

        ResponsePrimitive rsp = cse.send(req);

        Map<String, Object> modified = body(rsp, "m2m:cnt");
        assertTrue(modified.containsKey("mbs"), modified.toString());
        assertNull(modified.get("mbs"));
    }

    @Test
    void ts0004_7_3_2_1_anUpdateDoesNotTakeChildResultContents4000() {
        RequestPrimitive req = updateBox("Cae1", map("mni", 10));
        req.resultContent = ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
        assertEquals(before, cse.snapshot());
    }
}
