package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.announcement.Announcements;
import io.keel.core.announcement.Announcer;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.AnnouncementQueue;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hosting CSE's side of announcement (TS-0001 9.6.26, TS-0004 7.3.3.10 announce, 7.3.3.11 de-announce): an MN-CSE
 * whose registrar is the IN-CSE announces to it. What the operations queue is done by the {@link Announcer}, run here
 * on the test's thread; the IN is a {@link RecordingOutbound} that answers as each test says.
 */
class AnnouncementTest {
    private static final CseIdentity MN = CoreFixture.MN;
    private CoreFixture core;
    private Dispatcher dispatcher;
    private Announcer announcer;
    private int created;
    private int requests;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(MN, new Announcements(MN, new Clock(), () -> { }));
        Forwarding forwarding = new Forwarding(MN, core.outbound, core.clock, 2_000, "");
        NonBlockingRequests nonBlocking = core.nonBlocking(1, 10);
        dispatcher = new Dispatcher(core.store, core.router, core.types, core.ctx, core.clock, nonBlocking, o -> { }, forwarding);
        announcer = new Announcer(MN, core.store, core.types, core.router, forwarding, core.clock, 50, 400, 10_000);
        // The IN creates what it is asked to, naming each new resource cntA1, cntA2, … (aeA1, …)
        core.outbound.answer = this::inAnswers;
        core.ae("Cae", "ae");
    }

    @AfterEach
    void tearDown() {
        announcer.close();
        core.close();
    }

    private ResponsePrimitive inAnswers(RequestPrimitive req) {
        return switch (req.operation) {
            case CREATE -> {
                String root = ((Map<?, ?>) req.content).keySet().iterator().next().toString();
                String ri = root.substring(4) + ++created;
                yield new ResponsePrimitive(ResponseStatusCode.CREATED, Map.of(root, Map.of("ri", ri)));
            }
            case UPDATE -> new ResponsePrimitive(ResponseStatusCode.UPDATED, null);
            case DELETE -> new ResponsePrimitive(ResponseStatusCode.DELETED, null);
            default -> new ResponsePrimitive(ResponseStatusCode.OK, null);
        };
    }

    private ResponsePrimitive send(Operation op, String to, Integer ty, Map<String, Object> content) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = "Cae";
        req.requestIdentifier = "rq-" + ++requests;
        req.releaseVersionIndicator = "3";
        req.resourceType = ty;
        req.content = content;
        try {
            return dispatcher.handle(req).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ResponsePrimitive container(Map<String, Object> cnt) {
        return send(Operation.CREATE, "cse-mn/Cae", ResourceTypes.CONTAINER, Map.of("m2m:cnt", cnt));
    }

    private static Map<String, Object> attrs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Resource stored(String srn) {
        return core.store.tree.findByStructuredName(srn);
    }

    private List<RecordingOutbound.Sent> sent() {
        return core.outbound.sent();
    }

    @Test
    void ts0004_7_3_3_10_aCreateWithAtIsAnsweredAtOnceAndAnnouncedAfterwardsBelowTheRemoteCse() {
        ResponsePrimitive rsp = container(attrs("rn", "temp", "mni", 10L, "mbs", 99L, "lbl", List.of("room:kitchen"),
                "at", List.of("/id-in"), "aa", List.of("mni")));
        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertTrue(sent().isEmpty(), "nothing is sent before the Create is answered");
        String ri = stored("cse-mn/Cae/temp").ri;
        assertEquals(1, core.store.announcements.tasks.size(), "the work is queued in the store");

        announcer.runDue();

        assertEquals(1, sent().size());
        RecordingOutbound.Sent create = sent().get(0);
        assertEquals(Operation.CREATE, create.request().operation);
        assertEquals("/id-in/id-mn", create.request().to, "below the MN's <remoteCSE> on the IN");
        assertEquals(10003, create.request().resourceType);
        assertEquals("/id-mn", create.request().from);
        assertEquals("http://in.example:8080", create.hop().pointOfAccess(), "through the registrar, the next hop");
        Map<?, ?> cntA = (Map<?, ?>) ((Map<?, ?>) create.request().content).get("m2m:cntA");
        assertEquals("/id-mn/" + ri, cntA.get("lnk"));
        assertEquals(10L, cntA.get("mni"), "aa names it");
        assertFalse(cntA.containsKey("mbs"), "aa does not name it");
        assertEquals(List.of("room:kitchen"), cntA.get("lbl"));
        assertTrue(cntA.containsKey("et"));
        assertFalse(cntA.containsKey("acpi"), "the policies are this CSE's");
        assertEquals(List.of("/id-in/cntA1"), stored("cse-mn/Cae/temp").get("at"), "at names the announced resource");
        assertTrue(core.store.announcements.tasks.isEmpty());
    }

    @Test
    void ts0001_9_6_35_aFlexContainerIsAnnouncedAsItsSpecializationsAnncWithCndAndTheCustomAttributesAaNames() {
        ResponsePrimitive rsp = send(Operation.CREATE, "cse-mn/Cae", ResourceTypes.FLEX_CONTAINER, Map.of("cod:tempe",
                attrs("rn", "th", "cnd", "org.onem2m.common.moduleclass.temperature", "curT0", 21.5, "unit", 1,
                        "at", List.of("/id-in"), "aa", List.of("curT0"))));
        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));

        announcer.runDue();

        assertEquals(1, sent().size());
        RecordingOutbound.Sent create = sent().get(0);
        assertEquals(10028, create.request().resourceType);
        assertEquals("/id-in/id-mn", create.request().to);
        Map<?, ?> annc = (Map<?, ?>) ((Map<?, ?>) create.request().content).get("cod:tempeAnnc");
        assertEquals("org.onem2m.common.moduleclass.temperature", annc.get("cnd"), "cnd is MA");
        assertEquals(21.5, annc.get("curT0"), "aa names it");
        assertFalse(annc.containsKey("unit"), "aa does not name it");
        assertEquals(List.of("/id-in/tempeAnnc1"), stored("cse-mn/Cae/th").get("at"));
    }

    @Test
    void ts0001_9_6_1_3_aaOfAFlexContainerNamesOnlyItsAnnounceableAttributes() {
        ResponsePrimitive rsp = send(Operation.CREATE, "cse-mn/Cae", ResourceTypes.FLEX_CONTAINER, Map.of("cod:binSh",
                attrs("cnd", "org.onem2m.common.moduleclass.binarySwitch", "state", true, "at", List.of("/id-in"),
                        "aa", List.of("cs"))));

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(String.valueOf(rsp.content).contains("state"), String.valueOf(rsp.content));
    }

    @Test
    void ts0001_9_6_26_aChildIsAnnouncedBelowItsAnnouncedParent() {
        assertEquals(ResponseStatusCode.CREATED, container(attrs("rn", "temp", "at", List.of("/id-in"))).responseStatusCode);
        assertEquals(ResponseStatusCode.CREATED, send(Operation.CREATE, "cse-mn/Cae/temp", ResourceTypes.CONTENT_INSTANCE,
                Map.of("m2m:cin", attrs("cnf", "text/plain:0", "con", "21.5", "at", List.of("/id-in"), "aa",
                        List.of("con")))).responseStatusCode);

        announcer.runDue();
        announcer.runDue(); // the instance waited for its container's announcement

        assertEquals(2, sent().size(), String.valueOf(sent()));
        assertEquals("/id-in/id-mn", sent().get(0).request().to);
        assertEquals("/id-in/cntA1", sent().get(1).request().to, "below the announced container");
        assertEquals(10004, sent().get(1).request().resourceType);
        assertEquals("21.5", ((Map<?, ?>) ((Map<?, ?>) sent().get(1).request().content).get("m2m:cinA")).get("con"));
    }

    @Test
    void ts0004_7_3_3_10_anUpdateKeepsTheAnnouncedResourceInStep() {
        container(attrs("rn", "temp", "mni", 10L, "at", List.of("/id-in"), "aa", List.of("mni")));
        announcer.runDue();

        ResponsePrimitive rsp = send(Operation.UPDATE, "cse-mn/Cae/temp", null, Map.of("m2m:cnt", attrs("mni", 5L)));
        assertEquals(ResponseStatusCode.UPDATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertEquals(List.of("/id-in/cntA1"), stored("cse-mn/Cae/temp").get("at"));
        announcer.runDue();

        RecordingOutbound.Sent update = sent().get(sent().size() - 1);
        assertEquals(Operation.UPDATE, update.request().operation);
        assertEquals("/id-in/cntA1", update.request().to);
        assertEquals(5L, ((Map<?, ?>) ((Map<?, ?>) update.request().content).get("m2m:cntA")).get("mni"));
    }

    @Test
    void ts0004_7_3_3_10_aaLeavingAnAttributeClearsItOnTheAnnouncedResource() {
        container(attrs("rn", "temp", "mni", 10L, "at", List.of("/id-in"), "aa", List.of("mni")));
        announcer.runDue();

        send(Operation.UPDATE, "cse-mn/Cae/temp", null, Map.of("m2m:cnt", attrs("aa", null)));
        announcer.runDue();

        Map<?, ?> cntA = (Map<?, ?>) ((Map<?, ?>) sent().get(sent().size() - 1).request().content).get("m2m:cntA");
        assertTrue(cntA.containsKey("mni") && cntA.get("mni") == null, String.valueOf(cntA));
    }

    @Test
    void ts0004_7_3_3_11_aCseLeavingAtIsDeAnnouncedAndANewOneAnnounced() {
        container(attrs("rn", "temp", "at", List.of("/id-in")));
        announcer.runDue();

        send(Operation.UPDATE, "cse-mn/Cae/temp", null, Map.of("m2m:cnt", attrs("at", List.of("/id-other"))));
        announcer.runDue();

        List<String> calls = new ArrayList<>();
        sent().forEach(s -> calls.add(s.request().operation + " " + s.request().to));
        assertTrue(calls.contains("DELETE /id-in/cntA1"), String.valueOf(calls));
        assertTrue(calls.contains("CREATE /id-other/id-mn"), String.valueOf(calls));
        assertEquals(List.of("/id-other/cntA2"), stored("cse-mn/Cae/temp").get("at"));
    }

    @Test
    void ts0004_7_3_3_11_deletingTheOriginalDeletesTheAnnouncedResource() {
        container(attrs("rn", "temp", "at", List.of("/id-in")));
        announcer.runDue();

        assertEquals(ResponseStatusCode.DELETED, send(Operation.DELETE, "cse-mn/Cae/temp", null, null).responseStatusCode);
        announcer.runDue();

        RecordingOutbound.Sent delete = sent().get(sent().size() - 1);
        assertEquals(Operation.DELETE, delete.request().operation);
        assertEquals("/id-in/cntA1", delete.request().to);
        assertTrue(core.store.announcements.tasks.isEmpty());
    }

    @Test
    void ts0004_7_3_3_11_deletingAnAncestorDeletesTheAnnouncedResourcesOfItsSubtree() {
        core.store.search = new EmptySearch(core.store.tree) {
            @Override
            public List<Resource> discover(Resource root, io.keel.primitive.FilterCriteria fc,
                                           io.keel.core.store.Visibility visibility, Integer maxDepth, int offset, int limit) {
                if (fc.attributes.isEmpty() || !fc.attributes.get(0).name().equals("at")) {
                    return super.discover(root, fc, visibility, maxDepth, offset, limit); // the next hop's remoteCSE
                }
                return core.store.tree.ofType(ResourceTypes.CONTAINER).stream()
                        .filter(r -> r.srn.startsWith(root.srn + "/") && r.get("at") != null).toList();
            }
        };
        container(attrs("rn", "temp"));
        send(Operation.CREATE, "cse-mn/Cae/temp", ResourceTypes.CONTAINER, Map.of("m2m:cnt", attrs("rn", "inner", "at",
                List.of("/id-in"))));
        announcer.runDue();
        assertEquals(List.of("/id-in/cntA1"), stored("cse-mn/Cae/temp/inner").get("at"));

        assertEquals(ResponseStatusCode.DELETED, send(Operation.DELETE, "cse-mn/Cae", null, null).responseStatusCode);
        announcer.runDue();

        RecordingOutbound.Sent delete = sent().get(sent().size() - 1);
        assertEquals(Operation.DELETE + " /id-in/cntA1", delete.request().operation + " " + delete.request().to);
    }

    @Test
    void ts0004_7_3_3_10_anUnreachableTargetIsTriedAgainLaterWithAGrowingPause() {
        core.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);
        assertEquals(ResponseStatusCode.CREATED, container(attrs("rn", "temp", "at", List.of("/id-in"))).responseStatusCode);

        announcer.runDue();
        AnnouncementQueue.Task first = core.store.announcements.tasks.get(0);
        assertEquals(1, first.attempts());
        assertTrue(first.due().isAfter(Instant.now()), "put off");
        announcer.runDue();
        assertEquals(1, sent().size(), "not tried again before it is due");
        assertEquals(List.of("/id-in"), stored("cse-mn/Cae/temp").get("at"), "not announced yet");

        core.outbound.answer = this::inAnswers;
        long deadline = System.currentTimeMillis() + 5_000;
        while (!core.store.announcements.tasks.isEmpty() && System.currentTimeMillis() < deadline) {
            announcer.runDue();
            Thread.onSpinWait();
        }
        assertEquals(List.of("/id-in/cntA1"), stored("cse-mn/Cae/temp").get("at"), "announced once the IN answers");
    }

    @Test
    void ts0004_7_3_3_10_aTargetThatRefusesIsNotAskedAgainAndLeavesAt() {
        core.outbound.answerWith(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE);
        container(attrs("rn", "temp", "at", List.of("/id-in")));

        announcer.runDue();

        assertNull(stored("cse-mn/Cae/temp").get("at"), "at lists only where it is announced");
        assertTrue(core.store.announcements.tasks.isEmpty());
    }

    @Test
    void ts0004_7_3_3_10_aTargetThatDoesNotKnowTheParentYetIsTriedAFewTimes() throws Exception {
        core.outbound.answerWith(ResponseStatusCode.NOT_FOUND);
        container(attrs("rn", "temp", "at", List.of("/id-in")));

        long deadline = System.currentTimeMillis() + 10_000;
        while (!core.store.announcements.tasks.isEmpty() && System.currentTimeMillis() < deadline) {
            announcer.runDue();
            Thread.sleep(10);
        }

        assertEquals(6, sent().size(), "the first try and five more");
        assertNull(stored("cse-mn/Cae/temp").get("at"), "then given up");
    }

    @Test
    void ts0001_9_6_1_3_atAndAaAreChecked() {
        assertEquals(ResponseStatusCode.BAD_REQUEST, container(attrs("at", List.of("/id-mn"))).responseStatusCode,
                "this CSE itself");
        assertEquals(ResponseStatusCode.BAD_REQUEST, container(attrs("at", List.of("//other.sp/id-x"))).responseStatusCode,
                "another service provider");
        assertEquals(ResponseStatusCode.BAD_REQUEST, container(attrs("at", List.of("/id-in", "/id-in"))).responseStatusCode,
                "twice");
        assertEquals(ResponseStatusCode.BAD_REQUEST, container(attrs("at", List.of("/id-in/cntA9"))).responseStatusCode,
                "an announced resource that is not this one's");
        assertEquals(ResponseStatusCode.BAD_REQUEST, container(attrs("at", List.of("/id-in"), "aa", List.of("cr")))
                .responseStatusCode, "cr is not announceable");
        assertTrue(core.store.announcements.tasks.isEmpty());
    }

    /** TS-0001 table 9.6.30-2: dsp and dcrp are OA; an announced dsp could not be read without its dcrp. */
    @Test
    void ts0001_9_6_30_aaNamingTheDescriptorWithoutItsRepresentationIsRefused() {
        String turtle = java.util.Base64.getEncoder().encodeToString("<urn:a> <urn:b> <urn:c> .".getBytes());
        ResponsePrimitive rsp = send(Operation.CREATE, "cse-mn/Cae", ResourceTypes.SEMANTIC_DESCRIPTOR, Map.of("m2m:smd",
                attrs("dcrp", 5L, "dsp", turtle, "at", List.of("/id-in"), "aa", List.of("dsp"))));
        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertTrue(String.valueOf(rsp.content).contains("dcrp"), String.valueOf(rsp.content));
        ResponsePrimitive soe = send(Operation.CREATE, "cse-mn/Cae", ResourceTypes.SEMANTIC_DESCRIPTOR, Map.of("m2m:smd",
                attrs("dcrp", 5L, "dsp", turtle, "at", List.of("/id-in"), "aa", List.of("soe"))));
        assertEquals(ResponseStatusCode.BAD_REQUEST, soe.responseStatusCode, "semanticOpExec is NA: " + soe.content);
    }
}
