package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The target CSE's side of announcement (TS-0004 7.4.26, TS-0001 9.6.26): the announced types are ordinary resources,
 * created by the announcing CSE below its {@code <remoteCSE>}, retrieved, and refused where the original type's rules
 * refuse them.
 */
class AnnouncedResourceTest {
    private static final String ET = "20991231T000000";
    private final CoreFixture core = new CoreFixture();

    @AfterEach
    void tearDown() {
        core.close();
    }

    /** The MN's {@code <remoteCSE>} on this IN, as its registration leaves it. */
    private Resource registeredMn() {
        Resource csr = core.add("id-mn", CoreFixture.CSE_BASE, ResourceTypes.REMOTE_CSE, "id-mn");
        csr.origin = "/id-mn";
        csr.attributes.put("csi", "/id-mn");
        csr.attributes.put("cb", "/id-mn/cse-mn");
        csr.attributes.put("rr", true);
        return csr;
    }

    private RequestPrimitive fromMn(RequestPrimitive req) {
        req.originatorAuthenticated = true; // the MN's credentials (TS-0004 7.3.2.1)
        return req;
    }

    private static void badRequest(ResponsePrimitive rsp, String... why) {
        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode, String.join("", why) + ": " + rsp.content);
    }

    @Test
    void ts0004_7_4_26_1_eachAnnouncedTypeIsDeclaredFromItsOriginal() {
        for (int ty : List.of(ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.AE, ResourceTypes.CONTAINER,
                ResourceTypes.CONTENT_INSTANCE, ResourceTypes.GROUP)) {
            ResourceType original = core.types.require(ty);
            ResourceType announced = core.types.require(10_000 + ty);
            assertEquals("m2m:" + original.shortName() + "A", announced.rootElement());
            assertEquals(Presence.MANDATORY, announced.attribute("lnk").onCreate(), announced.rootElement());
            for (String sn : original.announcedAttributes()) {
                assertEquals(original.attribute(sn).type(), announced.attribute(sn).type(), sn);
            }
            assertTrue(core.types.supported().contains(10_000 + ty), "srt lists " + (10_000 + ty));
        }
        assertEquals(Presence.MANDATORY, core.types.require(10_001).attribute("pv").onCreate(), "pv is MA");
        assertEquals(Presence.OPTIONAL, core.types.require(10_003).attribute("mni").onCreate(), "mni is OA");
        assertTrue(core.types.require(10_003).childTypes().containsAll(List.of(10_003, 10_004)));
    }

    @Test
    void ts0004_7_4_26_2_2_theAnnouncingCseCreatesAnAnnouncedContainerBelowItsRemoteCseAndAnyoneAllowedRetrievesIt() {
        registeredMn();
        ResponsePrimitive created = core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_003,
                Map.of("m2m:cntA", map("lnk", "/id-mn/cnt1", "et", ET, "mni", 10, "lbl", List.of("room:kitchen"))))));
        assertRsc(ResponseStatusCode.CREATED, created);
        Map<String, Object> cntA = body(created, "m2m:cntA");
        assertEquals(10_003, ((Number) cntA.get("ty")).intValue());
        assertEquals("/id-mn/cnt1", cntA.get("lnk"));
        assertEquals("id-mn", cntA.get("pi"));

        ResponsePrimitive got = core.send(core.request(Operation.RETRIEVE, (String) cntA.get("ri"), CoreFixture.ADMIN));
        assertRsc(ResponseStatusCode.OK, got);
        assertEquals(10L, ((Number) body(got, "m2m:cntA").get("mni")).longValue());

        ResponsePrimitive stranger = core.send(core.request(Operation.RETRIEVE, (String) cntA.get("ri"), CoreFixture.STRANGER));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, stranger);
    }

    /** TS-0001 9.6.9 and table 9.6.4-1: scheduleAnnc (10018) below a remoteCSE, se and nco OA, se checked as in the original. */
    @Test
    void ts0001_9_6_9_anAnnouncedScheduleIsCreatedBelowTheRemoteCseWithItsEntriesChecked() {
        registeredMn();
        ResponsePrimitive bad = core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_018,
                Map.of("m2m:schA", map("lnk", "/id-mn/sch1", "et", ET, "se", map("sce", List.of("* * 25 * * * *")))))));
        badRequest(bad, "an hour 25");
        assertTrue(String.valueOf(bad.content).contains("field hour"), String.valueOf(bad.content));
        ResponsePrimitive created = core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_018,
                Map.of("m2m:schA", map("lnk", "/id-mn/sch1", "et", ET, "se", map("sce", List.of("* * 8-20 * * * *")))))));
        assertRsc(ResponseStatusCode.CREATED, created);
        Map<String, Object> schA = body(created, "m2m:schA");
        assertEquals(10_018, ((Number) schA.get("ty")).intValue());
        assertEquals(Map.of("sce", List.of("* * 8-20 * * * *")), schA.get("se"));
        assertEquals(Presence.OPTIONAL, core.types.require(10_018).attribute("nco").onCreate(), "nco is OA");
    }

    @Test
    void ts0001_9_6_35_eachFlexContainerSpecializationHasItsAnnouncedVariant() {
        ResourceType binShAnnc = core.types.byRootElement("cod:binShAnnc");
        assertEquals(10_028, binShAnnc.ty());
        assertEquals(Presence.MANDATORY, binShAnnc.attribute("cnd").onCreate(), "cnd is MA");
        assertEquals(Presence.OPTIONAL, binShAnnc.attribute("state").onCreate(), "a custom attribute is OA");
        assertEquals(null, binShAnnc.attribute("cs"), "contentSize is NA");
        assertTrue(binShAnnc.childTypes().containsAll(List.of(10_003, 10_028)));
        assertEquals("m2m:fcntA", core.types.require(10_028).rootElement(), "the generic type's");
    }

    @Test
    void ts0004_7_4_37_anAnnouncedFlexContainerIsCreatedRetrievedAndUpdatedAsItsSpecialization() {
        registeredMn();
        ResponsePrimitive created = core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_028,
                Map.of("cod:binShAnnc", map("lnk", "/id-mn/fcnt1", "et", ET,
                        "cnd", "org.onem2m.common.moduleclass.binarySwitch", "state", true)))));
        assertRsc(ResponseStatusCode.CREATED, created);
        String ri = (String) body(created, "cod:binShAnnc").get("ri");

        ResponsePrimitive updated = core.send(fromMn(core.update(ri, "/id-mn",
                Map.of("cod:binShAnnc", map("state", false)))));
        assertRsc(ResponseStatusCode.UPDATED, updated);
        ResponsePrimitive got = core.send(core.request(Operation.RETRIEVE, ri, CoreFixture.ADMIN));
        assertEquals(false, body(got, "cod:binShAnnc").get("state"));

        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_028,
                Map.of("cod:binShAnnc", map("lnk", "/id-mn/fcnt2", "et", ET,
                        "cnd", "org.onem2m.common.moduleclass.temperature"))))), "another specialization's cnd");
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_028,
                Map.of("cod:binShAnnc", map("lnk", "/id-mn/fcnt2", "et", ET,
                        "cnd", "org.onem2m.common.moduleclass.binarySwitch", "state", 3))))), "state is a boolean");
    }

    @Test
    void ts0004_7_4_26_1_lnkAndEtAreMandatoryRnIsNotPermittedAndOnlyAnnouncedAttributesAreKnown() {
        registeredMn();
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_003,
                Map.of("m2m:cntA", map("et", ET, "mni", 10))))), "lnk missing");
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_003,
                Map.of("m2m:cntA", map("lnk", "/id-mn/cnt1"))))), "et missing");
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_003,
                Map.of("m2m:cntA", map("lnk", "/id-mn/cnt1", "et", ET, "rn", "mine"))))), "rn is the target's choice");
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_003,
                Map.of("m2m:cntA", map("lnk", "/id-mn/cnt1", "et", ET, "cr", "x"))))));
    }

    @Test
    void ts0001_9_6_26_anAnnouncedInstanceGoesBelowAnAnnouncedContainerOnly() {
        registeredMn();
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, core.send(fromMn(core.create("cse-in/id-mn", "/id-mn",
                10_004, Map.of("m2m:cinA", map("lnk", "/id-mn/cin1", "et", ET, "con", "x"))))));
    }

    /** TS-0001 tables 9.6.30-2, 9.6.50-2, 9.6.51-2: the semantic types' announced variants and where they may go. */
    @Test
    void ts0004_7_4_26_1_theSemanticTypesAreAnnouncedWithTheirOptionalAnnouncedAttributes() {
        ResourceType smdA = core.types.require(10_024);
        assertEquals("m2m:smdA", smdA.rootElement());
        for (String oa : List.of("dcrp", "dsp", "or", "rels", "svd", "vlde")) {
            assertEquals(Presence.OPTIONAL, smdA.attribute(oa).onCreate(), oa + " is OA");
        }
        assertEquals(null, smdA.attribute("soe"), "semanticOpExec is NA");
        ResourceType ontrA = core.types.require(10_038);
        assertEquals("m2m:ontrA", ontrA.rootElement());
        assertEquals(java.util.Set.of(10_039), ontrA.childTypes(), "the announced ontologies go below it");
        ResourceType ontA = core.types.require(10_039);
        for (String oa : List.of("dc", "ontf", "ontc")) {
            assertEquals(Presence.OPTIONAL, ontA.attribute(oa).onCreate(), oa + " is OA");
        }
        assertTrue(core.types.require(ResourceTypes.REMOTE_CSE).childTypes().containsAll(List.of(10_024, 10_038)));
        for (int annc : List.of(10_002, 10_003, 10_004)) {
            assertTrue(core.types.require(annc).childTypes().contains(10_024), annc + " takes semanticDescriptorAnnc");
        }
    }

    @Test
    void ts0004_7_4_34_anAnnouncedDescriptorMustBeReadableInItsRepresentation() {
        registeredMn();
        String turtle = java.util.Base64.getEncoder().encodeToString("<urn:a> <urn:b> <urn:c> .".getBytes());
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_024,
                Map.of("m2m:smdA", map("lnk", "/id-mn/smd1", "et", ET, "dsp", turtle))))), "dsp without dcrp");
        badRequest(core.send(fromMn(core.create("cse-in/id-mn", "/id-mn", 10_024,
                Map.of("m2m:smdA", map("lnk", "/id-mn/smd1", "et", ET, "dcrp", 5, "dsp", "bm90IHR1cnRsZQ=="))))),
                "dsp that does not parse");
    }
}
