package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.primitive.Operation;
import io.keel.primitive.Preconditions;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive.ConditionalOutcome;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retrieve (TS-0004 7.3.3.6): representations, la/ol (7.4.6), partial retrieve, rcn and conditional requests. */
class RetrieveOperationTest {
    private final CoreFixture cse = new CoreFixture();

    RetrieveOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.instance("cin1", "cnt1", "i1", "first");
        cse.instance("cin2", "cnt1", "i2", "second");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private RequestPrimitive retrieve(String to, String from) {
        return cse.request(Operation.RETRIEVE, to, from);
    }

    @Test
    void ts0004_7_3_3_6_aRetrieveAnswersTheRepresentationWithItsValidators() {
        ResponsePrimitive rsp = cse.send(retrieve("cse-in/app1/box", "Cae1"));

        assertRsc(ResponseStatusCode.OK, rsp);
        Map<String, Object> cnt = body(rsp, "m2m:cnt");
        assertEquals("cnt1", cnt.get("ri"));
        assertEquals("box", cnt.get("rn"));
        assertEquals(2L, cnt.get("cni"));
        Resource stored = cse.tree.stored("cnt1");
        assertEquals(stored.lt, rsp.lastModified);
        assertEquals(ConditionalRequests.entityTag(stored), rsp.entityTag);
    }

    @Test
    void ts0004_7_3_3_15_aRetrieveWithoutRetrievePrivilegeIs4103() {
        ResponsePrimitive rsp = cse.send(retrieve("cse-in/app1/box", "Cstranger"));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp);
        assertNull(rsp.entityTag);
    }

    @Test
    void ts0004_7_4_27_1_laIsTheNewestContentInstance() {
        ResponsePrimitive rsp = cse.send(retrieve("cse-in/app1/box/la", "Cae1"));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals("cin2", body(rsp, "m2m:cin").get("ri"));
        assertEquals("second", body(rsp, "m2m:cin").get("con"));
    }

    @Test
    void ts0004_7_4_28_1_olIsTheOldestContentInstance() {
        ResponsePrimitive rsp = cse.send(retrieve("cnt1/ol", "Cae1"));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals("cin1", body(rsp, "m2m:cin").get("ri"));
    }

    @Test
    void ts0004_7_4_27_2_2_laOfAnEmptyContainerIs4004() {
        cse.container("cnt2", "Cae1", "empty");

        assertRsc(ResponseStatusCode.NOT_FOUND, cse.send(retrieve("cse-in/app1/empty/la", "Cae1")));
    }

    @Test
    void ts0004_7_4_7_2_2_instancesOfAContainerWithDisrCannotBeRetrieved4005() {
        cse.tree.stored("cnt1").attributes.put("disr", true);

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(retrieve("cse-in/app1/box/la", "Cae1")));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(retrieve("cse-in/app1/box/i1", "Cae1")));
        assertRsc(ResponseStatusCode.OK, cse.send(retrieve("cse-in/app1/box", "Cae1")));
    }

    @Test
    void ts0001_9_6_27_laTakesTheAccessDecisionOfItsContainer() {
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(retrieve("cse-in/app1/box/la", "Cstranger")));
    }

    // --- partial retrieve --------------------------------------------------------------------------------------

    @Test
    void ts0004_7_3_3_6_aPartialRetrieveAnswersTheListedAttributesOnly() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.content = map("m2m:atrl", List.of("rn", "cni"));

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(Map.of("rn", "box", "cni", 2L), body(rsp, "m2m:cnt"));
    }

    @Test
    void ts0004_7_3_3_6_aPartialRetrieveOfAnAttributeTheTypeDoesNotHaveIs4000() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.content = map("m2m:atrl", List.of("rn", "con"));

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    @Test
    void ts0004_7_3_3_6_aPartialRetrieveWithChildResultsIs4000() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.content = map("m2m:atrl", List.of("rn"));
        req.resultContent = ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    // --- result content ----------------------------------------------------------------------------------------

    @Test
    void ts0004_7_3_3_6_rcn4AnswersTheAttributesWithTheChildResources() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.resultContent = ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;

        Map<String, Object> cnt = body(cse.send(req), "m2m:cnt");

        assertEquals("cnt1", cnt.get("ri"));
        List<?> instances = (List<?>) cnt.get("m2m:cin");
        assertEquals(List.of("cin1", "cin2"), instances.stream().map(c -> ((Map<?, ?>) c).get("ri")).toList());
    }

    @Test
    void ts0004_7_3_3_6_rcn6AnswersChildReferencesOnly() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.resultContent = ResultContent.CHILD_RESOURCE_REFERENCES;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(Map.of("m2m:rrl", Map.of("rrf", List.of(
                Map.of("nm", "i1", "typ", 4, "val", "cse-in/app1/box/i1"),
                Map.of("nm", "i2", "typ", 4, "val", "cse-in/app1/box/i2")))), rsp.content);
    }

    @Test
    void ts0004_7_3_3_17_10_childListsAreCutAtTheMaximumResultSizeAndSaySo() {
        try (CoreFixture small = new CoreFixture(1)) {
            small.ae("Cae1", "app1");
            small.container("cnt1", "Cae1", "box");
            small.instance("cin1", "cnt1", "i1", "first");
            small.instance("cin2", "cnt1", "i2", "second");
            RequestPrimitive req = small.request(Operation.RETRIEVE, "cse-in/app1/box", "Cae1");
            req.resultContent = ResultContent.CHILD_RESOURCE_REFERENCES;

            ResponsePrimitive rsp = small.send(req);

            assertEquals(1, ((List<?>) body(rsp, "m2m:rrl").get("rrf")).size());
            assertEquals(io.keel.primitive.ContentStatus.PARTIAL_CONTENT, rsp.contentStatus);
        }
    }

    @Test
    void ts0004_7_3_2_1_aRetrieveDoesNotTakeRcn0() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.resultContent = ResultContent.NOTHING;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    // --- conditional retrieval (filter criteria, fu=2) and HTTP preconditions -----------------------------------

    @Test
    void ts0004_7_3_3_1_aTargetNotMeetingTheFilterCriteriaIs4004() {
        cse.tree.stored("cnt1").lbl.add("hot");
        RequestPrimitive cold = retrieve("cse-in/app1/box", "Cae1");
        cold.filterCriteria().labels.add("cold");
        RequestPrimitive hot = retrieve("cse-in/app1/box", "Cae1");
        hot.filterCriteria().labels.add("hot");

        assertRsc(ResponseStatusCode.NOT_FOUND, cse.send(cold));
        assertRsc(ResponseStatusCode.OK, cse.send(hot));
    }

    @Test
    void ts0009_6_4_6_ifNoneMatchWithTheCurrentEtagIsNotModified304() {
        String etag = cse.send(retrieve("cse-in/app1/box", "Cae1")).entityTag;
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.preconditions = new Preconditions(null, List.of('"' + etag + '"'), null, null);

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(ConditionalOutcome.NOT_MODIFIED, rsp.conditionalOutcome);
        assertNull(rsp.content);
        assertEquals(etag, rsp.entityTag);
    }

    @Test
    void ts0009_6_4_6_ifNoneMatchWithAnOlderEtagAnswersTheRepresentation() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.preconditions = new Preconditions(null, List.of("\"cnt1-1-0\""), null, null);

        ResponsePrimitive rsp = cse.send(req);

        assertNull(rsp.conditionalOutcome);
        assertEquals("cnt1", body(rsp, "m2m:cnt").get("ri"));
    }

    @Test
    void ts0009_6_4_6_ifModifiedSinceTheLastModificationIsNotModified304() {
        Resource cnt = cse.tree.stored("cnt1");
        RequestPrimitive unchanged = retrieve("cse-in/app1/box", "Cae1");
        unchanged.preconditions = new Preconditions(null, null, cnt.lt.truncatedTo(ChronoUnit.SECONDS), null);
        RequestPrimitive changed = retrieve("cse-in/app1/box", "Cae1");
        changed.preconditions = new Preconditions(null, null, cnt.lt.minusSeconds(1), null);

        assertEquals(ConditionalOutcome.NOT_MODIFIED, cse.send(unchanged).conditionalOutcome);
        assertNotNull(cse.send(changed).content);
    }

    @Test
    void ts0009_6_4_6_ifMatchWithAStaleEtagIsPreconditionFailed412() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.preconditions = new Preconditions(List.of("\"cnt1-1-0\""), null, null, null);

        ResponsePrimitive rsp = cse.send(req);

        assertEquals(ConditionalOutcome.PRECONDITION_FAILED, rsp.conditionalOutcome);
        assertEquals(Set.of("m2m:dbg"), ((Map<?, ?>) rsp.content).keySet());
    }

    // --- lim and ofst select among the children, as in discovery (TS-0004 7.3.3.17.10, 7.3.3.17.15) ---------------

    private List<?> childReferences(Integer lim, Integer ofst) {
        cse.instance("cin3", "cnt1", "i3", "third");
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.resultContent = ResultContent.CHILD_RESOURCE_REFERENCES;
        req.filterCriteria().limit = lim;
        req.filterCriteria().offset = ofst;
        ResponsePrimitive rsp = cse.send(req);
        assertRsc(ResponseStatusCode.OK, rsp);
        assertNull(rsp.contentStatus, "cut by the originator's lim, not by the CSE: complete");
        return ((List<?>) body(rsp, "m2m:rrl").get("rrf")).stream().map(r -> ((Map<?, ?>) r).get("nm")).toList();
    }

    @Test
    void ts0004_7_3_3_17_10_limCapsTheChildrenOfARetrieve() {
        assertEquals(List.of("i1", "i2"), childReferences(2, null));
    }

    @Test
    void ts0004_7_3_3_17_15_ofstSkipsChildrenOfARetrieveAndOneIsTheFirst() {
        assertEquals(List.of("i1", "i2", "i3"), childReferences(null, 1));
        assertEquals(List.of("i2", "i3"), childReferences(null, 2));
        assertEquals(List.of("i3"), childReferences(1, 3));
    }

    @Test
    void ts0004_7_3_3_17_10_limCapsTheNestedChildrenOfRcn4() {
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.resultContent = ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;
        req.filterCriteria().limit = 1;

        Map<String, Object> cnt = body(cse.send(req), "m2m:cnt");

        assertEquals(List.of("cin1"), ((List<?>) cnt.get("m2m:cin")).stream().map(c -> ((Map<?, ?>) c).get("ri")).toList());
    }

    @Test
    void ts0004_7_3_3_6_withoutRcnAllAttributesAreAnswered() {
        Map<String, Object> cnt = body(cse.send(retrieve("cse-in/app1/box", "Cae1")), "m2m:cnt");

        assertTrue(cnt.keySet().containsAll(List.of("ty", "ri", "rn", "pi", "ct", "lt", "et", "st", "cni", "cbs")), cnt.toString());
        assertNull(cnt.get("m2m:cin"), "no children");
    }

    @Test
    void ts0004_7_3_3_17_9_anAttributeWithItsOwnConditionIsNoAttributeCondition4000() {
        for (String name : List.of("ct", "lt", "st", "et", "lbl", "ty", "cs", "cnf")) {
            RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
            req.filterCriteria().attributes.add(new io.keel.primitive.FilterCriteria.AttributeCondition(name, "1"));

            assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
        }
    }

    @Test
    void ts0004_7_3_3_17_11_withoutFilterUsageTheFilterCriteriaMakeAPlainRetrieveOfTheTarget() {
        cse.tree.stored("cnt1").lbl.add("hot");
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.filterCriteria().labels.add("hot");
        req.filterCriteria().resourceTypes.add(io.keel.core.resource.ResourceTypes.CONTAINER);

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals("cnt1", body(rsp, "m2m:cnt").get("ri"), "the target's representation, no list of matches");
    }

    @Test
    void ts0004_7_3_3_17_0_conditionsOfDifferentTagsAreAndedByDefault() {
        cse.tree.stored("cnt1").lbl.add("hot");
        RequestPrimitive req = retrieve("cse-in/app1/box", "Cae1");
        req.filterCriteria().labels.add("hot");
        req.filterCriteria().resourceTypes.add(io.keel.core.resource.ResourceTypes.AE);

        assertRsc(ResponseStatusCode.NOT_FOUND, cse.send(req));
    }
}
