package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer of a decision point, m2m:securityInfo with m2m:dynAuthDasResponse (TS-0004 6.3.5.47, 6.3.5.48). */
class DecisionPointTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static DasDecision read(Object content) {
        return DecisionPoint.read(content, "http://das", "http://das", "dac1", NOW);
    }

    private static Map<String, Object> answer(Object dres) {
        return Map.of("m2m:sei", Map.of("sit", 2, "dres", dres));
    }

    @Test
    void ts0003_7_3_2_2_grantedPrivilegesWithTheirLifetime() {
        DasDecision d = read(answer(Map.of("dai", Map.of("gp", Map.of("acr", List.of(Map.of("acor", List.of("Cae"), "acop", 2))),
                "pl", "60000"))));
        assertNull(d.refusal());
        assertEquals(NOW.plusSeconds(60), d.until());
        assertTrue(d.lastsBeyond(NOW));
        assertEquals(1, SetOfAcrs.rules(d.grantedPrivileges(), id -> id).size());
    }

    @Test
    void ts0003_7_3_2_2_anAbsoluteLifetime() {
        DasDecision d = read(answer(Map.of("dai", Map.of("gp", Map.of("acr", List.of()), "pl", "20260101T000100"))));
        assertEquals(NOW.plusSeconds(60), d.until());
    }

    @Test
    void ts0003_7_3_2_2_withoutLifetimeTheDecisionIsForThisRequestOnly() {
        DasDecision d = read(answer(Map.of("dai", Map.of("gp", Map.of("acr", List.of())))));
        assertNotNull(d.grantedPrivileges());
        assertEquals(false, d.lastsBeyond(NOW));
    }

    @Test
    void ts0001_11_5_2_noContentGrantsNothing() {
        assertTrue(read(null).refusal().contains("granted nothing"));
        assertTrue(read(Map.of("m2m:sei", Map.of("sit", 2))).refusal().contains("granted nothing"));
        assertTrue(read(answer(Map.of("tkns", List.of()))).refusal().contains("granted no privileges"));
    }

    @Test
    void garbageIsARefusalThatSaysWhy() {
        assertTrue(read("text").refusal().contains("m2m:securityInfo"));
        assertTrue(read(Map.of("m2m:sei", Map.of("sit", 1))).refusal().contains("securityInfoType 2"));
        assertTrue(read(answer("dres")).refusal().contains("m2m:dynAuthDasResponse"));
        assertTrue(read(answer(Map.of("dai", Map.of("gp", Map.of("acr", List.of(Map.of("acop", 2))))))).refusal()
                .contains("m2m:dynAuthDasResponse"), "a rule without acor");
        assertTrue(read(answer(Map.of("dai", Map.of("gp", Map.of("acr", List.of()), "pl", "soon")))).refusal()
                .contains("pl"));
    }

    @Test
    void ts0004_6_3_5_47_tokensAreReadBesideOrWithoutGrantedPrivileges() {
        DasDecision d = read(answer(Map.of("tkns", List.of("a.b.c", " d.e.f "))));
        assertNull(d.refusal());
        assertNull(d.grantedPrivileges());
        assertEquals(List.of("a.b.c", "d.e.f"), d.tokens());
        DasDecision both = read(answer(Map.of("tkns", List.of("a.b.c"), "dai", Map.of("gp", Map.of("acr", List.of()), "pl", "60000"))));
        assertEquals(List.of("a.b.c"), both.tokens());
        assertTrue(both.lastsBeyond(NOW));
    }

    @Test
    void ts0004_6_3_5_47_tokensThatAreNoListOfStringsAreGarbage() {
        assertTrue(read(answer(Map.of("tkns", "a.b.c"))).refusal().contains("m2m:dynAuthDasResponse"));
        assertTrue(read(answer(Map.of("tkns", List.of(5)))).refusal().contains("dres.tkns"));
    }

    @Test
    void ts0003_7_3_2_2_3_2_authorSignReqInfoComesWithTheTokensAndThePointThatAnswered() {
        DasDecision d = read(answer(Map.of("tkns", List.of("jwt"), "asri", true)));
        assertTrue(d.signaturesRequested());
        assertEquals("http://das", d.point());
        assertEquals(false, read(answer(Map.of("tkns", List.of("jwt")))).signaturesRequested());
        assertTrue(read(answer(Map.of("tkns", List.of("jwt"), "asri", "maybe"))).refusal().contains("asri"));
    }

    @Test
    void ts0004_7_5_1_2_10_theAuthorSignIndicatorOfTheRequestGoesToTheDecisionPoint() {
        io.keel.core.resource.Resource dac = new io.keel.core.resource.Resource();
        dac.ri = "dac1";
        io.keel.core.resource.Resource target = new io.keel.core.resource.Resource();
        target.ri = "cnt1";
        target.ty = 3;
        io.keel.primitive.RequestPrimitive req = new io.keel.primitive.RequestPrimitive();
        req.from = "Cae1";
        assertEquals(null, DecisionPoint.dasRequest(dac, req, Permission.RETRIEVE, target, NOW).get("asi"));
        req.authorizationSignatureIndicator = true;
        assertEquals(true, DecisionPoint.dasRequest(dac, req, Permission.RETRIEVE, target, NOW).get("asi"));
    }
}
