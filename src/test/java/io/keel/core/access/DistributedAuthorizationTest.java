package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenSettings;
import io.keel.core.geo.RegisteredLocations;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.AuthorizationFunctions;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.InMemoryTree;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * This CSE as the PEP of distributed authorization (TS-0001 9.6.2, 11.6.2; TS-0003 7.5.2–7.5.4; TS-0004 7.3.3.15):
 * the PDPs, PRPs and PIPs an accessControlPolicy names by adri, apri and airi, of this CSE (in-process) or of another
 * (an Update over the outbound binding).
 */
class DistributedAuthorizationTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private final InMemoryTree tree = new InMemoryTree();
    private final TypeRegistry types = new TypeRegistry();
    private final Router router = new Router(CSE, types);
    private final AcpAccessPolicy policies = new AcpAccessPolicy(CSE, types, router, new Clock(), new RegisteredLocations(CSE),
            new TokenAuthority(TokenSettings.none(CSE), null));
    private final FakeFunctions local = new FakeFunctions();
    private final List<RequestPrimitive> sent = new ArrayList<>();
    /** What the other CSE answers; a future never completed: it does not answer. */
    private CompletableFuture<ResponsePrimitive> remoteAnswer = new CompletableFuture<>();
    private final DistributedAuthorization pep = new DistributedAuthorization(policies, policies, types, CSE, router, () -> local,
            request -> {
                sent.add(request);
                return remoteAnswer;
            }, new Clock(), 300, 100);

    DistributedAuthorizationTest() {
        tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in").origin = "id-in";
        add("Cae1", "id-in", ResourceTypes.AE, "cse-in/Cae1");
        add("Cae2", "id-in", ResourceTypes.AE, "cse-in/Cae2");
        add("pdp1", "id-in", ResourceTypes.AUTHORIZATION_DECISION, "cse-in/pdp1");
        add("pdp2", "id-in", ResourceTypes.AUTHORIZATION_DECISION, "cse-in/pdp2");
        add("prp1", "id-in", ResourceTypes.AUTHORIZATION_POLICY, "cse-in/prp1");
        add("pip1", "id-in", ResourceTypes.AUTHORIZATION_INFORMATION, "cse-in/pip1");
    }

    private Resource add(String ri, String pi, int ty, String srn) {
        Resource r = tree.add(ri, pi, ty, srn);
        r.origin = "Cae1";
        return r;
    }

    /** A container governed by one policy: pv with these rules, and the distributed attributes given. */
    private Resource governed(List<Map<String, Object>> pv, String sn, List<String> ids, Object... more) {
        Resource acp = add("acp", "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY, "cse-in/Cae1/acp");
        acp.attributes.put("pv", Map.of("acr", pv));
        acp.attributes.put("pvs", Map.of("acr", List.of(rule("Cae1", 63))));
        acp.attributes.put(sn, ids);
        for (int i = 0; i < more.length; i += 2) {
            acp.attributes.put((String) more[i], more[i + 1]);
        }
        Resource cnt = add("cnt", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/cnt");
        cnt.attributes.put("acpi", List.of("acp"));
        add("cin", "cnt", ResourceTypes.CONTENT_INSTANCE, "cse-in/Cae1/cnt/cin");
        return cnt;
    }

    private static Map<String, Object> rule(String acor, int acop) {
        return Map.of("acor", List.of(acor), "acop", (long) acop);
    }

    private static RequestPrimitive from(String originator) {
        RequestPrimitive req = new RequestPrimitive();
        req.from = originator;
        req.operation = Operation.RETRIEVE;
        req.to = "cnt";
        return req;
    }

    private AccessDecision retrieve(String originator, Resource target) {
        return pep.decide(tree, from(originator), Permission.RETRIEVE, target);
    }

    private static ResponsePrimitive updated(String root, Map<String, Object> answer) {
        ResponsePrimitive rsp = new ResponsePrimitive();
        rsp.responseStatusCode = ResponseStatusCode.UPDATED;
        rsp.content = Map.of(root, answer);
        return rsp;
    }

    @Test
    void ts0003_7_5_2_aLocalPdpThatPermitsGrants() {
        Resource cnt = governed(List.of(), "adri", List.of("pdp1"));
        local.decision = true;

        assertTrue(retrieve("Cae2", cnt).granted());
        assertEquals("cnt", local.decidedFor, "the PDP is asked about the target");
        assertTrue(retrieve("Cae2", tree.find("cin")).granted(), "a contentInstance takes its container's decision");
        assertTrue(sent.isEmpty(), "a PDP of this CSE is asked in-process");
    }

    @Test
    void ts0003_7_5_2_aPdpThatDeniesDeniesAndSaysSo() {
        Resource cnt = governed(List.of(), "adri", List.of("pdp1", "pdp2"));
        local.decision = false;

        AccessDecision d = retrieve("Cae2", cnt);

        assertFalse(d.granted());
        assertTrue(d.refusal().contains("the PDP pdp1 of acp denied retrieve to Cae2"), d.refusal());
        assertEquals(1, local.decisions, "a PDP that decided is the decision: the next is not asked");
    }

    @Test
    void ts0003_7_5_2_notApplicableAsksTheNextPdpAndNoneLeftDenies() {
        Resource cnt = governed(List.of(), "adri", List.of("pdp1", "pdp2"));
        local.decision = null;

        AccessDecision d = retrieve("Cae2", cnt);

        assertFalse(d.granted());
        assertEquals(2, local.decisions);
        assertTrue(d.refusal().contains("the PDP pdp2 has nothing that applies (NOT_APPLICABLE)"), d.refusal());
    }

    @Test
    void ts0003_7_5_2_anAddressThatIsNoPdpIsPassedOver() {
        Resource cnt = governed(List.of(), "adri", List.of("prp1", "missing", "pdp1"));
        local.decision = true;

        assertTrue(retrieve("Cae2", cnt).granted());
        assertFalse(governedRefusal(List.of("prp1")).granted());
    }

    private AccessDecision governedRefusal(List<String> adri) {
        tree.stored("acp").attributes.put("adri", adri);
        AccessDecision d = retrieve("Cae2", tree.find("cnt"));
        assertTrue(d.refusal().contains("prp1 is no <authorizationDecision>"), d.refusal());
        return d;
    }

    @Test
    void ts0004_7_3_3_15_distributedAuthorizationIsAskedOnlyWhenThePoliciesDeny() {
        Resource cnt = governed(List.of(), "adri", List.of("pdp1"));
        Resource other = add("acpOther", "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY, "cse-in/Cae1/acpOther");
        other.attributes.put("pv", Map.of("acr", List.of(rule("Cae2", 2))));
        cnt.attributes.put("acpi", List.of("acp", "acpOther"));
        local.decision = false;

        assertTrue(retrieve("Cae2", cnt).granted());
        assertEquals(0, local.decisions);
    }

    @Test
    void ts0003_7_5_2_thisCsesOwnPdpAsksNoPdp() {
        Resource cnt = governed(List.of(), "adri", List.of("pdp1"));
        local.decision = true;

        assertFalse(pep.asDecisionPoint().allows(tree, from("Cae2"), Permission.RETRIEVE, cnt));
        assertEquals(0, local.decisions, "its own evaluation does not consult itself");
    }

    @Test
    void ts0001_11_6_2_aRemotePdpGetsAnUpdateOfItsRequestAttributes() {
        Resource cnt = governed(List.of(), "adri", List.of("/id-mn/pdp"));
        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:auds", Map.of("dec", 1, "sus", 1)));
        RequestPrimitive req = from("Cae2");
        req.roleIds.add("r1");

        assertTrue(pep.decide(tree, req, Permission.DISCOVERY, cnt).granted());

        RequestPrimitive update = sent.get(0);
        assertEquals(Operation.UPDATE, update.operation);
        assertEquals("/id-mn/pdp", update.to);
        assertEquals("/id-in", update.from);
        Map<?, ?> auds = (Map<?, ?>) ((Map<?, ?>) update.content).get("m2m:auds");
        assertEquals("/id-in/cnt", auds.get("to"));
        assertEquals("/id-in/Cae2", auds.get("fr"));
        assertEquals(2L, auds.get("op"));
        assertEquals(1L, auds.get("fu"), "discovery is a Retrieve with filterUsage discovery");
        assertEquals(List.of("r1"), auds.get("rids"));
    }

    @Test
    void ts0003_7_5_2_aRemotePdpThatDeniesOrAnswersGarbageOrAnErrorDenies() {
        Resource cnt = governed(List.of(), "adri", List.of("/id-mn/pdp"));
        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:auds", Map.of("dec", 2, "sus", 1)));
        assertTrue(retrieve("Cae2", cnt).refusal().contains("denied"));

        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:auds", Map.of("dec", 7, "sus", 1)));
        assertTrue(retrieve("Cae2", cnt).refusal().contains("answered status 1 without a decision"));

        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:cnt", Map.of("sus", 1)));
        assertTrue(retrieve("Cae2", cnt).refusal().contains("answered no m2m:auds with a status (sus)"));

        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:auds", Map.of("sus", 5)));
        assertTrue(retrieve("Cae2", cnt).refusal().contains("answered status 5"));

        remoteAnswer = CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "gone"));
        AccessDecision d = retrieve("Cae2", cnt);
        assertFalse(d.granted());
        assertTrue(d.refusal().contains("answered 5103: gone"), d.refusal());
    }

    @Test
    void ts0003_7_5_2_aPdpThatDoesNotAnswerInTimeDenies() {
        Resource cnt = governed(List.of(), "adri", List.of("/id-mn/pdp", "/id-asn/pdp"));

        AccessDecision d = retrieve("Cae2", cnt);

        assertFalse(d.granted());
        assertTrue(d.refusal().contains("<authorizationDecision> /id-mn/pdp did not answer within keel.dynauth.timeout"), d.refusal());
        assertTrue(d.refusal().contains("no time was left within keel.dynauth.timeout to ask <authorizationDecision> /id-asn/pdp"),
                "the bound is for the whole decision: " + d.refusal());
        assertEquals(1, sent.size());
    }

    @Test
    void ts0003_7_5_3_theRulesOfAPrpAreMatchedAsPvWouldBe() {
        Resource cnt = governed(List.of(), "apri", List.of("prp1"));
        local.policies = List.of(Map.of("acr", List.of(rule("Cae2", 2))));

        assertTrue(retrieve("Cae2", cnt).granted());
        assertFalse(pep.decide(tree, from("Cae2"), Permission.DELETE, cnt).granted());
        assertTrue(pep.decide(tree, from("Cae2"), Permission.DELETE, cnt).refusal().contains("the PRP of acp gave do not grant delete"));
    }

    @Test
    void ts0003_7_5_3_aPrpWithNothingOrGarbageDenies() {
        Resource cnt = governed(List.of(), "apri", List.of("prp1", "/id-mn/prp"));
        local.policies = List.of();
        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:aupy", Map.of("sus", 1, "ca", 1, "ps", "rules")));

        AccessDecision d = retrieve("Cae2", cnt);

        assertFalse(d.granted());
        assertTrue(d.refusal().contains("the PRP prp1 has nothing that applies (NOT_APPLICABLE)"), d.refusal());
        assertTrue(d.refusal().contains("the PRP /id-mn/prp answered no m2m:setOfPermissions"), d.refusal());
    }

    @Test
    void ts0003_7_5_3_aRemotePrpsRulesGrant() {
        Resource cnt = governed(List.of(), "apri", List.of("/id-mn/prp"));
        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:aupy", Map.of("sus", 1, "ca", 1,
                "ps", Map.of("pv", List.of(Map.of("acr", List.of(rule("Cae2", 2))))))));

        assertTrue(retrieve("Cae2", cnt).granted());
        assertEquals(Map.of("to", "/id-in/cnt"), ((Map<?, ?>) sent.get(0).content).get("m2m:aupy"));
    }

    @Test
    void ts0003_7_5_4_theRolesAPipGivesMatchTheRulesOfPv() {
        Resource cnt = governed(List.of(rule("role-reader", 2)), "airi", List.of("pip1"));
        local.information = Map.of("m2m:rol", List.of(role("role-reader", "Cae2", -3600, 3600), role("role-writer", "Cae2", -3600, 3600)));

        assertTrue(retrieve("Cae2", cnt).granted());
        assertEquals("Cae2", local.informedOf);
        assertFalse(pep.decide(tree, from("Cae2"), Permission.UPDATE, cnt).granted());
    }

    @Test
    void ts0003_7_5_4_aRoleOfAnotherHolderOrOutOfItsTimeGivesNothing() {
        Resource cnt = governed(List.of(rule("role-reader", 2)), "airi", List.of("pip1"));
        local.information = Map.of("m2m:rol", List.of(role("role-reader", "Cae1", -3600, 3600), role("role-reader", "Cae2", 3600, 7200)));

        AccessDecision d = retrieve("Cae2", cnt);

        assertFalse(d.granted());
        assertTrue(d.refusal().contains("with the roles and tokens its PIP gave"), d.refusal());
    }

    @Test
    void ts0003_7_5_4_noPipAnsweringDenies() {
        Resource cnt = governed(List.of(rule("role-reader", 2)), "airi", List.of("pip1"));
        local.information = Map.of();
        assertTrue(retrieve("Cae2", cnt).refusal().contains("the PIP pip1 of acp has nothing that applies"));

        local.information = Map.of("m2m:rol", "garbage");
        assertTrue(retrieve("Cae2", cnt).refusal().contains("do not parse"));
    }

    @Test
    void ts0003_7_5_4_aPipServesTheRulesOfAPrpToo() {
        Resource cnt = governed(List.of(), "apri", List.of("prp1"), "airi", List.of("/id-mn/pip"));
        local.policies = List.of(Map.of("acr", List.of(rule("role-reader", 2))));
        remoteAnswer = CompletableFuture.completedFuture(updated("m2m:auif", Map.of("sus", 1,
                "m2m:rol", List.of(role("role-reader", "/id-in/Cae2", -3600, 3600)))));

        assertTrue(retrieve("Cae2", cnt).granted());
        assertEquals(Map.of("fr", "/id-in/Cae2"), ((Map<?, ?>) sent.get(0).content).get("m2m:auif"));
    }

    @Test
    void ts0004_7_3_3_15_withoutSuchPoliciesTheDecisionIsTheWrappedOne() {
        Resource cnt = add("plain", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/plain");
        AccessDecision d = retrieve("Cae2", cnt);
        assertFalse(d.granted());
        assertNull(d.refusal());
    }

    @Test
    void ts0004_7_3_3_14_discoveryShowsWhatThePdpGrants() {
        Resource cnt = governed(List.of(), "adri", List.of("pdp1"));
        local.decision = true;
        RequestPrimitive req = from("Cae2");
        req.to = "Cae1";

        assertTrue(pep.visible(tree, req, Permission.DISCOVERY).alsoVisible().contains(cnt.ri));
        local.decision = false;
        assertFalse(pep.visible(tree, req, Permission.DISCOVERY).alsoVisible().contains(cnt.ri));
    }

    private static Map<String, Object> role(String id, String holder, long fromSeconds, long toSeconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rlid", id);
        r.put("tkhd", holder);
        r.put("tknb", Timestamps.format(Instant.now().plusSeconds(fromSeconds)));
        r.put("tkna", Timestamps.format(Instant.now().plusSeconds(toSeconds)));
        return r;
    }

    /** This CSE's own PDP, PRP and PIP, answering as told. */
    private static final class FakeFunctions implements AuthorizationFunctions {
        Boolean decision;
        int decisions;
        String decidedFor;
        List<Map<String, Object>> policies;
        Map<String, ?> information = Map.of();
        String informedOf;

        @Override
        public Boolean decide(ResourceTree tree, RequestPrimitive asked, Permission permission, String to) {
            decisions++;
            decidedFor = to;
            return decision;
        }

        @Override
        public List<Map<String, Object>> policies(ResourceTree tree, String to) {
            return policies;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, List<Map<String, Object>>> information(ResourceTree tree, String from, List<String> roleIds,
                                                                  List<String> tokenIds) {
            informedOf = from;
            return (Map<String, List<Map<String, Object>>>) information;
        }
    }
}
