package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery (TS-0004 7.3.3.14, 7.3.3.17, a Retrieve with fu=1): matches in structured-name order, paged by lim/ofst and cut at
 * the CSE's maximum result size (3 here), which it reports as partial content with the offset to resume at.
 */
class DiscoveryOperationTest {
    private static final int MAX_RESULT_SIZE = 3;
    private final CoreFixture cse = new CoreFixture(MAX_RESULT_SIZE);

    DiscoveryOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        for (int i = 1; i <= 5; i++) {
            cse.instance("cin" + i, "cnt1", "i" + i, "v" + i);
        }
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private RequestPrimitive discover(Integer limit, Integer offset) {
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in", ADMIN);
        FilterCriteria fc = req.filterCriteria();
        fc.filterUsage = FilterUsage.DISCOVERY;
        fc.resourceTypes.add(ResourceTypes.CONTENT_INSTANCE);
        fc.limit = limit;
        fc.offset = offset;
        return req;
    }

    private static List<String> instances(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(i -> "cse-in/app1/box/i" + i).toList();
    }

    @Test
    void ts0004_7_3_3_17_10_lim2AnswersTheFirstTwoMatchesAsComplete() {
        ResponsePrimitive rsp = cse.send(discover(2, null));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(Map.of("m2m:uril", instances(1, 2)), rsp.content);
        assertNull(rsp.contentStatus, "the originator's lim cut the list, not the CSE");
        assertNull(rsp.contentOffset);
    }

    @Test
    void ts0004_7_3_3_17_15_ofstSkipsTheMatchesBeforeIt() {
        ResponsePrimitive rsp = cse.send(discover(2, 2));

        assertEquals(Map.of("m2m:uril", instances(2, 3)), rsp.content);
    }

    @Test
    void ts0004_7_3_3_17_10_moreMatchesThanTheMaximumArePartialContentWithTheOffsetToResumeAt() {
        ResponsePrimitive rsp = cse.send(discover(null, null));

        assertEquals(Map.of("m2m:uril", instances(1, 2, 3)), rsp.content);
        assertEquals(ContentStatus.PARTIAL_CONTENT, rsp.contentStatus);
        assertEquals(4, rsp.contentOffset);

        ResponsePrimitive rest = cse.send(discover(null, rsp.contentOffset));

        assertEquals(Map.of("m2m:uril", instances(4, 5)), rest.content);
        assertNull(rest.contentStatus);
    }

    @Test
    void ts0004_7_3_3_17_10_aLimAboveTheMaximumIsCutAtTheMaximumAndSaysSo() {
        ResponsePrimitive rsp = cse.send(discover(10, null));

        assertEquals(Map.of("m2m:uril", instances(1, 2, 3)), rsp.content);
        assertEquals(ContentStatus.PARTIAL_CONTENT, rsp.contentStatus);
        assertEquals(4, rsp.contentOffset);
    }

    @Test
    void ts0004_7_3_3_17_10_exactlyTheMaximumLeftIsComplete() {
        ResponsePrimitive rsp = cse.send(discover(null, 3));

        assertEquals(Map.of("m2m:uril", instances(3, 4, 5)), rsp.content);
        assertNull(rsp.contentStatus);
    }

    @Test
    void ts0004_7_3_3_17_14_lvlLimitsTheDepthBelowTheTarget() {
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in/app1", ADMIN);
        req.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        req.filterCriteria().level = 1;

        assertEquals(Map.of("m2m:uril", List.of("cse-in/app1/box")), cse.send(req).content);
    }

    @Test
    void ts0001_8_1_2_drtUnstructuredAnswersResourceIds() {
        RequestPrimitive req = discover(2, null);
        req.desiredIdResultType = DesiredIdResultType.UNSTRUCTURED;

        assertEquals(Map.of("m2m:uril", List.of("cin1", "cin2")), cse.send(req).content);
    }

    @Test
    void ts0001_8_1_2_rcn6OfADiscoveryAnswersReferences() {
        RequestPrimitive req = discover(1, null);
        req.resultContent = ResultContent.CHILD_RESOURCE_REFERENCES;

        assertEquals(Map.of("m2m:rrl", Map.of("rrf", List.of(Map.of("nm", "i1", "typ", 4, "val", "cse-in/app1/box/i1")))),
                cse.send(req).content);
    }

    @Test
    void ts0004_7_3_3_17_16_aMalformedLabelQueryIs4000() {
        RequestPrimitive req = discover(null, null);
        req.filterCriteria.labelsQuery = "color IN (red";

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    @Test
    void ts0004_7_3_3_14_anOriginatorDiscoversOnlyWhatItMaySee() {
        cse.ae("Cae2", "app2");
        cse.container("cnt2", "Cae2", "other");
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in", "Cae2");
        req.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        req.filterCriteria().resourceTypes.add(ResourceTypes.CONTAINER);

        assertEquals(Map.of("m2m:uril", List.of("cse-in/app2/other")), cse.send(req).content);
    }

    @Test
    void ts0004_7_3_3_14_theAddressesFoundAreCseRelativeAndBelowTheTargetOnly() {
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in/app1/box", ADMIN);
        req.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        req.filterCriteria().limit = 10;

        assertEquals(Map.of("m2m:uril", instances(1, 2, 3)), cse.send(req).content, "no SP or CSE prefix; not the target itself");
    }

    @Test
    void ts0004_7_3_3_14_ipeOnDemandDiscoveryIsNotImplemented5001() {
        RequestPrimitive req = discover(null, null);
        req.filterCriteria().filterUsage = FilterUsage.IPE_ON_DEMAND_DISCOVERY;

        assertRsc(ResponseStatusCode.NOT_IMPLEMENTED, cse.send(req));
    }

    @Test
    void ts0004_7_3_2_1_aDiscoveryWithAChildResultContentIs4000() {
        RequestPrimitive req = discover(null, null);
        req.resultContent = io.keel.primitive.ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    @Test
    void ts0004_7_3_2_1_aDiscoveryForAttributesIs4000() {
        RequestPrimitive req = discover(null, null);
        req.resultContent = ResultContent.ATTRIBUTES;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    @Test
    void ts0004_7_3_2_1_discoveryResultReferencesAreARelease4ResultContent() {
        RequestPrimitive release3 = discover(null, null);
        release3.resultContent = ResultContent.DISCOVERY_RESULT_REFERENCES;
        release3.releaseVersionIndicator = "3";
        RequestPrimitive release4 = discover(null, null);
        release4.resultContent = ResultContent.DISCOVERY_RESULT_REFERENCES;
        release4.releaseVersionIndicator = "4";

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(release3));
        assertRsc(ResponseStatusCode.OK, cse.send(release4));
    }

    // --- applyRelativePath (TS-0004 7.3.3.17.17) ------------------------------------------------------------------

    private RequestPrimitive discoverWithPath(int ty, String path) {
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in", ADMIN);
        req.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        req.filterCriteria().resourceTypes.add(ty);
        req.filterCriteria().applyRelativePath = path;
        return req;
    }

    @Test
    void ts0004_7_3_3_17_17_theRelativePathLeadsFromEachMatchToTheResult() {
        ResponsePrimitive rsp = cse.send(discoverWithPath(ResourceTypes.CONTAINER, "la"));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(Map.of("m2m:uril", instances(5)), rsp.content, "the container's latest instance");
    }

    @Test
    void ts0004_7_3_3_17_17_aResourceReachedFromSeveralMatchesIsInTheResultOnce() {
        assertEquals(Map.of("m2m:uril", List.of("cse-in/app1/box")),
                cse.send(discoverWithPath(ResourceTypes.CONTENT_INSTANCE, "..")).content);
        assertEquals(Map.of("m2m:uril", List.of("cse-in/app1/box")),
                cse.send(discoverWithPath(ResourceTypes.CONTENT_INSTANCE, "../../box/.")).content);
    }

    @Test
    void ts0004_7_3_3_17_17_aPathToNothingAddsNothing() {
        assertEquals(Map.of("m2m:uril", List.of()), cse.send(discoverWithPath(ResourceTypes.CONTAINER, "nothing")).content);
        assertEquals(Map.of("m2m:uril", List.of()),
                cse.send(discoverWithPath(ResourceTypes.CONTAINER, "../../../..")).content, "above the CSEBase");
    }

    @Test
    void ts0004_7_3_3_17_17_limAndOfstPageThroughTheResultOfThePath() {
        RequestPrimitive req = discoverWithPath(ResourceTypes.CONTENT_INSTANCE, ".");
        req.filterCriteria().limit = 2;
        req.filterCriteria().offset = 2;

        assertEquals(Map.of("m2m:uril", instances(2, 3)), cse.send(req).content);
    }

    @Test
    void ts0004_7_3_3_17_17_aRelativePathAppliesToADiscoveryResultOnly() {
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in/app1/box", ADMIN);
        req.filterCriteria().applyRelativePath = "la";

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }
}
