package io.keel.core.access;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.AccessControlPolicyType;
import io.keel.core.resource.types.AuthorizationFunctions;
import io.keel.core.resource.types.GroupType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Distributed authorization with this CSE as the PEP (TS-0004 7.3.3.15 last step; TS-0001 9.6.2, 11.6; TS-0003 7.5):
 * when the policies and dynamic authorization (the access policy this wraps) deny, the accessControlPolicies that
 * govern the target and name PDPs, PRPs or PIPs are asked, each in the order of acpi, and the first that grants
 * grants (PERMIT_OVERRIDES, as Keel combines policies):
 * <ul>
 * <li>adri: an access control decision request to each PDP in turn; the first that decides (sus OK, dec PERMIT or
 * DENY) decides; one that has no policy for it (NOT_APPLICABLE), answers another status or garbage, cannot be reached
 * or does not answer in time is passed for the next (TS-0003 7.5.2);</li>
 * <li>apri: an access control policy request to each PRP in turn; the rules of the first that gives them (sus OK, ca
 * PERMIT_OVERRIDES) are matched as pv would be (7.5.3);</li>
 * <li>airi: an access control information request to each PIP in turn; the roles the first that answers gives the
 * originator, and the tokens it gives (verified as the tokens of a request), count when the rules of pv, or those of
 * the PRP, are matched (7.5.4).</li>
 * </ul>
 * One {@code keel.dynauth.timeout} bounds all the asking of one decision. Nothing answers: deny, saying why. This CSE's
 * own PDP ({@link #asDecisionPoint}) asks PRPs and PIPs but never PDPs: it is the PDP a policy of its CSE names, and
 * asking would come back to itself.
 */
public final class DistributedAuthorization implements AccessPolicy {
    private final AccessPolicy inner;
    private final AcpAccessPolicy policies;
    private final TypeRegistry types;
    private final AuthorizationPoints points;
    private final OwnershipRules ownership;
    private final Router router;
    private final Clock clock;
    private final long timeoutNanos;
    private final int discoveryMax;
    private final boolean asksDecisionPoints;

    /**
     * @param inner        the decision by accessControlPolicies and dynamic authorization, asked first
     * @param policies     how rules (pv, or a PRP's) are matched with roles and tokens a PIP gave
     * @param local        the functions bound to this CSE's own authorization resources
     * @param remote       how an Update reaches an authorization resource of another CSE
     * @param timeoutMillis how long one decision (or the decisions of one discovery) may wait for PDPs, PRPs and PIPs
     * @param discoveryMax how many resources governed by such policies one discovery or child list weighs at most
     */
    public DistributedAuthorization(AccessPolicy inner, AcpAccessPolicy policies, TypeRegistry types, CseIdentity cse,
                                    Router router, Supplier<AuthorizationFunctions> local, AuthorizationPoints.Remote remote,
                                    Clock clock, long timeoutMillis, int discoveryMax) {
        this(inner, policies, types, new AuthorizationPoints(cse, router, local, remote), new OwnershipRules(cse), router, clock,
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis), discoveryMax, true);
    }

    private DistributedAuthorization(AccessPolicy inner, AcpAccessPolicy policies, TypeRegistry types, AuthorizationPoints points,
                                     OwnershipRules ownership, Router router, Clock clock, long timeoutNanos, int discoveryMax,
                                     boolean asksDecisionPoints) {
        this.inner = inner;
        this.policies = policies;
        this.types = types;
        this.points = points;
        this.ownership = ownership;
        this.router = router;
        this.clock = clock;
        this.timeoutNanos = timeoutNanos;
        this.discoveryMax = discoveryMax;
        this.asksDecisionPoints = asksDecisionPoints;
    }

    /** The access decision of this CSE as a PDP (its {@code <authorizationDecision>}s): it asks no PDP itself. */
    public AccessPolicy asDecisionPoint() {
        return new DistributedAuthorization(inner, policies, types, points, ownership, router, clock, timeoutNanos, discoveryMax, false);
    }

    @Override
    public boolean allows(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        return decide(tx, req, permission, target).granted();
    }

    @Override
    public AccessDecision decide(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        AccessDecision first = inner.decide(tx, req, permission, target);
        return first.granted() ? first : distributed(tx, req, permission, target, governing(tx, target), first,
                System.nanoTime() + timeoutNanos);
    }

    @Override
    public boolean allowsFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group) {
        return decideFanOut(tx, req, permission, group).granted();
    }

    /** Through a fanOutPoint: the policies of macp, else those of the group's acpi (TS-0004 7.4.14.3.2). */
    @Override
    public AccessDecision decideFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group) {
        AccessDecision first = inner.decideFanOut(tx, req, permission, group);
        if (first.granted()) {
            return first;
        }
        List<String> macp = GoverningPolicies.ids(group.get(GroupType.MEMBERS_ACCESS_CONTROL_POLICY_IDS));
        List<Resource> delegating = macp.isEmpty() ? governing(tx, group) : delegating(tx, macp);
        return distributed(tx, req, permission, group, delegating, first, System.nanoTime() + timeoutNanos);
    }

    @Override
    public boolean allowsAcpiChange(ResourceTree tx, RequestPrimitive req, Resource target) {
        return inner.allowsAcpiChange(tx, req, target); // selfPrivileges only: adri, apri and airi stand for pv
    }

    @Override
    public boolean allowsCustodianChange(ResourceTree tx, RequestPrimitive req, Resource target) {
        return inner.allowsCustodianChange(tx, req, target);
    }

    /**
     * What the wrapped decision shows, and the resources below the request's target whose acpi names a policy asking
     * PDPs, PRPs or PIPs and that these grant the permission on: at most {@code keel.dynauth.discovery-max} of them, in
     * structured-name order, decided one by one within one {@code keel.dynauth.timeout} for them all.
     */
    @Override
    public Visibility visible(ResourceTree tx, RequestPrimitive req, Permission permission) {
        Visibility shown = inner.visible(tx, req, permission);
        if (shown.everything() || req.from == null || req.from.isEmpty()) {
            return shown;
        }
        List<String> delegating = new ArrayList<>();
        for (Resource acp : tx.ofType(ResourceTypes.ACCESS_CONTROL_POLICY)) {
            if (asksOthers(acp)) {
                delegating.add(acp.ri);
            }
        }
        Resource root = delegating.isEmpty() ? null : root(tx, req);
        if (root == null) {
            return shown;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        List<String> granted = new ArrayList<>(shown.alsoVisible());
        for (Resource candidate : tx.naming(ResourceType.ACCESS_CONTROL_POLICY_IDS, delegating, root.srn, discoveryMax)) {
            if (!granted.contains(candidate.ri) && !policies.allows(tx, req, permission, candidate)
                    && distributed(tx, req, permission, candidate, governing(tx, candidate), AccessDecision.REFUSED, deadline).granted()) {
                granted.add(candidate.ri);
            }
        }
        return granted.size() == shown.alsoVisible().size() ? shown : shown.alsoShowing(granted);
    }

    @Override
    public Map<String, Object> assignedTokenIdentifiers(RequestPrimitive req) {
        return inner.assignedTokenIdentifiers(req);
    }

    @Override
    public Boolean authorizationSignatureRequest(RequestPrimitive req) {
        return inner.authorizationSignatureRequest(req);
    }

    @Override
    public io.keel.primitive.ResponsePrimitive relationshipMapping(RequestPrimitive req) {
        return inner.relationshipMapping(req);
    }

    @Override
    public Map<String, Object> tokenRequestInformation(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        return inner.tokenRequestInformation(tx, req, permission, target);
    }

    /** The resource the request targets, below which discovery and child lists look; null for none of this CSE. */
    private Resource root(ResourceTree tx, RequestPrimitive req) {
        try {
            return req.to != null && router.route(tx, req.to) instanceof Route.Local local ? local.resource() : null;
        } catch (OneM2MException e) {
            return null;
        }
    }

    /**
     * The policies governing the target (its acpi, or its parent's for a type without one, TS-0001 9.6.1.3.2) that ask
     * PDPs, PRPs or PIPs. None for a policy itself: its selfPrivileges decide alone.
     */
    private List<Resource> governing(ResourceTree tx, Resource target) {
        Resource r = target;
        for (int depth = 0; r != null && depth < 64; depth++) {
            if (r.ty == ResourceTypes.ACCESS_CONTROL_POLICY) {
                return List.of();
            }
            if (types.typeOf(r).hasAccessControlPolicyIds()) {
                return delegating(tx, GoverningPolicies.ids(r.get(ResourceType.ACCESS_CONTROL_POLICY_IDS)));
            }
            r = r.pi == null || r.pi.isEmpty() ? null : tx.find(r.pi);
        }
        return List.of();
    }

    private static List<Resource> delegating(ResourceTree tx, List<String> acpi) {
        List<Resource> out = new ArrayList<>();
        for (String ri : acpi) {
            Resource acp = tx.find(ri);
            if (acp != null && acp.ty == ResourceTypes.ACCESS_CONTROL_POLICY && asksOthers(acp)) {
                out.add(acp);
            }
        }
        return out;
    }

    private static boolean asksOthers(Resource acp) {
        return !AccessControlPolicyType.ids(acp.get(AccessControlPolicyType.DECISION_POINTS)).isEmpty()
                || !AccessControlPolicyType.ids(acp.get(AccessControlPolicyType.POLICY_POINTS)).isEmpty()
                || !AccessControlPolicyType.ids(acp.get(AccessControlPolicyType.INFORMATION_POINTS)).isEmpty();
    }

    /** Whether one of the policies grants by what its PDPs, PRPs or PIPs answer; else why not, after {@code before}'s reason. */
    private AccessDecision distributed(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target,
                                       List<Resource> acps, AccessDecision before, long deadlineNanos) {
        if (acps.isEmpty() || req.from == null || req.from.isEmpty()) {
            return before;
        }
        List<String> why = new ArrayList<>();
        for (Resource acp : acps) {
            if (grants(tx, req, permission, target, acp, deadlineNanos, why)) {
                return AccessDecision.GRANTED;
            }
        }
        if (why.isEmpty()) {
            return before;
        }
        String ours = "distributed authorization refused: " + String.join("; ", why);
        return AccessDecision.refused(before.refusal() == null ? "no accessControlPolicy grants it, and " + ours
                : before.refusal() + "; " + ours);
    }

    private boolean grants(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target, Resource acp,
                           long deadlineNanos, List<String> why) {
        Instant now = clock.now();
        List<String> pdps = AccessControlPolicyType.ids(acp.get(AccessControlPolicyType.DECISION_POINTS));
        if (!pdps.isEmpty()) {
            return asksDecisionPoints && decided(tx, req, permission, target, acp, pdps, now, deadlineNanos, why);
        }
        RequestPrimitive asked = req;
        Set<String> roles = Set.of();
        List<String> pips = AccessControlPolicyType.ids(acp.get(AccessControlPolicyType.INFORMATION_POINTS));
        if (!pips.isEmpty()) {
            Information info = information(tx, req, acp, pips, now, deadlineNanos, why);
            if (info == null) {
                return false;
            }
            roles = info.roles();
            asked = req.copy();
            for (String token : info.tokens()) {
                if (!asked.tokens.contains(token)) {
                    asked.tokens.add(token);
                }
            }
        }
        List<String> prps = AccessControlPolicyType.ids(acp.get(AccessControlPolicyType.POLICY_POINTS));
        List<Map<String, Object>> rules;
        if (prps.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> pv = (Map<String, Object>) acp.get(AccessControlPolicyType.PRIVILEGES);
            rules = pv == null ? List.of() : List.of(pv);
        } else {
            rules = policiesOf(tx, target, acp, prps, deadlineNanos, why);
            if (rules == null) {
                return false;
            }
        }
        try {
            if (policies.grantedBy(tx, asked, permission, target, rules, roles)) {
                return true;
            }
        } catch (OneM2MException e) {
            why.add("a token the PIP of " + acp.ri + " gave was refused: " + e.getMessage());
            return false;
        }
        why.add("the rules " + (prps.isEmpty() ? "of " + acp.ri : "the PRP of " + acp.ri + " gave") + " do not grant "
                + permission.name().toLowerCase() + " to " + req.from
                + (pips.isEmpty() ? "" : " with the roles and tokens its PIP gave"));
        return false;
    }

    /** TS-0003 7.5.2: the first PDP that decides, decides; NOT_APPLICABLE and failures pass to the next. */
    private boolean decided(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target, Resource acp,
                            List<String> pdps, Instant now, long deadlineNanos, List<String> why) {
        for (String pdp : pdps) {
            AuthorizationPoints.Answer a = points.decision(tx, pdp, req, permission, target, now, deadlineNanos);
            if (a.ok() && a.content().get("dec") instanceof Number dec && (dec.longValue() == 1 || dec.longValue() == 2)) {
                if (dec.longValue() == 1) {
                    return true;
                }
                why.add("the PDP " + pdp + " of " + acp.ri + " denied " + permission.name().toLowerCase() + " to " + req.from);
                return false;
            }
            why.add(unanswered(a, "the PDP " + pdp, "a decision (dec 1 or 2)"));
        }
        return false;
    }

    /** TS-0003 7.5.3: the rules of the first PRP that gives them, combined by PERMIT_OVERRIDES (the only algorithm). */
    private List<Map<String, Object>> policiesOf(ResourceTree tx, Resource target, Resource acp, List<String> prps,
                                                 long deadlineNanos, List<String> why) {
        for (String prp : prps) {
            AuthorizationPoints.Answer a = points.policies(tx, prp, target, deadlineNanos);
            if (a.ok()) {
                List<Map<String, Object>> rules = rules(a.content());
                if (rules != null) {
                    return rules;
                }
                why.add("the PRP " + prp + " answered no m2m:setOfPermissions (ps) combined by PERMIT_OVERRIDES (ca 1)");
                continue;
            }
            why.add(unanswered(a, "the PRP " + prp, "policies"));
        }
        return null;
    }

    /** ps, an m2m:setOfPermissions (pv: setOfAcrs 0..n), and ca 1 or absent; null for anything else. */
    static List<Map<String, Object>> rules(Map<?, ?> answer) {
        if (answer.get("ca") != null && !(answer.get("ca") instanceof Number ca && ca.longValue() == 1)) {
            return null;
        }
        if (!(answer.get("ps") instanceof Map<?, ?> ps)) {
            return null;
        }
        Object pv = ps.get("pv");
        List<?> sets = pv instanceof List<?> l ? l : pv instanceof Map<?, ?> one ? List.of(one) : pv == null ? List.of() : null;
        if (sets == null) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (Object set : sets) {
                out.add(SetOfAcrs.normalize("ps.pv", set, false));
            }
        } catch (OneM2MException | ClassCastException e) {
            return null;
        }
        return out;
    }

    /** The roles a PIP gave the originator, and the tokens (compact JWS) it gave. */
    record Information(Set<String> roles, List<String> tokens) {
    }

    /** TS-0003 7.5.4: what the first PIP that answers gives; NOT_APPLICABLE and failures pass to the next. */
    private Information information(ResourceTree tx, RequestPrimitive req, Resource acp, List<String> pips, Instant now,
                                    long deadlineNanos, List<String> why) {
        String originator = ownership.localId(req.from);
        for (String pip : pips) {
            AuthorizationPoints.Answer a = points.information(tx, pip, req, deadlineNanos);
            if (a.ok()) {
                Information info = information(a.content(), holder -> ownership.localId(holder).equals(originator), now);
                if (info != null) {
                    return info;
                }
                why.add("the PIP " + pip + " of " + acp.ri + " answered roles (m2m:rol) or tokens (m2m:tk) that do not parse");
                continue;
            }
            why.add(unanswered(a, "the PIP " + pip + " of " + acp.ri, "roles or tokens"));
        }
        return null;
    }

    /**
     * The role IDs of the m2m:rol that give their role to the originator now (holder, notBefore, notAfter), and the
     * token objects of the m2m:tk; null when either is not a list of such resources.
     */
    static Information information(Map<?, ?> answer, java.util.function.Predicate<String> isOriginator, Instant now) {
        Object rol = answer.get("m2m:rol");
        Object tk = answer.get("m2m:tk");
        if ((rol != null && !(rol instanceof List<?>)) || (tk != null && !(tk instanceof List<?>))) {
            return null;
        }
        Set<String> roles = new java.util.HashSet<>();
        List<String> tokens = new ArrayList<>();
        try {
            for (Object o : rol == null ? List.of() : (List<?>) rol) {
                Map<?, ?> role = (Map<?, ?>) o;
                String id = (String) role.get("rlid");
                String holder = (String) role.get("tkhd");
                Instant notBefore = io.keel.primitive.Timestamps.parse((String) role.get("tknb"), "tknb");
                Instant notAfter = io.keel.primitive.Timestamps.parse((String) role.get("tkna"), "tkna");
                if (id == null || holder == null) {
                    return null;
                }
                if (isOriginator.test(holder) && !now.isBefore(notBefore) && now.isBefore(notAfter)) {
                    roles.add(id);
                }
            }
            for (Object o : tk == null ? List.of() : (List<?>) tk) {
                if (((Map<?, ?>) o).get("tkob") instanceof String jws && !jws.isBlank()) {
                    tokens.add(jws.trim());
                }
            }
        } catch (ClassCastException | NullPointerException | OneM2MException e) {
            return null;
        }
        return new Information(Set.copyOf(roles), List.copyOf(tokens));
    }

    private static String unanswered(AuthorizationPoints.Answer a, String who, String what) {
        if (a.failure() != null) {
            return a.failure();
        }
        if (a.status() == AuthorizationPoints.NOT_APPLICABLE) {
            return who + " has nothing that applies (NOT_APPLICABLE)";
        }
        return who + " answered status " + a.status() + (a.status() == AuthorizationPoints.OK ? " without " + what : "");
    }
}
