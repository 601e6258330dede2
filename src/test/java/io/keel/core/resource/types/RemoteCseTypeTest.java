package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.CseIdentity;
import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.store.FakeStore;
import io.keel.primitive.OneM2MException;
import java.time.Instant;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <remoteCSE>}: TS-0004 7.4.4 and the registrar's side of CSE registration (TS-0001 10.2.2.7). */
class RemoteCseTypeTest {
    private static final String MN = "/id-mn";
    private final CoreFixture cse = new CoreFixture();

    RemoteCseTypeTest() {
        cse.ae("Cae1", "app1");
        // The CSEBase is governed by a policy that grants nothing to the registering CSE.
        cse.acp("acpCb", CoreFixture.CSE_BASE, "cbPolicy", List.of("Cnobody"), List.of("Cnobody"));
        cse.tree.stored(CoreFixture.CSE_BASE).attributes.put("acpi", List.of("acpCb"));
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private static Map<String, Object> csr(Object... more) {
        Map<String, Object> attributes = map("cb", "/id-mn/cse-mn", "rr", true, "srv", List.of("3"), "cst", 2,
                "poa", List.of("http://10.0.0.2:8080"));
        attributes.putAll(map(more));
        return map("m2m:csr", attributes);
    }

    /** A request the HTTP binding authenticated (keel.auth.credentials admitted its originator). */
    private RequestPrimitive authenticated(RequestPrimitive req) {
        req.originatorAuthenticated = true;
        return req;
    }

    private ResponsePrimitive register(String from, Map<String, Object> content) {
        return cse.send(authenticated(cse.create("cse-in", from, ResourceTypes.REMOTE_CSE, content)));
    }

    @Test
    void ts0004_7_4_4_2_1_anAuthenticatedCseRegistersWithoutCreatePrivilegeAndIsNamedByItsCseId() {
        ResponsePrimitive rsp = register(MN, csr());

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> created = body(rsp, "m2m:csr");
        assertEquals("id-mn", created.get("ri"));
        assertEquals("id-mn", created.get("rn"), "without rn it is named by its CSE-ID");
        assertEquals(MN, created.get("csi"), "csi is the From parameter (Recv-6.5)");
        assertEquals(16, created.get("ty"));
        assertEquals(List.of("http://10.0.0.2:8080"), created.get("poa"));
        assertEquals(2L, created.get("cst"));
        assertNotNull(cse.tree.findByStructuredName("cse-in/id-mn"));
    }

    @Test
    void ts0004_7_4_4_2_1_anAbsoluteCseIdOfThisServiceProviderRegistersAsItsSpRelativeForm() {
        ResponsePrimitive rsp = register("//keel.example.net/id-mn", csr());

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(MN, body(rsp, "m2m:csr").get("csi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cae1", "/id-in/Cae1", "CAdmin"})
    void ts0004_7_4_4_2_1_anAeOriginatorIs4005(String ae) {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, register(ae, csr()));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_4_2_1_aCseWithoutValidCredentialsIs4107() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in", MN, ResourceTypes.REMOTE_CSE, csr()));

        assertRsc(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED, rsp);
        assertNull(cse.tree.find("id-mn"));
    }

    @Test
    void ts0004_7_4_4_2_1_aSecondRegistrationOfTheSameCseIdIs4117AndNothingChanges() {
        assertRsc(ResponseStatusCode.CREATED, register(MN, csr()));
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED, register(MN, csr()));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED, register(MN, csr("rn", "otherName")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_4_2_1_anAsnCseHasNoRegistrees4005() {
        CseIdentity asn = new CseIdentity("id-asn", "cse-asn", "keel.example.net", 3, "CAdmin", List.of("C*"), 3600, 100,
                1000, List.of());
        FakeStore store = new FakeStore();
        Resource base = store.tree.add("id-asn", null, ResourceTypes.CSE_BASE, "cse-asn");
        RequestPrimitive req = authenticated(cse.create("cse-asn", MN, ResourceTypes.REMOTE_CSE, csr()));
        Resource draft = new Resource();
        draft.ty = ResourceTypes.REMOTE_CSE;

        OneM2MException refused = assertThrows(OneM2MException.class, () -> store.write(tx -> {
            new RemoteCseType().prepareCreate(new ResourceOperation(tx, req, asn, Instant.now(), base, draft,
                    map("cb", "/id-mn/cse-mn", "rr", true, "srv", List.of("3")), null));
            return null;
        }));
        assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, refused.rsc());
    }

    @Test
    void ts0004_7_4_3_theCseBaseListsRemoteCseAmongItsSupportedTypes() {
        assertTrue(cse.types.supported().contains(ResourceTypes.REMOTE_CSE));
    }

    @Test
    void ts0004_7_4_4_2_1_thisCseItselfCannotRegisterHere4005() {
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, register("/id-in", csr()));
    }

    @Test
    void ts0004_7_4_4_2_1_csiGivenMustBeTheOriginatorsCseId() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, register(MN, csr("csi", "/id-other")));
        assertEquals(before, cse.snapshot());
        assertRsc(ResponseStatusCode.CREATED, register(MN, csr("csi", MN)));
    }

    @Test
    void ts0004_7_4_4_1_cseBaseRequestReachabilityAndSrvAreMandatory4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, register(MN, map("m2m:csr", map("rr", true, "srv", List.of("3")))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, register(MN, map("m2m:csr", map("cb", "/id-mn/cse-mn", "srv", List.of("3")))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, register(MN, map("m2m:csr", map("cb", "/id-mn/cse-mn", "rr", true))));
        assertNull(cse.tree.find("id-mn"));
    }

    @Test
    void ts0004_7_4_4_2_1_aRegistreeStatesItsDescendantCses() {
        ResponsePrimitive rsp = register(MN, csr("dcse", List.of("/id-asn")));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(List.of("/id-asn"), cse.tree.find("id-mn").get("dcse"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"esi", "mtcc", "egid", "ape"})
    void ts0004_7_4_4_1_attributesKeelDoesNotSupportAreRefusedByName(String sn) {
        ResponsePrimitive rsp = register(MN, csr(sn, List.of("x")));

        assertRsc(ResponseStatusCode.NOT_IMPLEMENTED, rsp);
        assertTrue(String.valueOf(rsp.content).contains("not supported"), String.valueOf(rsp.content));
        assertNull(cse.tree.find("id-mn"));
    }

    @Test
    void ts0004_7_4_4_1_cseTypeCseIdAndCseBaseAreFixedButPointOfAccessIsUpdatable() {
        assertRsc(ResponseStatusCode.CREATED, register(MN, csr()));

        for (Object[] change : new Object[][] {{"cst", 3}, {"csi", "/id-x"}, {"cb", "/id-mn/other"}}) {
            ResponsePrimitive rsp = cse.send(authenticated(cse.update("cse-in/id-mn", MN, map("m2m:csr", map(change)))));
            assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        }
        ResponsePrimitive rsp = cse.send(authenticated(cse.update("cse-in/id-mn", MN,
                map("m2m:csr", map("poa", List.of("http://10.0.0.3:8080"))))));
        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertEquals(List.of("http://10.0.0.3:8080"), cse.tree.find("id-mn").get("poa"));
        assertEquals(MN, cse.tree.find("id-mn").get("csi"));
    }

    @Test
    void ts0004_7_4_4_2_4_deletingTheRemoteCseDeregistersAndTheCseMayRegisterAgain() {
        assertRsc(ResponseStatusCode.CREATED, register(MN, csr()));

        assertRsc(ResponseStatusCode.DELETED, cse.send(authenticated(cse.request(Operation.DELETE, "cse-in/id-mn", MN))));
        assertNull(cse.tree.find("id-mn"));
        assertRsc(ResponseStatusCode.CREATED, register(MN, csr()));
        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/id-mn", CoreFixture.ADMIN)));
    }

    @Test
    void ts0004_7_4_4_1_aRegisteredCseRetrievesTheCseBaseAndCreatesItsChildren() {
        assertRsc(ResponseStatusCode.CREATED, register(MN, csr()));

        assertRsc(ResponseStatusCode.OK, cse.send(authenticated(cse.request(Operation.RETRIEVE, "cse-in", MN))));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                cse.send(authenticated(cse.request(Operation.RETRIEVE, "cse-in", "/id-other"))));
        ResponsePrimitive cnt = cse.send(authenticated(cse.create("cse-in/id-mn", MN, ResourceTypes.CONTAINER,
                map("m2m:cnt", map("rn", "box")))));
        assertRsc(ResponseStatusCode.CREATED, cnt);
        assertNotNull(cse.tree.findByStructuredName("cse-in/id-mn/box"));
    }
}
