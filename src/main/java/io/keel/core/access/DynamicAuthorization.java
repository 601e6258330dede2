package io.keel.core.access;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.DynamicAuthorizationConsultationType;
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
import java.util.concurrent.TimeUnit;

/**
 * Consultation-based dynamic authorization (TS-0004 7.3.3.15; TS-0001 9.6.1.3.2, 11.5.2; TS-0003 7.3.2.2): when the
 * policies (the access policy this wraps) deny, and only then, the CSE consults the enabled
 * dynamicAuthorizationConsultations the target links by daci (or, when it links none that exists, its nearest ancestor
 * that does) and grants what a decision point grants: its grantedPrivileges, evaluated like the rules of an
 * accessControlPolicy, for as long as their privilegesLifetime ({@link DynamicDecisions}). Waiting is bounded by
 * {@code keel.dynauth.timeout}: a decision point that does not answer in time, answers an error or garbage, or
 * cannot be reached denies.
 */
public final class DynamicAuthorization implements AccessPolicy {
    private final AccessPolicy policies;
    private final DecisionPoint decisionPoint;
    private final DynamicDecisions decisions;
    private final AuthorizationRelationships relationships;
    private final OwnershipRules ownership;
    private final GroupMembership groups;
    private final Router router;
    private final Clock clock;
    private final long timeoutNanos;
    private final int discoveryMax;

    /**
     * @param policies     the decision by accessControlPolicies, asked first
     * @param receivers    how dap entries (URLs, AE-IDs) become addresses
     * @param timeoutMillis how long one decision (or the decisions of one discovery) may wait for decision points
     * @param discoveryMax how many resources linking a consultation one discovery or child list weighs at most
     * @param cacheMax     how many decisions are kept at most
     * @param relationships where the tokens are cached, and how authorization signatures are checked (TS-0003 7.3.2.7)
     */
    public DynamicAuthorization(AccessPolicy policies, CseIdentity cse, Router router, io.keel.core.Outbound outbound,
                                io.keel.core.notification.Receivers receivers, Clock clock, long timeoutMillis, int discoveryMax,
                                int cacheMax, Relationships relationships) {
        this.policies = policies;
        this.decisionPoint = new DecisionPoint(cse, outbound, receivers, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        this.relationships = new AuthorizationRelationships(cse, relationships.store(), relationships.tokens(),
                relationships.signatures(), outbound, receivers, timeoutMillis);
        this.decisions = new DynamicDecisions(cacheMax);
        this.ownership = new OwnershipRules(cse);
        this.groups = new GroupMembership(router, ownership::localId);
        this.router = router;
        this.clock = clock;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.discoveryMax = discoveryMax;
    }

    /** What the authorization relationships need: the store the tokens are cached in, the tokens, the signature keys. */
    public record Relationships(io.keel.core.store.ResourceStore store, io.keel.core.access.token.TokenAuthority tokens,
                                io.keel.core.access.token.AuthorizationSignatures signatures) {
    }

    @Override
    public boolean allows(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        return decide(tx, req, permission, target).granted();
    }

    @Override
    public AccessDecision decide(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        return byPolicies(tx, req, permission, target) ? AccessDecision.GRANTED
                : consult(tx, req, permission, target, linked(tx, target), System.nanoTime() + timeoutNanos);
    }

    /**
     * The policies decide; a token of the request that another AE holds by this CSE's cache may move to the originator
     * first (TS-0003 7.3.2.7.1), and then they decide again.
     */
    private boolean byPolicies(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        try {
            return policies.allows(tx, req, permission, target);
        } catch (io.keel.core.access.token.HeldByAnother held) {
            relationships.update(tx, req, held, clock.now());
            return policies.allows(tx, req, permission, target);
        }
    }

    @Override
    public Boolean authorizationSignatureRequest(RequestPrimitive req) {
        return relationships.signaturesWanted(req, clock.now()) ? Boolean.TRUE : null;
    }

    @Override
    public io.keel.primitive.ResponsePrimitive relationshipMapping(RequestPrimitive req) {
        return relationships.receive(req, clock.now());
    }

    @Override
    public boolean allowsAcpiChange(ResourceTree tx, RequestPrimitive req, Resource target) {
        return policies.allowsAcpiChange(tx, req, target); // selfPrivileges only (TS-0001 9.6.1.3.2)
    }

    @Override
    public boolean allowsCustodianChange(ResourceTree tx, RequestPrimitive req, Resource target) {
        return policies.allowsCustodianChange(tx, req, target); // custodial rights are never granted dynamically
    }

    @Override
    public boolean allowsFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group) {
        return decideFanOut(tx, req, permission, group).granted();
    }

    @Override
    public AccessDecision decideFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group) {
        return policies.allowsFanOut(tx, req, permission, group) ? AccessDecision.GRANTED
                : consult(tx, req, permission, group, linked(tx, group), System.nanoTime() + timeoutNanos);
    }

    /**
     * What the policies show, and the resources below the request's target that link an enabled consultation by their
     * own daci and that a decision point grants the permission on: at most {@code keel.dynauth.discovery-max} of them,
     * in structured-name order, decided one by one within one {@code keel.dynauth.timeout} for them all (those left
     * when it is over are not shown). Their children that have no daci of their own are decided by their policies
     * alone here; a request through a virtual resource (a fanOutPoint) gets what the policies show.
     */
    @Override
    public Visibility visible(ResourceTree tx, RequestPrimitive req, Permission permission) {
        Visibility byPolicies = policies.visible(tx, req, permission);
        if (byPolicies.everything() || req.from == null || req.from.isEmpty()) {
            return byPolicies;
        }
        List<String> enabled = new ArrayList<>();
        for (Resource dac : tx.ofType(ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION)) {
            if (DynamicAuthorizationConsultationType.enabled(dac)) {
                enabled.add(dac.ri);
            }
        }
        if (enabled.isEmpty()) {
            return byPolicies;
        }
        Resource root = root(tx, req);
        if (root == null) {
            return byPolicies;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        List<String> granted = new ArrayList<>();
        for (Resource candidate : tx.naming(ResourceType.DYNAMIC_AUTHORIZATION_CONSULTATION_IDS, enabled, root.srn, discoveryMax)) {
            if (!policies.allows(tx, req, permission, candidate)
                    && consult(tx, req, permission, candidate, consultations(tx, candidate), deadline).granted()) {
                granted.add(candidate.ri);
            }
        }
        return granted.isEmpty() ? byPolicies : byPolicies.alsoShowing(granted);
    }

    /** The resource the request targets, below which discovery and child lists look; null for none of this CSE. */
    private Resource root(ResourceTree tx, RequestPrimitive req) {
        try {
            return req.to != null && router.route(tx, req.to) instanceof Route.Local local ? local.resource() : null;
        } catch (OneM2MException e) {
            return null;
        }
    }

    @Override
    public Map<String, Object> assignedTokenIdentifiers(RequestPrimitive req) {
        return policies.assignedTokenIdentifiers(req);
    }

    /**
     * TS-0003 7.3.2.3 step 2.2: the decision points of the enabled consultations that decide for the target (the DAS
     * Servers), each with the m2m:dynAuthDasRequest it would be sent (dasInfo/URI, dasInfo/dasRequest, TS-0004 6.3.5.45).
     */
    @Override
    public Map<String, Object> tokenRequestInformation(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        List<Object> dasi = new ArrayList<>();
        Instant now = clock.now();
        for (Resource dac : linked(tx, target)) {
            if (!DynamicAuthorizationConsultationType.enabled(dac)) {
                continue;
            }
            Map<String, Object> dreq = DecisionPoint.dasRequest(dac, req, permission, target, now);
            for (Object poa : (List<?>) dac.get(DynamicAuthorizationConsultationType.POINT_OF_ACCESS)) {
                Map<String, Object> info = new java.util.LinkedHashMap<>();
                info.put("uri", String.valueOf(poa));
                info.put("dreq", dreq);
                dasi.add(info);
            }
        }
        return dasi.isEmpty() ? null : Map.of("dasi", dasi);
    }

    /**
     * The consultations that decide for {@code target}: those its daci names that exist, else its parent's, up to the
     * CSEBase (TS-0001 table 9.6.1.3.1-1, daci); none when no resource on the way links one.
     */
    private static List<Resource> linked(ResourceTree tx, Resource target) {
        Resource r = target;
        for (int depth = 0; r != null && depth < 64; depth++) {
            List<Resource> found = consultations(tx, r);
            if (!found.isEmpty()) {
                return found;
            }
            r = r.pi == null || r.pi.isEmpty() ? null : tx.find(r.pi);
        }
        return List.of();
    }

    private static List<Resource> consultations(ResourceTree tx, Resource r) {
        List<Resource> out = new ArrayList<>();
        for (String ri : DynamicAuthorizationConsultationType.ids(r.get(ResourceType.DYNAMIC_AUTHORIZATION_CONSULTATION_IDS))) {
            Resource dac = tx.find(ri);
            if (dac != null && dac.ty == ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION) {
                out.add(dac);
            }
        }
        return out;
    }

    /** Whether one of the enabled consultations grants, asked in the order of daci; a disabled one is never asked. */
    private AccessDecision consult(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target, List<Resource> dacs,
                                   long deadlineNanos) {
        if (req.from == null || req.from.isEmpty()) {
            return AccessDecision.REFUSED;
        }
        Instant now = clock.now();
        String originator = ownership.localId(req.from);
        Requester who = new Requester(originator, req.originatorAddress, now, req.originatorAuthenticated,
                groups.of(tx, originator), ownership.domainOf(originator));
        List<String> why = new ArrayList<>();
        for (Resource dac : dacs) {
            if (!DynamicAuthorizationConsultationType.enabled(dac)) {
                continue;
            }
            DynamicDecisions.Key key = new DynamicDecisions.Key(dac.ri, originator, target.ri, permission);
            DasDecision decision = decisions.find(key, dac, now);
            if (decision == null) {
                decision = decisionPoint.ask(tx, dac, req, permission, target, now, deadlineNanos);
                decisions.keep(key, dac, decision, now);
            }
            if (decision.refusal() != null) {
                why.add(decision.refusal());
            } else if (decision.grantedPrivileges() != null && SetOfAcrs.rules(decision.grantedPrivileges(), ownership::localId)
                    .stream().anyMatch(rule -> rule.grants(who, permission))) {
                return AccessDecision.GRANTED;
            } else if (grantedByTokens(tx, req, permission, target, decision, why)) {
                return AccessDecision.GRANTED;
            } else if (decision.tokens().isEmpty()) {
                why.add("the privileges " + decision.from() + " granted do not include " + permission.name().toLowerCase()
                        + " for " + req.from);
            }
        }
        return why.isEmpty() ? AccessDecision.REFUSED
                : AccessDecision.refused("no accessControlPolicy grants it, and the dynamic authorization refused: " + String.join("; ", why));
    }

    /**
     * TS-0003 7.3.2.2 steps 4.1.1–4.2: the tokens a decision point issued count once this CSE verifies them as it verifies
     * the tokens of a request (its key and issuer, audience, holder, validity); the access decision is then repeated with
     * them. When they grant, the request carries them on, so that its response assigns them Local-Token-IDs (ati, step 5
     * and 7.3.2.3 step 8) the originator may use in its next requests.
     */
    private boolean grantedByTokens(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target,
                                    DasDecision decision, List<String> why) {
        if (decision.tokens().isEmpty()) {
            return false;
        }
        RequestPrimitive withTokens = req.copy();
        decision.tokens().stream().filter(t -> !withTokens.tokens.contains(t)).forEach(withTokens.tokens::add);
        try {
            if (decision.signaturesRequested()) {
                // TS-0003 7.3.2.2 step 4.1.1.3: cached with the originator as holder before the decision is repeated.
                relationships.signaturesAsked(decision.tokens(), req.from, decision.point(), clock.now());
            }
            if (policies.allows(tx, withTokens, permission, target)) {
                decision.tokens().stream().filter(t -> !req.tokens.contains(t)).forEach(req.tokens::add);
                return true;
            }
            why.add("the tokens " + decision.from() + " issued do not grant " + permission.name().toLowerCase() + " for " + req.from);
        } catch (OneM2MException e) {
            why.add("a token " + decision.from() + " issued was refused: " + e.getMessage());
        }
        return false;
    }
}
