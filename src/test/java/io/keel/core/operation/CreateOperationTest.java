package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Create (TS-0004 7.3.3.3, 7.3.3.5, 7.3.3.12) and the resource-specific rules of 7.4.x, through the dispatcher. */
class CreateOperationTest {
    private final CoreFixture cse = new CoreFixture();

    CreateOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    @Test
    void ts0004_7_4_6_2_1_aContainerIsCreatedWithItsCountersAndAnsweredWithItsRepresentation() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cnt", map("rn", "box2", "mni", 5))));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals("cse-in/app1/box2", rsp.contentLocation);
        Map<String, Object> cnt = body(rsp, "m2m:cnt");
        assertEquals("box2", cnt.get("rn"));
        assertEquals("Cae1", cnt.get("pi"));
        assertEquals(0L, cnt.get("cni"));
        Resource stored = cse.tree.findByStructuredName("cse-in/app1/box2");
        assertEquals(cnt.get("ri"), stored.ri);
        assertEquals(ResourceTypes.CONTAINER, stored.ty);
        assertEquals(5L, stored.get("mni"));
        assertEquals(0L, stored.get("cbs"));
        assertEquals("Cae1", stored.origin);
    }

    @Test
    void ts0004_7_3_3_3_aCreateUnderAContentInstanceIs4108AndStoresNothing() {
        cse.instance("cin1", "cnt1", "i1", "21");
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box/i1", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cnt", map("rn", "inner"))));

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_5_aSiblingOfTheSameNameIs4105AndTheFirstStaysAsItWas() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cnt", map("rn", "box", "mni", 1))));

        assertRsc(ResponseStatusCode.CONFLICT, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_15_aCreateWithoutCreatePrivilegeOnTheParentIs4103() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cstranger", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "x"))));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_3_2_1_aCseBaseOrRequestIsCreatedByTheCseOnly4005WhoeverAsks() {
        Map<String, String> before = cse.snapshot();

        for (String originator : List.of("Cstranger", ADMIN)) {
            assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(cse.create("cse-in", originator,
                    ResourceTypes.CSE_BASE, map("m2m:cb", map("rn", "second")))));
            assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(cse.create("cse-in/app1", originator,
                    ResourceTypes.REQUEST, map("m2m:req", map("rn", "mine")))));
        }
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_12_rcn9OfACreateAnswersWhatTheCseSetButNotWhatTheOriginatorGave() {
        var req = cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", "box2", "mni", 5)));
        req.resultContent = ResultContent.MODIFIED_ATTRIBUTES;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> modified = body(rsp, "m2m:cnt");
        assertTrue(modified.keySet().containsAll(List.of("ri", "ct", "cni", "cbs")), modified::toString);
        assertFalse(modified.containsKey("rn"), modified::toString);
        assertFalse(modified.containsKey("mni"), modified::toString);
    }

    @Test
    void ts0004_7_3_3_12_rcn0OfACreateAnswersNoContentButStoresTheResource() {
        var req = cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", "box2")));
        req.resultContent = ResultContent.NOTHING;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertNull(rsp.content);
        assertNotNull(cse.tree.findByStructuredName("cse-in/app1/box2"));
    }

    @Test
    void ts0004_7_4_1_3_theNameOfAVirtualChildCannotBeGivenToAChild() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cnt", map("rn", "la"))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertNull(cse.tree.findByStructuredName("cse-in/app1/box/la"));
    }

    @Test
    void ts0004_7_4_27_2_1_nothingCanBeCreatedUnderTheVirtualLatest4005() {
        cse.instance("cin1", "cnt1", "i1", "21");
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box/la", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("nu", List.of("Cae1")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_7_2_1_aContentInstanceIsCountedByItsContainer() {
        cse.instance("cin1", "cnt1", "i1", "21");
        long stBefore = cse.tree.stored("cnt1").st;

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("rn", "i2", "con", "hello"))));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Resource cin = cse.tree.findByStructuredName("cse-in/app1/box/i2");
        assertEquals(5L, cin.cs);
        Resource cnt = cse.tree.stored("cnt1");
        assertEquals(2L, cnt.get("cni"));
        assertEquals(2L + 5L, cnt.get("cbs"));
        assertEquals(stBefore + 1, cnt.st);
        assertEquals(cnt.st, cin.st);
        assertEquals(cin.ct, cnt.lt);
    }

    @Test
    void ts0004_7_4_7_2_1_aContentInstanceLargerThanMbsIs5207AndNothingChanges() {
        cse.tree.stored("cnt1").attributes.put("mbs", 3L);
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "too big"))));

        assertRsc(ResponseStatusCode.NOT_ACCEPTABLE, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_7_2_1_aNewInstanceBeyondMniRemovesTheOldest() {
        cse.tree.stored("cnt1").attributes.put("mni", 1L);
        cse.instance("cin1", "cnt1", "i1", "old");

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("rn", "i2", "con", "newer"))));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertNull(cse.tree.stored("cin1"));
        assertNotNull(cse.tree.findByStructuredName("cse-in/app1/box/i2"));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(5L, cse.tree.stored("cnt1").get("cbs"));
    }

    // --- subscription (7.4.8): the verification runs before the write transaction ------------------------------

    private static final String LISTENER_POA = "http://listener.example/n";

    /** A subscription of Cae1 to the box whose one notification target is {@code nu}. */
    private ResponsePrimitive subscribe(String nu, Object... more) {
        Map<String, Object> sub = map("rn", "sub", "nu", List.of(nu));
        sub.putAll(map(more));
        return cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.SUBSCRIPTION, map("m2m:sub", sub)));
    }

    @Test
    void ts0004_7_4_8_2_1_anAeTargetIsVerifiedOnceBeforeTheWriteTransaction() {
        cse.listener("Clistener", "listener", LISTENER_POA, "Cae1");
        int writesBefore = cse.store.writes;

        ResponsePrimitive rsp = subscribe("Clistener");

        assertRsc(ResponseStatusCode.CREATED, rsp);
        List<RecordingOutbound.Sent> sent = cse.outbound.sent();
        assertEquals(1, sent.size(), "one verification request");
        RecordingOutbound.Sent vrq = sent.get(0);
        assertEquals(LISTENER_POA, vrq.url());
        Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) vrq.request().content).get("m2m:sgn");
        assertEquals(true, sgn.get("vrq"));
        Resource sub = cse.tree.findByStructuredName("cse-in/app1/box/sub");
        assertEquals("/id-in/" + sub.ri, sgn.get("sur"));
        assertEquals(writesBefore, vrq.writesBefore(), "verified before any write transaction began");
        assertEquals(writesBefore + 1, cse.store.writes, "one write transaction");
    }

    @Test
    void ts0001_10_2_10_2_noVerificationRequestGoesToAUrlTarget() {
        cse.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE); // were it asked, the create would fail

        ResponsePrimitive rsp = subscribe(LISTENER_POA + "?ct=xml");

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(List.of(), cse.outbound.sent());
        assertNotNull(cse.tree.findByStructuredName("cse-in/app1/box/sub"));
    }

    @Test
    void ts0004_7_4_8_2_1_aFailedVerificationIs5204AndStoresNothing() {
        cse.listener("Clistener", "listener", LISTENER_POA, "Cae1");
        cse.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);
        Map<String, String> before = cse.snapshot();
        int writesBefore = cse.store.writes;

        ResponsePrimitive rsp = subscribe("Clistener");

        assertRsc(ResponseStatusCode.SUBSCRIPTION_VERIFICATION_INITIATION_FAILED, rsp);
        assertEquals(1, cse.outbound.sent().size());
        assertEquals(before, cse.snapshot());
        assertEquals(writesBefore, cse.store.writes, "no write transaction began");
    }

    @Test
    void ts0004_7_4_8_2_1_aTargetRefusingTheCreatorAnswers4101AsItIs() {
        cse.listener("Clistener", "listener", LISTENER_POA, "Cae1");
        cse.outbound.answerWith(ResponseStatusCode.SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE);

        ResponsePrimitive rsp = subscribe("Clistener");

        assertRsc(ResponseStatusCode.SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE, rsp);
        assertNull(cse.tree.findByStructuredName("cse-in/app1/box/sub"));
    }

    /** Every rule of the subscription is checked before its targets are asked: a refused one asks none. */
    @Test
    void ts0004_7_4_8_2_1_aSubscriptionRefusedForItsAttributesAsksNoTarget() {
        cse.listener("Clistener", "listener", LISTENER_POA, "Cae1");
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive wrongChild = subscribe("Clistener", "enc", map("net", List.of(3), "chty", List.of(ResourceTypes.AE)));
        ResponsePrimitive wrongContent = subscribe("Clistener", "enc", map("net", List.of(3)), "nct", 2);

        assertRsc(ResponseStatusCode.BAD_REQUEST, wrongChild);
        assertRsc(ResponseStatusCode.BAD_REQUEST, wrongContent);
        assertEquals(List.of(), cse.outbound.sent(), "no verification request");
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_8_2_1_theOriginatorAsItsOwnTargetIsNotVerified() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("rn", "sub", "nu", List.of("Cae1")))));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(List.of(), cse.outbound.sent());
        assertNotNull(cse.tree.findByStructuredName("cse-in/app1/box/sub"));
    }

    @Test
    void ts0004_7_4_8_2_1_aContentInstanceIsNotSubscribable5203AndNoTargetIsAsked() {
        cse.instance("cin1", "cnt1", "i1", "21");
        cse.listener("Clistener", "listener", LISTENER_POA, "Cae1");
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box/i1", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("nu", List.of("Clistener")))));

        assertRsc(ResponseStatusCode.TARGET_NOT_SUBSCRIBABLE, rsp);
        assertEquals(List.of(), cse.outbound.sent());
        assertEquals(before, cse.snapshot());
    }

    // --- pollingChannel (7.4.21) -------------------------------------------------------------------------------

    @Test
    void ts0004_7_4_21_2_1_anAeCreatesItsOnePollingChannel() {
        ResponsePrimitive first = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.POLLING_CHANNEL,
                map("m2m:pch", map("rn", "pch"))));
        ResponsePrimitive second = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.POLLING_CHANNEL,
                map("m2m:pch", map("rn", "pch2"))));

        assertRsc(ResponseStatusCode.CREATED, first);
        assertEquals(ResourceTypes.POLLING_CHANNEL, cse.tree.findByStructuredName("cse-in/app1/pch").ty);
        assertRsc(ResponseStatusCode.CONFLICT, second);
        assertNull(cse.tree.findByStructuredName("cse-in/app1/pch2"));
    }

    @Test
    void ts0004_7_4_21_2_1_onlyTheAeItselfCreatesItsPollingChannel() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", ADMIN, ResourceTypes.POLLING_CHANNEL,
                map("m2m:pch", map("rn", "pch"))));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp);
        assertNull(cse.tree.findByStructuredName("cse-in/app1/pch"));
    }

    /** m2m:triggerRecipientID is a port number, triggerReferenceNumber an xs:unsignedInt (TS-0004 table 6.3.3-1). */
    @Test
    void ts0004_6_3_3_anAeWithATriggerRecipientIdBeyondAPortNumberIs4000() {
        Map<String, String> before = cse.snapshot();
        for (Object tri : List.of(65_536L, "port")) {
            ResponsePrimitive rsp = cse.send(cse.create("cse-in", "Ctrigger", ResourceTypes.AE,
                    map("m2m:ae", map("api", "Ntrigger", "rr", false, "srv", List.of("3"), "tri", tri))));
            assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        }
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.create("cse-in", "Ctrigger", ResourceTypes.AE,
                map("m2m:ae", map("api", "Ntrigger", "rr", false, "srv", List.of("3"), "trn", 4_294_967_296L)))));
        assertEquals(before, cse.snapshot());
        ResponsePrimitive ok = cse.send(cse.create("cse-in", "Ctrigger", ResourceTypes.AE,
                map("m2m:ae", map("api", "Ntrigger", "rr", false, "srv", List.of("3"), "tri", 5683L))));
        assertRsc(ResponseStatusCode.CREATED, ok);
        assertEquals(5683L, body(ok, "m2m:ae").get("tri"));
    }

    /** m2m:memberType (TS-0004 6.3.4.2.11): 0 (mixed) or a resource type. */
    @Test
    void ts0004_6_3_4_2_11_aGroupOfAnUnknownMemberTypeIs4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP,
                map("m2m:grp", map("mt", 70L, "mnm", 2L, "mid", List.of()))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertEquals(before, cse.snapshot());
    }

    // --- TS-0004 7.3.3.3: the representation of a Create -----------------------------------------------------------

    private ResponsePrimitive createBox2(Map<String, Object> attributes) {
        return cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", attributes)));
    }

    @Test
    void ts0004_7_3_3_3_aCreateWithoutRepresentationIs4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, null)));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_aRepresentationOfAnotherTypeThanTyIs4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cin", map("con", "x"))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_anAttributeTheTypeDoesNotListIs4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, createBox2(map("rn", "box2", "nosuch", 1)));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createBox2(map("rn", "box2", "con", "x")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_anNpAttributeIs4000() {
        Map<String, String> before = cse.snapshot();

        for (String np : List.of("ri", "cni", "st")) {
            assertRsc(ResponseStatusCode.BAD_REQUEST, createBox2(map("rn", "box2", np, np.equals("ri") ? "myId" : 1)));
        }
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_aMissingMandatoryAttributeIs4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("cnf", "text/plain:0"))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(String.valueOf(rsp.content).contains("con"), String.valueOf(rsp.content));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_anEtInThePastIs4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, createBox2(map("rn", "box2", "et", "20200101T000000")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_anEtLaterThanTheParentsIsCutToItAndTheAnswerSaysSo() {
        Instant parentEt = cse.tree.stored("Cae1").et;
        var req = cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cnt", map("rn", "box2", "et", "21000101T000000")));
        req.resultContent = ResultContent.MODIFIED_ATTRIBUTES;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(parentEt, cse.tree.findByStructuredName("cse-in/app1/box2").et);
        assertTrue(String.valueOf(body(rsp, "m2m:cnt").get("et")).startsWith("20990101T000000"), "the changed et is answered");
    }

    @Test
    void ts0004_7_3_3_3_withoutEtTheCseSetsOneNoLaterThanTheParents() {
        Instant soon = Instant.now().plusSeconds(60);
        cse.tree.stored("Cae1").et = soon;

        assertRsc(ResponseStatusCode.CREATED, createBox2(map("rn", "box2")));

        Instant et = cse.tree.findByStructuredName("cse-in/app1/box2").et;
        assertNotNull(et);
        assertFalse(et.isAfter(soon), et + " after the parent's " + soon);
    }

    @Test
    void ts0004_7_3_3_3_aCreatorWithAValueIs4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, createBox2(map("rn", "box2", "cr", "Cae1")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_3_aCreatorForATypeWithoutItIs4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in", null, ResourceTypes.AE,
                map("m2m:ae", map("api", "Nkeel.example", "rr", false, "srv", List.of("3"), "cr", null))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertEquals(before, cse.snapshot());
    }

    // --- TS-0004 7.3.3.5: the resource created ---------------------------------------------------------------------

    @Test
    void ts0004_7_3_3_5_aCreatorGivenAsNullIsTheOriginator() {
        assertRsc(ResponseStatusCode.CREATED, createBox2(map("rn", "box2", "cr", null)));

        assertEquals("Cae1", cse.tree.findByStructuredName("cse-in/app1/box2").cr);
    }

    @Test
    void ts0004_7_3_3_5_withoutCreatorInTheRequestTheResourceHasNone() {
        ResponsePrimitive rsp = createBox2(map("rn", "box2"));

        assertNull(cse.tree.findByStructuredName("cse-in/app1/box2").cr);
        assertFalse(body(rsp, "m2m:cnt").containsKey("cr"));
    }

    @Test
    void ts0004_7_3_3_5_theNewResourceIsNamedUnderItsParentAndItsLtIsItsCt() {
        ResponsePrimitive rsp = createBox2(map("rn", "box2"));

        Resource r = cse.tree.findByStructuredName("cse-in/app1/box2");
        assertEquals(r.ct, r.lt);
        assertEquals(body(rsp, "m2m:cnt").get("ct"), body(rsp, "m2m:cnt").get("lt"));
        assertEquals("cse-in/app1/box2", r.srn);
    }

    @Test
    void ts0004_7_3_3_5_withoutRnTheCseAssignsAName() {
        ResponsePrimitive rsp = createBox2(map("mni", 1));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        String rn = (String) body(rsp, "m2m:cnt").get("rn");
        assertNotNull(rn);
        assertNotNull(cse.tree.findByStructuredName("cse-in/app1/" + rn));
    }

    @Test
    void ts0004_7_3_3_5_theParentsAttributesFollowTheNewChild() {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "abcd")))));

        Resource box = cse.tree.stored("cnt1");
        assertEquals(1L, box.get("cni"));
        assertEquals(4L, box.get("cbs"));
    }

    @Test
    void ts0004_7_3_2_1_aCreateWithFilterCriteriaIs4000() {
        var req = cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", "box2")));
        req.filterCriteria().labels.add("x");

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
        assertNull(cse.tree.findByStructuredName("cse-in/app1/box2"));
    }

    @Test
    void ts0004_7_3_2_1_aCreateWithAChildResultContentIs4000() {
        var req = cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", "box2")));
        req.resultContent = ResultContent.CHILD_RESOURCE_REFERENCES;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
        assertNull(cse.tree.findByStructuredName("cse-in/app1/box2"));
    }
}
