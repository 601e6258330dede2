package io.keel.core.access;

import io.keel.core.geo.RegisteredLocations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenKey;
import io.keel.core.access.token.TokenPermissions;
import io.keel.core.access.token.TokenSettings;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.InMemoryTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Role IDs and token permissions in the access decision (TS-0004 7.3.3.15, TS-0003 7.3.2.5, 7.4.3): a role counts only
 * when a {@code <role>} or a verified token proves it; a token's privileges hold on its resourceIDs only.
 */
class RolesAndTokensAccessTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private static final String READER = "reader@keel.example.net";
    private final InMemoryTree tree = new InMemoryTree();
    private final TokenAuthority tokens;
    private final io.keel.core.store.FakeStore cache = new io.keel.core.store.FakeStore();
    private final AcpAccessPolicy access;

    RolesAndTokensAccessTest() throws Exception {
        String issuer = "//keel.example.net/id-in";
        tokens = new TokenAuthority(new TokenSettings(null, issuer, issuer, 3_600_000),
                TokenKey.of(new OctetSequenceKeyGenerator(256).generate()));
        tokens.cacheIn(new io.keel.core.access.token.LocalTokenIds(cache));
        TypeRegistry types = new TypeRegistry();
        access = new AcpAccessPolicy(CSE, types, new Router(CSE, types), new Clock(), new RegisteredLocations(CSE), tokens);
        tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in").origin = "id-in";
        for (String ae : List.of("Cae1", "Cae2", "Cae3")) {
            add(ae, "id-in", ResourceTypes.AE, "cse-in/" + ae, ae);
        }
        policy("acpRoles", List.of(Map.of("acor", List.of(READER), "acop", 34L)));
        policy("acpNobody", List.of(Map.of("acor", List.of("Cnobody"), "acop", 63L)));
        add("guarded", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/guarded", "Cae1").attributes.put("acpi", List.of("acpRoles"));
        add("plain", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/plain", "Cae1").attributes.put("acpi", List.of("acpNobody"));
        add("cinPlain", "plain", ResourceTypes.CONTENT_INSTANCE, "cse-in/Cae1/plain/cin", "Cae1");
        Instant now = Instant.now();
        role("rlCae2", READER, "Cae2", now.minusSeconds(60), now.plusSeconds(3600));
        role("rlExpired", READER, "Cae3", now.minusSeconds(3600), now.minusSeconds(60));
    }

    private Resource add(String ri, String pi, int ty, String srn, String origin) {
        Resource r = tree.add(ri, pi, ty, srn);
        r.origin = origin;
        return r;
    }

    private void policy(String ri, List<Map<String, Object>> pv) {
        Resource acp = add(ri, "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY, "cse-in/Cae1/" + ri, "Cae1");
        acp.attributes.put("pv", Map.of("acr", pv));
        acp.attributes.put("pvs", Map.of("acr", List.of(Map.of("acor", List.of("Cae1"), "acop", 63L))));
    }

    private void role(String ri, String roleId, String holder, Instant nbf, Instant naf) {
        Resource r = add(ri, "id-in", ResourceTypes.ROLE, "cse-in/" + ri, "CAdmin");
        r.attributes.put("rlid", roleId);
        r.attributes.put("tkis", "CAdmin");
        r.attributes.put("tkhd", holder);
        r.attributes.put("tknb", Timestamps.format(nbf));
        r.attributes.put("tkna", Timestamps.format(naf));
    }

    private String token(String holder, Map<String, Object> permissions) {
        return tokens.issue(null, holder, null, null, null, null,
                permissions == null ? null : TokenPermissions.normalize("tkps", permissions, false), null, Instant.now()).token();
    }

    private static RequestPrimitive from(String originator) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.from = originator;
        return req;
    }

    private static RequestPrimitive withRoles(String originator, String... roles) {
        RequestPrimitive req = from(originator);
        req.roleIds.addAll(List.of(roles));
        return req;
    }

    private static RequestPrimitive withToken(String originator, String token) {
        RequestPrimitive req = from(originator);
        req.tokens.add(token);
        return req;
    }

    private boolean allows(RequestPrimitive req, Permission p, String ri) {
        return access.allows(tree, req, p, tree.find(ri));
    }

    @Test
    void ts0004_7_3_3_15_aRoleIdInAcorGrantsTheHolderOfTheRole() {
        assertTrue(allows(withRoles("Cae2", READER), Permission.RETRIEVE, "guarded"));
        assertTrue(allows(withRoles("/id-in/Cae2", READER), Permission.DISCOVERY, "guarded"), "SP-relative originator");
        assertFalse(allows(withRoles("Cae2", READER), Permission.DELETE, "guarded"), "the rule's acop still applies");
    }

    @Test
    void ts0003_7_4_3_aRoleIdWithoutProofGrantsNothing() {
        assertFalse(allows(withRoles("Cae1", READER), Permission.RETRIEVE, "guarded"), "nobody assigned the role to Cae1");
        assertFalse(allows(withRoles("Cae3", READER), Permission.RETRIEVE, "guarded"), "Cae3's role expired");
        assertFalse(allows(from("Cae2"), Permission.RETRIEVE, "guarded"), "a role counts when the request names it");
        assertFalse(allows(withRoles("Cae2", "other@keel.example.net"), Permission.RETRIEVE, "guarded"));
    }

    @Test
    void ts0003_7_3_2_5_aTokenCarryingTheRoleGrants() {
        String token = token("Cae3", Map.of("pm", List.of(Map.of("rids", List.of(READER)))));
        assertTrue(allows(withToken("Cae3", token), Permission.RETRIEVE, "guarded"));
        assertFalse(allows(withToken("Cae3", token), Permission.UPDATE, "guarded"));
        assertFalse(allows(from("Cae3"), Permission.RETRIEVE, "guarded"));
    }

    @Test
    void ts0003_7_3_2_5_tokenPrivilegesHoldOnTheirResourcesOnly() {
        String token = token("Cae3", Map.of("pm", List.of(Map.of("ris", List.of("plain"),
                "pv", Map.of("acr", List.of(Map.of("acor", List.of("Cae3"), "acop", 2L)))))));
        assertTrue(allows(withToken("Cae3", token), Permission.RETRIEVE, "plain"));
        assertTrue(allows(withToken("Cae3", token), Permission.RETRIEVE, "cinPlain"), "an instance takes its container's decision");
        assertFalse(allows(withToken("Cae3", token), Permission.UPDATE, "plain"));
        assertFalse(allows(withToken("Cae3", token), Permission.RETRIEVE, "guarded"), "not among its resourceIDs");
    }

    @Test
    void ts0003_7_3_2_5_rolesOfAScopedPermissionHoldOnItsResourcesOnly() {
        String token = token("Cae3", Map.of("pm", List.of(Map.of("ris", List.of("plain"), "rids", List.of(READER)))));
        assertFalse(allows(withToken("Cae3", token), Permission.RETRIEVE, "guarded"));
        String onGuarded = token("Cae3", Map.of("pm", List.of(Map.of("ris", List.of("guarded"), "rids", List.of(READER)))));
        assertTrue(allows(withToken("Cae3", onGuarded), Permission.RETRIEVE, "guarded"));
    }

    @Test
    void ts0003_7_3_2_3_aTokenOfAnotherHolderRefusesTheRequest() {
        String token = token("Cae2", Map.of("pm", List.of(Map.of("rids", List.of(READER)))));
        OneM2MException e = assertThrows(OneM2MException.class, () -> allows(withToken("Cae3", token), Permission.RETRIEVE, "guarded"));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertTrue(e.getMessage().contains("held by Cae2"), e.getMessage());
        OneM2MException admin = assertThrows(OneM2MException.class,
                () -> allows(withToken("CAdmin", "garbage"), Permission.RETRIEVE, "guarded"));
        assertEquals(ResponseStatusCode.BAD_REQUEST, admin.rsc(), "a bad token is refused even for the administrator");
    }

    @Test
    void ts0003_7_4_3_aStoredTokenIsNamedByItsTokenId() {
        String token = token("Cae3", Map.of("pm", List.of(Map.of("rids", List.of(READER)))));
        String tkid = tokens.authentic(token).tokenId();
        Resource stored = add("tk1", "id-in", ResourceTypes.TOKEN, "cse-in/tk1", "CAdmin");
        stored.attributes.put("tkid", tkid);
        stored.attributes.put("tkob", token);
        RequestPrimitive req = from("Cae3");
        req.tokenIds.add(tkid);
        assertTrue(allows(req, Permission.RETRIEVE, "guarded"));
        RequestPrimitive unknown = from("Cae3");
        unknown.tokenIds.add("nothing@keel.example.net");
        OneM2MException e = assertThrows(OneM2MException.class, () -> allows(unknown, Permission.RETRIEVE, "guarded"));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, e.rsc());
        assertTrue(e.getMessage().contains("nothing@keel.example.net"), e.getMessage());
    }

    @Test
    void ts0003_7_3_2_3_aLocalTokenIdNamesTheTokenItWasAssigned() {
        String token = token("Cae3", Map.of("pm", List.of(Map.of("rids", List.of(READER)))));
        Map<String, Object> ati = access.assignedTokenIdentifiers(withToken("Cae3", token));
        Map<?, ?> assignment = (Map<?, ?>) ((List<?>) ati.get("ltia")).get(0);
        assertEquals(tokens.authentic(token).tokenId(), assignment.get("tkid"));
        RequestPrimitive req = from("Cae3");
        req.localTokenIds.add((String) assignment.get("lti"));
        assertTrue(allows(req, Permission.RETRIEVE, "guarded"));
        assertEquals(ati, access.assignedTokenIdentifiers(withToken("Cae3", token)), "a token keeps its Local-Token-ID");
        RequestPrimitive unknown = from("Cae3");
        unknown.localTokenIds.add("ltnone");
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                assertThrows(OneM2MException.class, () -> allows(unknown, Permission.RETRIEVE, "guarded")).rsc());
    }

    @Test
    void ts0004_7_3_3_15_visibilityCountsProvenRolesAndTokenGrants() {
        assertEquals(List.of("acpRoles"), access.visible(tree, withRoles("Cae2", READER), Permission.DISCOVERY).granting());
        assertEquals(List.of(), access.visible(tree, withRoles("Cae1", READER), Permission.DISCOVERY).granting());
        String token = token("Cae3", Map.of("pm", List.of(Map.of("ris", List.of("plain", "guarded"),
                "pv", Map.of("acr", List.of(Map.of("acor", List.of("Cae3"), "acop", 32L)))))));
        Visibility v = access.visible(tree, withToken("Cae3", token), Permission.DISCOVERY);
        assertEquals(List.of("plain", "guarded"), v.tokenGranted());
        assertTrue(v.inheriting().contains(ResourceTypes.CONTENT_INSTANCE));
        assertEquals(List.of(), access.visible(tree, withToken("Cae3", token), Permission.RETRIEVE).tokenGranted());
    }

    @Test
    void ts0004_7_4_45_2_3_thePipGivesTheRolesAndUsableTokensOfTheOriginator() {
        ProvenCredentials pip = new ProvenCredentials(CSE, tokens, id -> id);
        String mine = token("Cae2", null);
        String others = token("Cae3", null);
        storeToken("tkMine", mine);
        storeToken("tkOthers", others);
        Instant now = Instant.now();
        ProvenCredentials.Information all = pip.information(tree, "Cae2", List.of(), List.of(), now);
        assertEquals(List.of("rlCae2"), all.roles().stream().map(r -> r.ri).toList());
        assertEquals(List.of("tkMine"), all.tokens().stream().map(r -> r.ri).toList(), "another holder's token is not given");
        assertEquals(List.of(), pip.information(tree, "Cae3", List.of(), List.of(), now).roles(), "an expired role is not given");
        assertEquals(List.of(), pip.information(tree, "Cae2", List.of("other@keel.example.net"),
                List.of("nothing@keel.example.net"), now).tokens(), "rids and tids narrow what is given");
        assertEquals(List.of("tkMine"), pip.information(tree, "Cae2", List.of(), List.of(tokens.authentic(mine).tokenId()),
                now.plusSeconds(60)).tokens().stream().map(r -> r.ri).toList());
        assertEquals(List.of(), pip.information(tree, "Cae2", List.of(), List.of(), now.plusSeconds(7200)).tokens(),
                "an expired token is not given");
    }

    private void storeToken(String ri, String token) {
        Resource stored = add(ri, "id-in", ResourceTypes.TOKEN, "cse-in/" + ri, "CAdmin");
        stored.attributes.put("tkid", tokens.authentic(token).tokenId());
        stored.attributes.put("tkob", token);
    }

    @Test
    void ts0003_7_3_2_3_8_1_theTokensCarriedGetLocalTokenIdsThatNameThemLater() {
        String token = token("Cae3", null);
        RequestPrimitive req = from("Cae3");
        req.tokens.add(token);

        Map<String, Object> ati = access.assignedTokenIdentifiers(req);

        Map<?, ?> assigned = (Map<?, ?>) ((List<?>) ati.get("ltia")).get(0);
        assertEquals(tokens.authentic(token).tokenId(), assigned.get("tkid"));
        assertEquals(token, tokens.localTokenIds().token((String) assigned.get("lti"), Instant.now()));
        assertEquals(io.keel.core.store.CachedTokens.Relation.NONE, tokens.localTokenIds().cached(token, Instant.now()).relation());
    }

    @Test
    void ts0003_7_3_2_3_7_1_5_withAuriTheCachedHolderIsTheOriginatorsAbsoluteAeId() {
        String token = token("Cae3", null);
        RequestPrimitive req = from("Cae3");
        req.tokens.add(token);
        req.authorizationRelationshipIndicator = true;

        access.assignedTokenIdentifiers(req);

        io.keel.core.store.CachedTokens.Cached cached = tokens.localTokenIds().cached(token, Instant.now());
        assertEquals(io.keel.core.store.CachedTokens.Relation.INDIRECT, cached.relation());
        assertEquals("//keel.example.net/id-in/Cae3", cached.holder());
    }

    @Test
    void ts0003_7_3_2_7_aHolderTheCseMovedCountsInsteadOfTheTokens() {
        String token = token("Cae3", Map.of("pm", List.of(Map.of("ris", List.of("plain"),
                "pv", Map.of("acr", List.of(Map.of("acor", List.of("all"), "acop", 2L)))))));
        RequestPrimitive cae3 = withToken("Cae3", token);
        access.assignedTokenIdentifiers(cae3);
        io.keel.core.store.CachedTokens.Cached cached = tokens.localTokenIds().cached(token, Instant.now());

        tokens.localTokenIds().moveHolder(cached, "//keel.example.net/id-in/Cae2");

        assertTrue(allows(withToken("Cae2", token), Permission.RETRIEVE, "plain"));
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                assertThrows(OneM2MException.class, () -> allows(withToken("Cae3", token), Permission.RETRIEVE, "plain")).rsc());
    }
}
