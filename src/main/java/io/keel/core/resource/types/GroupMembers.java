package io.keel.core.resource.types;

import io.keel.core.resource.References;
import io.keel.core.resource.RemoteResources;
import io.keel.core.resource.Resource;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member rules of a {@code <group>} (TS-0004 7.4.13.2.1, 7.4.13.2.3), applied when a group is
 * created and when an update sets its memberIDs.
 *
 * <p>A member is the ID of a stored resource, in any of the three ID forms. One named twice — also in two forms — is
 * kept once, in the form first given. A member of this CSE that does not exist is 4004, Keel's decision where
 * 7.4.13.2.1 says nothing: the originator named something that is not there, and silently dropping it would hide the
 * mistake. A member of another CSE whose type is to be validated was retrieved through forwarding, as the
 * originator, before the transaction ({@link GroupType#beforeTransaction}): it is then validated like a local one (4103
 * when the originator may not retrieve it there, 4004 when it is not there); one that could not be reached is kept,
 * memberTypeValidated false, as 7.4.13.2.1 says of unreachable sub-groups; so is one of a mixed group, which is not
 * retrieved at all. Members addressing a virtual resource (a sub-group's
 * {@code fopt}, {@code la}) are not supported (5001).
 * <p>The same rules run again, later, for a group whose members were not all validated ({@code core.operation.
 * GroupRevalidation}, 7.4.13.2.1: "as soon as any unreachable sub-group resource becomes reachable"). There is no
 * request to reject then: a member gone from its CSE (4004) leaves mid, as a deleted member of this CSE does
 * (7.4.13.1); one the group's creator may not retrieve (4103) stays, not validated, as an unreachable one does —
 * access may be granted later, and a permission problem abandons nothing; members of this CSE are not checked for
 * privilege again (they were when they became members, and a resource's type never changes). Keel's decisions where
 * the clause names only the type check.
 */
final class GroupMembers {
    /** memberType 0: members of any type. */
    static final long MIXED = 0;
    /** consistencyStrategy values (TS-0004 table 6.3.4.2.12-1). */
    static final long ABANDON_MEMBER = 1;
    static final long ABANDON_GROUP = 2;
    static final long SET_MIXED = 3;

    /** What the rules leave: the members, the memberType (0 after SET_MIXED) and whether every member was validated. */
    record Validated(List<String> members, long memberType, boolean typeValidated) {
    }

    private GroupMembers() {
    }

    /**
     * @param specialization the group's specializationType, or null: a member of this CSE cannot conform to one, as no
     *                       type Keel implements is specialised (flexContainer, mgmtObj), so with a memberType other
     *                       than mixed it is treated as a member of another type (TS-0004 7.4.13.2.1; TS-0001 10.2.7.2)
     */
    static Validated validate(List<String> mid, long mt, Object specialization, long csy, long mnm, References references) {
        return validate(mid, mt, specialization, csy, mnm, references, false);
    }

    /**
     * @param later whether this validates an existing group again (no request to reject, see the class comment)
     *              rather than the members of a Create or Update
     */
    static Validated validate(List<String> mid, long mt, Object specialization, long csy, long mnm, References references,
                              boolean later) {
        Map<String, Resource> distinct = new LinkedHashMap<>(); // member ID → local resource, or null when remote
        Set<String> localRis = new HashSet<>();
        for (String id : mid) {
            if (distinct.containsKey(id)) {
                continue;
            }
            Route route = references.route(id);
            String virtual = route instanceof Route.Virtual v ? v.child().name()
                    : route instanceof Route.FanOut f ? f.point().name() : null;
            if (virtual != null) {
                throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "member " + id + " addresses the virtual resource "
                        + virtual + ": members of a group must be stored resources on this CSE");
            }
            boolean remote = route instanceof Route.Remote;
            if (remote || localRis.add(route.resource().ri)) {
                distinct.put(id, remote ? null : route.resource());
            }
        }
        if (distinct.size() > mnm) {
            throw new OneM2MException(ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED,
                    "the group names " + distinct.size() + " members, more than its mnm " + mnm);
        }
        List<String> kept = new ArrayList<>();
        long type = mt;
        boolean validated = true;
        for (Map.Entry<String, Resource> e : distinct.entrySet()) {
            Resource r = e.getValue();
            Integer ty;
            if (r == null) {
                RemoteResources.Retrieved remote = references.retrieved(e.getKey());
                if (remote == null || remote.unreachable()) {
                    // Not retrieved (a mixed group checks no type) or not reachable now: kept, but this CSE has not
                    // seen it, so the group's members are not all validated.
                    validated = false;
                    kept.add(e.getKey());
                    continue;
                }
                if (remote.rsc() == ResponseStatusCode.NOT_FOUND) {
                    if (later) {
                        continue;
                    }
                    throw OneM2MException.notFound("member " + e.getKey() + " does not exist on its CSE: " + remote.reason());
                }
                if (remote.refused()) {
                    if (later) {
                        validated = false;
                        kept.add(e.getKey());
                        continue;
                    }
                    throw new OneM2MException(ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE, "the originator may not"
                            + " retrieve the member " + e.getKey() + " on its CSE, so its type cannot be validated");
                }
                ty = remote.ty();
            } else {
                if (!later && !references.retrievable(r)) {
                    throw new OneM2MException(ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE,
                            "the originator may not retrieve the member " + e.getKey() + ", so its type cannot be validated");
                }
                ty = r.ty;
            }
            boolean specialized = specialization == null || isSpecialization(r, specialization);
            if (type != MIXED && (ty != type || !specialized)) {
                if (csy == ABANDON_MEMBER) {
                    continue;
                }
                if (csy == ABANDON_GROUP) {
                    throw new OneM2MException(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT, "member " + e.getKey()
                            + (ty != type ? " is of type " + ty + ", not of the group's mt " + type
                                    : " is no specialization " + specialization + " (spty)"));
                }
                type = MIXED;
            }
            kept.add(e.getKey());
        }
        return new Validated(kept, type, validated);
    }

    /**
     * Whether a local member is of the group's specializationType (TS-0004 6.3.5.x m2m:specializationType): a
     * flexContainer whose cnd is the spty's (TS-0001 9.6.35), or an mgmtObj whose mgd is (TS-0001 9.6.15). A member on
     * another CSE is not (its cnd or mgd is not retrieved).
     */
    private static boolean isSpecialization(Resource member, Object specialization) {
        if (member == null || !(specialization instanceof Map<?, ?> spty)) {
            return false;
        }
        if (spty.get("cnd") != null) {
            return spty.get("cnd").equals(member.get("cnd"));
        }
        return spty.get("mgd") instanceof Number mgd && member.get("mgd") instanceof Number own
                && mgd.longValue() == own.longValue();
    }
}
