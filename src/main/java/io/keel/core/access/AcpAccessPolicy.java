package io.keel.core.access;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.geo.OriginatorLocations;
import io.keel.core.routing.Router;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.resource.types.AccessControlPolicyType;
import io.keel.core.resource.types.GroupType;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.RequestPrimitive;
import io.keel.core.access.token.TokenAuthority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Point;

/**
 * Access control by accessControlPolicy resources (TS-0004 7.3.3.15, TS-0001 9.6.1.3.2).
 * A resource with accessControlPolicyIDs is governed by the pv rules of the policies they name: access is granted
 * iff any rule of any of them grants it. A policy is governed by its own pvs. Types without acpi (contentInstance)
 * take the decision of their parent. A resource without acpi falls back to {@link OwnershipRules}; a policy's
 * custodian (cstn, Release 4) has every privilege on it beside what its pvs grant. The admin
 * originator, the CSE itself and registered AEs and CSEs retrieving the CSEBase pass whatever the policies say.
 */
public final class AcpAccessPolicy implements AccessPolicy {
    private final OwnershipRules ownership;
    private final TypeRegistry types;
    private final Clock clock;
    private final GroupMembership groups;
    private final OriginatorLocations locations;
    private final ProvenCredentials credentials;

    /**
     * @param router how acor entries that are group IDs are found
     * @param locations where originators are, for rules with a location region (aclr)
     * @param tokens how the tokens of requests are verified
     */
    public AcpAccessPolicy(CseIdentity cse, TypeRegistry types, Router router, Clock clock, OriginatorLocations locations,
                           TokenAuthority tokens) {
        this.ownership = new OwnershipRules(cse);
        this.types = types;
        this.clock = clock;
        this.groups = new GroupMembership(router, ownership::localId);
        this.locations = locations;
        this.credentials = new ProvenCredentials(cse, tokens, ownership::localId);
    }

    @Override
    public boolean allows(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        Requester who = requester(tx, req);
        if (who == null) {
            return false;
        }
        if (ownership.isPrivileged(who.originator())) {
            return true;
        }
        if (target.ty == ResourceTypes.CSE_BASE && permission == Permission.RETRIEVE && ownership.isRegistered(tx, who.originator())) {
            return true;
        }
        return decide(tx, who, permission, target, creation(req, permission, target.ty));
    }

    @Override
    public boolean allowsAcpiChange(ResourceTree tx, RequestPrimitive req, Resource target) {
        Requester who = requester(tx, req);
        if (who == null) {
            return false;
        }
        List<String> acpi = acpi(target);
        if (acpi.isEmpty() || ownership.isPrivileged(who.originator())) {
            return allows(tx, req, Permission.UPDATE, target); // no policy yet: the default decides
        }
        return anyGrants(tx, acpi, AccessControlPolicyType.SELF_PRIVILEGES, who, Permission.UPDATE, null);
    }

    @Override
    public boolean allowsCustodianChange(ResourceTree tx, RequestPrimitive req, Resource target) {
        Requester who = requester(tx, req);
        return who != null && (ownership.isPrivileged(who.originator()) || ownership.holdsCustody(who.originator(), target));
    }

    @Override
    public boolean allowsFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group) {
        List<String> macp = GoverningPolicies.ids(group.get(GroupType.MEMBERS_ACCESS_CONTROL_POLICY_IDS));
        Requester who = requester(tx, req);
        if (macp.isEmpty() || who == null || ownership.isPrivileged(who.originator())) {
            return allows(tx, req, permission, group);
        }
        // A Create through the fanOutPoint makes children of the members: acod's resourceType is matched with the
        // members' type (mt), which a mixed group has not.
        Integer memberType = group.get(GroupType.MEMBER_TYPE) instanceof Number mt && ResourceTypes.isDefined(mt.intValue())
                ? mt.intValue() : null;
        return anyGrants(tx, macp, AccessControlPolicyType.PRIVILEGES, who, permission, creation(req, permission, memberType));
    }

    @Override
    public Visibility visible(ResourceTree tx, RequestPrimitive req, Permission permission) {
        Requester who = requester(tx, req);
        if (who == null) {
            return new Visibility(false, "", List.of(), false, List.of(), List.of(), ResourceTypes.ACCESS_CONTROL_POLICY);
        }
        if (ownership.isPrivileged(who.originator())) {
            return Visibility.EVERYTHING;
        }
        // Policies are few: which of them grant this requester is decided here, once, not per resource. No rule depends
        // on the resource's type here: acod is evaluated for Creates only (TS-0003 7.1.5), never for discovery or lists.
        List<Resource> policies = tx.ofType(ResourceTypes.ACCESS_CONTROL_POLICY);
        List<String> granting = new ArrayList<>();
        List<String> selfGranting = new ArrayList<>();
        for (Resource acp : policies) {
            if (grants(acp, AccessControlPolicyType.PRIVILEGES, who, permission, null)) {
                granting.add(acp.ri);
            }
            if (grants(acp, AccessControlPolicyType.SELF_PRIVILEGES, who, permission, null)) {
                selfGranting.add(acp.ri);
            }
        }
        return new Visibility(false, who.originator(), ownership.ownedSubtrees(tx, who.originator()), !policies.isEmpty(),
                granting, selfGranting, ResourceTypes.ACCESS_CONTROL_POLICY)
                .grantingByToken(tokenGranted(tx, who, permission), types.inheritingAccessControl())
                .withCustody(new Visibility.Custody(ResourceType.CUSTODIAN, ownership.namesOf(who.originator()),
                        types.inheritingAccessControl()));
    }

    /** The resources a token permission of the request names and grants the permission on (few: each is decided here). */
    private List<String> tokenGranted(ResourceTree tx, Requester who, Permission permission) {
        List<String> out = new ArrayList<>();
        for (Credentials.Scoped s : who.credentials().scoped()) {
            for (String ri : s.resourceIds()) {
                Resource r = tx.find(ri);
                if (r != null && !out.contains(ri) && byTokens(tx, who, permission, r, null)) {
                    out.add(ri);
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> assignedTokenIdentifiers(RequestPrimitive req) {
        return req.tokens.isEmpty() || req.from == null ? null
                : credentials.assignments(req, ownership.localId(req.from), ownership.absoluteId(req.from), clock.now());
    }

    /**
     * Distributed authorization (TS-0003 7.5.3, 7.5.4): whether a rule of these setOfAcrs (a policy's pv, or the policies
     * a PRP gave) grants the request on the target, its originator holding the roles besides (those a PIP gave).
     */
    boolean grantedBy(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target,
                      List<Map<String, Object>> setsOfAcrs, java.util.Set<String> roles) {
        Requester who = requester(tx, req);
        if (who == null) {
            return false;
        }
        Requester holding = who.withRoles(roles);
        ChildCreation create = creation(req, permission, target.ty);
        return setsOfAcrs.stream().anyMatch(acrs -> SetOfAcrs.rules(acrs, ownership::localId).stream()
                .anyMatch(rule -> rule.grants(holding, permission, create)));
    }

    /** For a Create, what acod is matched against (TS-0003 7.1.5); null for any other permission. */
    private ChildCreation creation(RequestPrimitive req, Permission permission, Integer targetType) {
        return permission == Permission.CREATE ? ChildCreation.of(req, targetType, types) : null;
    }

    /** The policies decide, then the token permissions limited to some resources (TS-0003 7.3.2.5). */
    private boolean decide(ResourceTree tx, Requester who, Permission permission, Resource target, ChildCreation create) {
        return byPolicies(tx, who, permission, target, create) || byTokens(tx, who, permission, target, create);
    }

    /**
     * Whether a token permission naming the target, or the resource whose decision it takes, grants: by its own
     * privileges, or by the policies with the roles it gives there.
     */
    private boolean byTokens(ResourceTree tx, Requester who, Permission permission, Resource target, ChildCreation create) {
        List<Credentials.Scoped> scoped = who.credentials().scoped();
        if (scoped.isEmpty()) {
            return false;
        }
        for (Credentials.Scoped s : scoped) {
            if (s.covers(target) && (s.privileges().stream().anyMatch(rule -> rule.grants(who, permission, create))
                    || (!s.roles().isEmpty() && byPolicies(tx, who.withRoles(s.roles()), permission, target, create)))) {
                return true;
            }
        }
        if (target.ty != ResourceTypes.ACCESS_CONTROL_POLICY && !types.typeOf(target).hasAccessControlPolicyIds()) {
            Resource parent = target.pi == null ? null : tx.find(target.pi);
            return parent != null && byTokens(tx, who, permission, parent, create);
        }
        return false;
    }

    private boolean byPolicies(ResourceTree tx, Requester who, Permission permission, Resource target, ChildCreation create) {
        if (target.ty == ResourceTypes.ACCESS_CONTROL_POLICY) {
            return grants(target, AccessControlPolicyType.SELF_PRIVILEGES, who, permission, create)
                    || ownership.isCustodian(who.originator(), target);
        }
        ResourceType type = types.typeOf(target);
        if (!type.hasAccessControlPolicyIds()) {
            Resource parent = target.pi == null ? null : tx.find(target.pi);
            return parent != null && byPolicies(tx, who, permission, parent, create);
        }
        List<String> acpi = acpi(target);
        if (acpi.isEmpty()) {
            return ownership.owns(tx, who.originator(), target);
        }
        return anyGrants(tx, acpi, AccessControlPolicyType.PRIVILEGES, who, permission, create);
    }

    /** Whether a rule of the named privileges of any of the policies grants; a policy that no longer exists grants nothing. */
    private boolean anyGrants(ResourceTree tx, List<String> acpi, String privileges, Requester who, Permission permission,
                              ChildCreation create) {
        for (String ri : acpi) {
            Resource acp = tx.find(ri);
            if (acp != null && acp.ty == ResourceTypes.ACCESS_CONTROL_POLICY && grants(acp, privileges, who, permission, create)) {
                return true;
            }
        }
        return false;
    }

    private boolean grants(Resource acp, String privileges, Requester who, Permission permission, ChildCreation create) {
        return SetOfAcrs.rules(acp.get(privileges), ownership::localId).stream().anyMatch(rule -> rule.grants(who, permission, create));
    }

    private static List<String> acpi(Resource r) {
        return GoverningPolicies.ids(r.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
    }

    /**
     * The originator's position, looked up once per request and only when a rule with a location region is matched:
     * it depends on the requester alone, so discovery decides each policy once with it ({@link #visible}).
     */
    private Supplier<Point> position(ResourceTree tx, String from) {
        Point[] known = new Point[1];
        boolean[] looked = new boolean[1];
        return () -> {
            if (!looked[0]) {
                known[0] = locations.positionOf(tx, from);
                looked[0] = true;
            }
            return known[0];
        };
    }

    private Requester requester(ResourceTree tx, RequestPrimitive req) {
        if (req.from == null || req.from.isEmpty()) {
            return null;
        }
        String originator = ownership.localId(req.from);
        Instant now = clock.now();
        return new Requester(originator, req.originatorAddress, now, req.originatorAuthenticated,
                groups.of(tx, originator), ownership.domainOf(originator), position(tx, req.from),
                credentials.of(tx, req, originator, now));
    }
}
