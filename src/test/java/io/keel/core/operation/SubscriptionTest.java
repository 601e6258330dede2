package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <subscription>} (TS-0004 7.4.8.2) and the notifications it makes (7.5.1.2.2–7.5.1.2.4; TS-0001 10.2.10),
 * through the dispatcher, with a recording receiver at {@value #TARGET}.
 */
class SubscriptionTest {
    private static final String TARGET = "http://listener.example/n";
    private final CoreFixture cse = new CoreFixture();
    /** Whether the receiver is reachable: when not, every Notify but a verification request is answered 5103. */
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    SubscriptionTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.outbound.answer = r -> reachable.get() || isVerification(r) ? new ResponsePrimitive(ResponseStatusCode.OK, null)
                : ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "down");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private static boolean isVerification(RequestPrimitive r) {
        return r.content instanceof Map<?, ?> c && c.get("m2m:sgn") instanceof Map<?, ?> sgn && sgn.get("vrq") != null;
    }

    private ResponsePrimitive subscribe(String to, Object... attributes) {
        return cse.send(cse.create(to, "Cae1", ResourceTypes.SUBSCRIPTION, map("m2m:sub", map(attributes))));
    }

    /** Subscribes the box to new children, with {@code more} attributes (a URL target: no verification request). */
    private Resource subscribeToChildren(Object... more) {
        List<Object> attributes = new ArrayList<>(List.of("rn", "sub", "nu", List.of(TARGET), "enc", map("net", List.of(3))));
        attributes.addAll(List.of(more));
        assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", attributes.toArray()));
        return cse.tree.findByStructuredName("cse-in/app1/box/sub");
    }

    private void newInstance(String con) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", con)))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sgn(RecordingOutbound.Sent sent) {
        return (Map<String, Object>) ((Map<?, ?>) sent.request().content).get("m2m:sgn");
    }

    /** The con of the contentInstance a notification of a child creation carries. */
    private static Object con(RecordingOutbound.Sent sent) {
        Map<?, ?> rep = (Map<?, ?>) ((Map<?, ?>) sgn(sent).get("nev")).get("rep");
        return ((Map<?, ?>) rep.get("m2m:cin")).get("con");
    }

    // --- 7.4.8.2.1 Create -----------------------------------------------------------------------------------------

    @Test
    void ts0004_7_4_8_2_1_withoutRetrievePrivilegeOnTheSubscribedToResourceIs4103() {
        cse.ae("Cae2", "app2");
        Resource acp = cse.add("acp1", "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY, "createOnly");
        acp.attributes.put("pv", map("acr", List.of(map("acor", List.of("Cae2"), "acop", 1L))));
        acp.attributes.put("pvs", map("acr", List.of(map("acor", List.of("Cae1"), "acop", 63L))));
        cse.tree.stored("cnt1").attributes.put("acpi", List.of("acp1"));
        cse.listener("Clistener", "listener", TARGET, "Cae2");

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/box", "Cae2", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("nu", List.of("Clistener")))));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp);
        assertTrue(cse.tree.children("cnt1", ResourceTypes.SUBSCRIPTION).isEmpty());
        assertTrue(cse.outbound.sent().isEmpty(), "no verification request");
    }

    @Test
    void ts0004_7_4_8_2_1_aChildTypeTheSubscribedToResourceCannotHaveIs4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = subscribe("cse-in/app1/box", "nu", List.of(TARGET),
                "enc", map("net", List.of(3), "chty", List.of(ResourceTypes.CONTENT_INSTANCE, ResourceTypes.AE)));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertEquals(before, cse.snapshot());
        assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", "nu", List.of(TARGET),
                "enc", map("net", List.of(3), "chty", List.of(ResourceTypes.CONTENT_INSTANCE, ResourceTypes.SUBSCRIPTION))));
    }

    @Test
    void ts0004_7_4_8_2_1_aContentTypeTheEventTypeDoesNotAllowIs4000() {
        for (Object[] bad : List.of(new Object[] {List.of(3), 2}, new Object[] {List.of(1, 4), 2}, new Object[] {List.of(1), 4})) {
            ResponsePrimitive rsp = subscribe("cse-in/app1/box", "nu", List.of(TARGET), "enc", map("net", bad[0]), "nct", bad[1]);
            assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        }
        assertTrue(cse.tree.children("cnt1", ResourceTypes.SUBSCRIPTION).isEmpty());
    }

    @Test
    void ts0004_7_4_8_2_1_withoutContentTypeTheCseSetsAllAttributes() {
        ResponsePrimitive rsp = subscribe("cse-in/app1/box", "nu", List.of(TARGET), "enc", map("net", List.of(1, 2, 3, 4)));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(1L, body(rsp, "m2m:sub").get("nct"));
    }

    @Test
    void ts0004_7_4_8_2_1_theOriginatorBecomesTheCreatorWhenTheNotificationsGoElsewhere() {
        ResponsePrimitive elsewhere = subscribe("cse-in/app1/box", "nu", List.of(TARGET));
        ResponsePrimitive toItself = subscribe("cse-in/app1/box", "nu", List.of("Cae1"));

        assertEquals("Cae1", body(elsewhere, "m2m:sub").get("cr"));
        assertNull(body(toItself, "m2m:sub").get("cr"), "the notifications go to the originator itself");
    }

    @Test
    void ts0004_7_4_8_2_1_aBatchWithoutDurationGetsTheDefaultDuration() {
        ResponsePrimitive rsp = subscribe("cse-in/app1/box", "nu", List.of(TARGET), "bn", map("num", 5));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(Map.of("num", 5L, "dur", "PT1M"), body(rsp, "m2m:sub").get("bn"));
        Resource stored = cse.tree.children("cnt1", ResourceTypes.SUBSCRIPTION).get(0);
        assertEquals("PT1M", ((Map<?, ?>) stored.get("bn")).get("dur"));
    }

    /** Blocking_Update (7) is held to its rules (4000) before any target is asked; a resource has one (4124). */
    @Test
    void ts0004_7_4_8_2_1_aBlockingUpdateSubscriptionBreakingItsRulesIs4000AndASecondIs4124() throws Exception {
        cse.listener("Clistener", "listener", TARGET, "Cae1");
        Map<String, String> before = cse.snapshot();
        Map<String, Object> blocking = map("net", List.of(7));
        for (Object[] bad : List.of(new Object[] {"nu", List.of("Clistener", "Cae1"), "enc", blocking},
                new Object[] {"nu", List.of(TARGET), "enc", blocking},
                new Object[] {"nu", List.of("Clistener"), "enc", blocking, "exc", 3},
                new Object[] {"nu", List.of("Clistener"), "enc", blocking, "nct", 1},
                new Object[] {"nu", List.of("Clistener"), "enc", map("net", List.of(7, 1))},
                new Object[] {"nu", List.of("Clistener"), "enc", map("net", List.of(7), "chty", List.of(ResourceTypes.CONTENT_INSTANCE))})) {
            assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1/box", bad));
        }
        assertEquals(before, cse.snapshot());
        assertTrue(cse.outbound.sent().isEmpty(), "no target was asked");

        ResponsePrimitive wellFormed = subscribe("cse-in/app1/box", "nu", List.of("Clistener"),
                "enc", map("net", List.of(7), "atr", List.of("lbl")), "lbl", List.of("blocking"));
        ResponsePrimitive second = subscribe("cse-in/app1/box", "nu", List.of("Clistener"), "enc", blocking);

        assertRsc(ResponseStatusCode.CREATED, wellFormed);
        assertEquals(2L, body(wellFormed, "m2m:sub").get("nct"), "modified attributes (TS-0001 table 9.6.8-4)");
        assertRsc(ResponseStatusCode.BLOCKING_SUBSCRIPTION_ALREADY_EXISTS, second);
        assertEquals(1, cse.tree.children("cnt1", ResourceTypes.SUBSCRIPTION).size());
    }

    /**
     * An Update of a resource with a Blocking_Update subscription waits for the subscriber (TS-0004 7.5.1.2.19): applied
     * when it answers 2000; else not, with the code of 7.3.2.9; an Update outside atr does not ask it.
     */
    @Test
    void ts0004_7_5_1_2_19_theSubscriberDecidesWhetherTheUpdateIsApplied() throws Exception {
        cse.listener("Clistener", "listener", TARGET, "Cae1");
        assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", "nu", List.of("Clistener"),
                "enc", map("net", List.of(7), "atr", List.of("lbl"))));
        assertTrue(isVerification(cse.outbound.next().request()));

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box", "Cae1", map("m2m:cnt", map("lbl", List.of("ok"))))));
        RequestPrimitive asked = cse.outbound.next().request();
        Map<?, ?> nev = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) asked.content).get("m2m:sgn")).get("nev");
        assertEquals(7, ((Number) nev.get("net")).intValue());
        assertEquals(Map.of("m2m:cnt", Map.of("lbl", List.of("ok"))), nev.get("rep"));
        assertEquals(List.of("ok"), cse.tree.stored("cnt1").lbl);

        cse.outbound.answerWith(ResponseStatusCode.OPERATION_NOT_ALLOWED);
        assertRsc(ResponseStatusCode.OPERATION_DENIED_BY_REMOTE_ENTITY,
                cse.send(cse.update("cse-in/app1/box", "Cae1", map("m2m:cnt", map("lbl", List.of("refused"))))));
        cse.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);
        assertRsc(ResponseStatusCode.REMOTE_ENTITY_NOT_REACHABLE,
                cse.send(cse.update("cse-in/app1/box", "Cae1", map("m2m:cnt", map("lbl", List.of("unreached"))))));
        assertEquals(List.of("ok"), cse.tree.stored("cnt1").lbl);

        int asks = cse.outbound.sent().size();
        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box", "Cae1", map("m2m:cnt", map("mni", 3)))));
        assertEquals(asks, cse.outbound.sent().size(), "mni is not in atr: the subscriber is not asked");
    }

    /**
     * net 5: a Retrieve with child resources of a container without contentInstance notifies (TS-0004 table
     * 6.3.4.2.19-1); a Retrieve of attributes only, or once the container holds one, does not.
     */
    @Test
    void ts0004_6_3_4_2_19_retrieveOfAContainerWithNoChildResourceNotifies() throws Exception {
        assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", "nu", List.of(TARGET), "enc", map("net", List.of(5)), "nct", 3));
        RequestPrimitive attributesOnly = cse.request(Operation.RETRIEVE, "cse-in/app1/box", "Cae1");
        assertRsc(ResponseStatusCode.OK, cse.send(attributesOnly));
        assertNull(cse.outbound.next(200), "rcn 1 retrieves no child resources");

        RequestPrimitive children = cse.request(Operation.RETRIEVE, "cse-in/app1/box", "Cae1");
        children.resultContent = io.keel.primitive.ResultContent.CHILD_RESOURCES;
        assertRsc(ResponseStatusCode.OK, cse.send(children));
        Map<?, ?> nev = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) cse.outbound.next().request().content).get("m2m:sgn")).get("nev");
        assertEquals(5, ((Number) nev.get("net")).intValue());
        assertEquals(Map.of("m2m:uri", "cnt1"), nev.get("rep"));

        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "x")))));
        children.requestIdentifier = "again";
        assertRsc(ResponseStatusCode.OK, cse.send(children));
        assertNull(cse.outbound.next(300), "the container holds a contentInstance now");
    }

    /** Event types raised by one resource type only, nct they cannot carry, and 7/8 combined: 4000, nothing stored. */
    @Test
    void ts0004_7_4_8_2_1_eventTypesTheSubscribedToResourceNeverRaisesOrWithAnUnfitNctAre4000() {
        for (Object[] bad : List.of(new Object[] {"enc", map("net", List.of(5)), "nct", 2},
                new Object[] {"enc", map("net", List.of(5)), "nct", 4},
                new Object[] {"enc", map("net", List.of(1)), "nct", 4},
                new Object[] {"enc", map("net", List.of(1)), "nct", 5},
                new Object[] {"enc", map("net", List.of(6))},
                new Object[] {"enc", map("net", List.of(8, 1), "md", map("num", 1, "dur", "PT1S"))})) {
            List<Object> attributes = new ArrayList<>(List.of("nu", List.of(TARGET)));
            attributes.addAll(List.of(bad));
            assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1/box", attributes.toArray()));
        }
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1", "nu", List.of(TARGET), "enc", map("net", List.of(5))));
        // Trigger_Received_For_AE_Resource fits an AE, with the trigger payload (nct 4) only, which it takes by default.
        ResponsePrimitive trigger = subscribe("cse-in/app1", "nu", List.of(TARGET), "enc", map("net", List.of(6)));
        assertRsc(ResponseStatusCode.CREATED, trigger);
        assertEquals(4L, ((Map<?, ?>) ((Map<?, ?>) trigger.content).get("m2m:sub")).get("nct"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1", "nu", List.of(TARGET), "enc", map("net", List.of(6)), "nct", 1));
        assertTrue(cse.tree.children("cnt1", ResourceTypes.SUBSCRIPTION).isEmpty());
    }

    /**
     * operationMonitor (TS-0004 table 6.3.5.57-1): a request of a monitored operation and/or originator to the
     * subscribed-to resource notifies, whatever its outcome, with the operation and originator in nev.om; with
     * notificationEventType as well it is 4000 (7.4.8.2.1).
     */
    @Test
    void ts0004_6_3_5_57_operationMonitorNotifiesTheOperationAndItsOriginatorWhateverTheOutcome() throws Exception {
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1/box", "nu", List.of(TARGET),
                "enc", map("net", List.of(1), "om", List.of(map("ops", 2)))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1/box", "nu", List.of(TARGET),
                "enc", map("om", List.of(map("ops", 2))), "nct", 2));
        assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", "nu", List.of(TARGET),
                "enc", map("om", List.of(map("ops", 2 + 8))), "nct", 3)); // RETRIEVE or DELETE, by anyone

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box", "Cae1", map("m2m:cnt", map("mni", 3)))));
        assertNull(cse.outbound.next(300), "an UPDATE is not monitored, and there is no net 1");
        ResponsePrimitive denied = cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/box", "Cstranger"));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, denied);

        Map<?, ?> nev = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) cse.outbound.next().request().content).get("m2m:sgn")).get("nev");
        assertEquals(Map.of("op", 2, "or", "Cstranger"), nev.get("om"));
        assertEquals(Map.of("m2m:uri", "cnt1"), nev.get("rep"));
    }

    /** Missing data points (8) need missingData, and missingData a timeSeries to subscribe to. */
    @Test
    void ts0004_7_4_8_2_1_missingDataPointsWithoutMissingDataOrOnAnythingButATimeSeriesIs4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1/box", "nu", List.of(TARGET), "enc", map("net", List.of(8))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("cse-in/app1/box", "nu", List.of(TARGET),
                "enc", map("net", List.of(8), "md", map("num", 1, "dur", "PT1S"))));

        assertTrue(cse.tree.children("cnt1", ResourceTypes.SUBSCRIPTION).isEmpty());
    }

    // --- 7.4.8.2.3 Update -----------------------------------------------------------------------------------------

    @Test
    void ts0004_7_4_8_2_3_anUpdateToAChildTypeTheResourceCannotHaveOrToADisallowedContentTypeIs4000() throws Exception {
        Resource sub = subscribeToChildren();
        String before = sub.attributes.toString();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update("cse-in/app1/box/sub", "Cae1",
                map("m2m:sub", map("enc", map("net", List.of(3), "chty", List.of(ResourceTypes.AE)))))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update("cse-in/app1/box/sub", "Cae1",
                map("m2m:sub", map("nct", 2)))));

        assertEquals(before, cse.tree.stored(sub.ri).attributes.toString());
    }

    @Test
    void ts0004_7_4_8_2_3_anUpdateSettingBlockingUpdateIs4000() {
        Resource sub = subscribeToChildren();
        String before = sub.attributes.toString();

        ResponsePrimitive rsp = cse.send(cse.update("cse-in/app1/box/sub", "Cae1", map("m2m:sub", map("enc", map("net", List.of(7))))));
        ResponsePrimitive missingData = cse.send(cse.update("cse-in/app1/box/sub", "Cae1",
                map("m2m:sub", map("enc", map("net", List.of(8))))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertRsc(ResponseStatusCode.BAD_REQUEST, missingData);
        assertEquals(before, cse.tree.stored(sub.ri).attributes.toString());
    }

    /** TS-0001 10.2.10.4 refers to the Create's processing for the targets an Update gives. */
    @Test
    void ts0004_7_4_8_2_3_anAeTargetAnUpdateAddsIsVerifiedAndAUrlItAddsIsNot() {
        Resource sub = subscribeToChildren();
        cse.listener("Clistener", "listener", TARGET + "/ae", "Cae1");

        ResponsePrimitive rsp = cse.send(cse.update("cse-in/app1/box/sub", "Cae1",
                map("m2m:sub", map("nu", List.of(TARGET, TARGET + "/more", "Clistener")))));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        List<RecordingOutbound.Sent> sent = cse.outbound.sent();
        assertEquals(1, sent.size(), "only the AE is asked: " + sent);
        assertEquals(TARGET + "/ae", sent.get(0).url());
        assertEquals(true, sgn(sent.get(0)).get("vrq"));
        assertEquals(List.of(TARGET, TARGET + "/more", "Clistener"), cse.tree.stored(sub.ri).get("nu"));
    }

    /** Every rule of the subscription as updated is checked before a new target is asked. */
    @Test
    void ts0004_7_4_8_2_3_anUpdateRefusedForItsAttributesAsksNoTarget() {
        Resource sub = subscribeToChildren();
        cse.listener("Clistener", "listener", TARGET + "/ae", "Cae1");
        String before = sub.attributes.toString();

        ResponsePrimitive wrongChild = cse.send(cse.update("cse-in/app1/box/sub", "Cae1", map("m2m:sub",
                map("nu", List.of("Clistener"), "enc", map("net", List.of(3), "chty", List.of(ResourceTypes.AE))))));
        ResponsePrimitive wrongContent = cse.send(cse.update("cse-in/app1/box/sub", "Cae1", map("m2m:sub",
                map("nu", List.of("Clistener"), "nct", 2))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, wrongChild);
        assertRsc(ResponseStatusCode.BAD_REQUEST, wrongContent);
        assertEquals(List.of(), cse.outbound.sent(), "no verification request");
        assertEquals(before, cse.tree.stored(sub.ri).attributes.toString());
    }

    @Test
    void ts0004_7_4_8_2_3_removingPendingNotificationDropsWhatIsKeptForAnUnreachableReceiver() throws Exception {
        subscribeToChildren("pn", 2);
        reachable.set(false);
        newInstance("1");
        newInstance("2");
        assertEquals("1", con(cse.outbound.next()), "the first attempt fails; both are kept");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box/sub", "Cae1", map("m2m:sub", map("pn", null)))));
        reachable.set(true);

        assertNull(nextWithin(1_500), "nothing kept is sent once pn is gone");
    }

    @Test
    void ts0004_7_4_8_2_3_changingPendingNotificationToSendLatestKeepsOnlyTheNewest() throws Exception {
        subscribeToChildren("pn", 2);
        reachable.set(false);
        newInstance("1");
        newInstance("2");
        newInstance("3");
        assertEquals("1", con(cse.outbound.next()));

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box/sub", "Cae1", map("m2m:sub", map("pn", 1)))));
        reachable.set(true);

        RecordingOutbound.Sent latest = nextWithin(3_000);
        assertNotNull(latest);
        assertEquals("3", con(latest));
        assertEquals(4, latest.request().eventCategory, "sendLatest: Event Category latest");
        assertNull(nextWithin(500));
    }

    // --- 7.4.8.2.4 Delete -----------------------------------------------------------------------------------------

    @Test
    void ts0004_7_4_8_2_4_deletingTheSubscriptionDropsWhatIsKeptForIt() throws Exception {
        subscribeToChildren("pn", 2);
        reachable.set(false);
        newInstance("1");
        newInstance("2");
        assertEquals("1", con(cse.outbound.next()));

        RequestPrimitive delete = cse.request(Operation.DELETE, "cse-in/app1/box/sub", "Cae1");
        assertRsc(ResponseStatusCode.DELETED, cse.send(delete));
        reachable.set(true);

        assertNull(nextWithin(1_500));
    }

    // --- 7.5.1.2.2 Notification for <subscription> resources ---------------------------------------------------

    @Test
    void ts0004_7_5_1_2_2_theSerializationIndicationChoosesTheSerializationAndIsRemovedFromTheTarget() throws Exception {
        for (String target : List.of(TARGET + "?ct=xml", TARGET + "?q=1&ct=cbor", TARGET + "?ct=xml&q=1")) {
            assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", "nu", List.of(target)));
        }
        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box", "Cae1", map("m2m:cnt", map("lbl", List.of("x"))))));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingOutbound.Sent n = cse.outbound.next();
            assertNotNull(n);
            assertEquals(n.url(), n.request().to);
            sent.add(n.url() + " " + n.serialization());
        }
        assertEquals(List.of(TARGET + " XML", TARGET + "?q=1 CBOR", TARGET + "?q=1 XML"), sent.stream().sorted().toList());
    }

    @Test
    void ts0004_7_5_1_2_2_notificationEventCatIsTheEventCategoryAndLatestNotifyMakesItLatest() throws Exception {
        Resource sub = subscribeToChildren("nec", 100);
        newInstance("1");
        RecordingOutbound.Sent n = cse.outbound.next();
        assertEquals(100, n.request().eventCategory);
        Map<String, Object> sgn = sgn(n);
        assertEquals("/id-in/" + sub.ri, sgn.get("sur"));
        assertEquals(3, ((Map<?, ?>) sgn.get("nev")).get("net"));
        assertEquals("Cae1", sgn.get("cr"), "the subscription has a creator: the notification names it (TS-0001 10.2.10.7)");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update("cse-in/app1/box/sub", "Cae1", map("m2m:sub", map("ln", true)))));
        newInstance("2");
        assertEquals(4, cse.outbound.next().request().eventCategory);
    }

    @Test
    void ts0004_7_5_1_2_2_sendLatestKeepsOnlyTheNewestForAnUnreachableReceiverAndSendsItAsLatest() throws Exception {
        subscribeToChildren("pn", 1);
        reachable.set(false);
        newInstance("1");
        assertEquals("1", con(cse.outbound.next()), "the first attempt fails");
        newInstance("2");
        newInstance("3");
        reachable.set(true);

        RecordingOutbound.Sent kept = nextWithin(3_000);
        assertNotNull(kept);
        assertEquals("3", con(kept));
        assertEquals(4, kept.request().eventCategory);
        assertNull(nextWithin(500), "the older ones are not sent");
    }

    @Test
    void ts0004_7_5_1_2_2_sendAllPendingSendsEveryKeptNotificationInOrder() throws Exception {
        subscribeToChildren("pn", 2);
        reachable.set(false);
        newInstance("1");
        assertEquals("1", con(cse.outbound.next()));
        newInstance("2");
        reachable.set(true);

        assertEquals("1", con(nextWithin(3_000)));
        assertEquals("2", con(nextWithin(1_000)));
    }

    @Test
    void ts0004_7_5_1_2_2_withoutPendingNotificationAFailedNotificationIsDropped() throws Exception {
        subscribeToChildren();
        reachable.set(false);
        newInstance("1");
        assertEquals("1", con(cse.outbound.next()));
        reachable.set(true);
        newInstance("2");

        assertEquals("2", con(nextWithin(1_000)));
        assertNull(nextWithin(1_500));
    }

    // --- TS-0001 10.2.10.7 ----------------------------------------------------------------------------------------

    /**
     * mnn 2 per window of 2 s: at 0 one notification, at 1.2 s another; at 2.2 s a new window has begun, so two more go
     * at once. A rolling window would still count the one of 1.2 s and hold the fourth back for a second.
     */
    @Test
    void ts0001_10_2_10_7_rateLimitWindowsAreSequentialNotRolling() throws Exception {
        subscribeToChildren("rl", map("mnn", 2, "tww", "PT2S"));
        newInstance("1");
        assertNotNull(nextWithin(1_000));
        Thread.sleep(1_200);
        newInstance("2");
        assertNotNull(nextWithin(1_000));
        Thread.sleep(1_000);

        long start = System.nanoTime();
        newInstance("3");
        newInstance("4");
        assertEquals("3", con(nextWithin(1_000)));
        assertEquals("4", con(nextWithin(1_000)));
        assertTrue(System.nanoTime() - start < 600_000_000L, "both within the new window, without waiting");
    }

    // --- 7.5.1.2.3 Subscription verification ---------------------------------------------------------------------

    @Test
    void ts0004_7_5_1_2_3_theVerificationRequestNamesTheCreatorAndGoesToEachAeTarget() throws Exception {
        cse.listener("Clistener", "listener", TARGET, "Cae1");
        cse.listener("Clistener2", "listener2", TARGET + "2", "Cae1");

        ResponsePrimitive rsp = subscribe("cse-in/app1/box", "nu", List.of("Clistener", TARGET + "3", "Clistener2"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        List<String> urls = new ArrayList<>();
        for (RecordingOutbound.Sent vrq : cse.outbound.sent()) {
            assertEquals(Operation.NOTIFY, vrq.request().operation);
            assertEquals(true, sgn(vrq).get("vrq"));
            assertEquals("Cae1", sgn(vrq).get("cr"));
            urls.add(vrq.url());
        }
        assertEquals(List.of(TARGET, TARGET + "2"), urls, "each AE in order; the URL target is not asked");
    }

    @Test
    void ts0004_7_5_1_2_3_noVerificationRequestGoesToTheOriginatorItself() {
        assertRsc(ResponseStatusCode.CREATED, subscribe("cse-in/app1/box", "nu", List.of("Cae1")));

        assertTrue(cse.outbound.sent().isEmpty());
    }

    @Test
    void ts0004_7_5_1_2_3_aVerificationRequestToAnAeNeedsNotifyPrivilegeForHostAndCreator() throws Exception {
        cse.ae("Cae2", "app2");
        cse.tree.stored("Cae1").attributes.put("poa", List.of("http://ae1.example/n"));
        Map<String, Object> fromCae2 = map("m2m:sgn", map("vrq", true, "sur", "/id-other/sub1", "cr", "Cae2"));
        Map<String, Object> fromCae1 = map("m2m:sgn", map("vrq", true, "sur", "/id-other/sub1", "cr", "Cae1"));

        RequestPrimitive byStranger = cse.request(Operation.NOTIFY, "cse-in/app1", "Cae2");
        byStranger.content = fromCae1;
        assertRsc(ResponseStatusCode.SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE, cse.send(byStranger));
        RequestPrimitive forStranger = cse.request(Operation.NOTIFY, "cse-in/app1", CoreFixture.ADMIN);
        forStranger.content = fromCae2;
        assertRsc(ResponseStatusCode.SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE, cse.send(forStranger));
        assertTrue(cse.outbound.sent().isEmpty(), "neither reaches the AE");

        RequestPrimitive allowed = cse.request(Operation.NOTIFY, "cse-in/app1", CoreFixture.ADMIN);
        allowed.content = fromCae1;
        assertRsc(ResponseStatusCode.OK, cse.send(allowed));
        assertEquals("http://ae1.example/n", cse.outbound.next().url());
    }

    // --- 7.5.1.2.4 Notification of subscription deletion --------------------------------------------------------

    @Test
    void ts0004_7_5_1_2_4_deletingASubscriptionNotifiesItsSubscriberUri() throws Exception {
        Resource sub = subscribeToChildren("su", TARGET + "/ended");

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/app1/box/sub", "Cae1")));

        RecordingOutbound.Sent notice = nextWithin(2_000);
        assertNotNull(notice);
        assertEquals(TARGET + "/ended", notice.url());
        Map<String, Object> sgn = sgn(notice);
        assertEquals(true, sgn.get("sud"));
        assertEquals("/id-in/" + sub.ri, sgn.get("sur"));
        assertNull(nextWithin(300));
    }

    private RecordingOutbound.Sent nextWithin(long millis) throws InterruptedException {
        return cse.outbound.next(millis);
    }
}
