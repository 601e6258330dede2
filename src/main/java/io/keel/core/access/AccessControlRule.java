package io.keel.core.access;

import io.keel.core.geo.LocationRegion;
import io.keel.core.schedule.ScheduleEntry;
import io.keel.core.Identifiers;
import java.util.List;

/**
 * One accessControlRule of a setOfAcrs (TS-0004 6.3.5.27, 7.3.3.15), as {@link SetOfAcrs} parses it: it grants when
 * its originators (acor) include the requester, its operations (acop) include the permission, and one of its
 * contexts (acco), if it has any, holds; for a Create, one of its object details (acod), if it has any, holds too.
 */
public record AccessControlRule(List<String> originators, int operations, List<Context> contexts, boolean authenticated,
                                List<ObjectDetails> objectDetails) {

    /**
     * One accessControlContext: every criterion it has must hold; each is a list of alternatives.
     *
     * @param timeWindows actw, empty when absent
     * @param addresses acip ipv4 and ipv6 entries, empty when acip is absent
     * @param region aclr, null when absent: an originator whose position is not known is in no region (TS-0003 F.2.1)
     */
    public record Context(List<ScheduleEntry> timeWindows, List<IpRange> addresses, LocationRegion region) {
        boolean holds(Requester who) {
            return (timeWindows.isEmpty() || timeWindows.stream().anyMatch(w -> w.matches(who.time())))
                    && (addresses.isEmpty() || addresses.stream().anyMatch(a -> a.contains(who.address())))
                    && (region == null || region.contains(who.location().get()));
        }
    }

    /** Whether the rule grants a permission other than a Create's, or a Create of which nothing is known. */
    public boolean grants(Requester who, Permission p) {
        return grants(who, p, null);
    }

    /**
     * res_acr of TS-0003 7.1.5, in its order: authentication, originators, operations, contexts, object details.
     *
     * @param create for a Create, what it makes under which target; null for any other request
     */
    public boolean grants(Requester who, Permission p, ChildCreation create) {
        return (operations & p.bit()) != 0
                && originators.stream().anyMatch(o -> names(o, who))
                // acaf: the rule holds only for an originator the binding authenticated.
                && (!authenticated || who.authenticated())
                && (contexts.isEmpty() || contexts.stream().anyMatch(c -> c.holds(who)))
                && objectDetailsHold(p, create);
    }

    /**
     * res_objd applies to Create request primitives only (TS-0003 7.1.5, table 7.1.2-1): a rule with acod grants any
     * other operation as one without; a Create only when one of them holds, never one whose child type is unknown.
     */
    private boolean objectDetailsHold(Permission p, ChildCreation create) {
        if (objectDetails.isEmpty() || p != Permission.CREATE) {
            return true;
        }
        return create != null && objectDetails.stream().anyMatch(d -> d.holds(create));
    }

    /**
     * An acor entry (TS-0004 table 7.3.3.15-1): {@code all}; a domain, {@code //} and an M2M-SP-ID, naming every
     * originator of that service provider; an ID with {@code *} wildcards; an exact ID; or the ID of a group the
     * requester is in; or a Role-ID the request proved.
     */
    private static boolean names(String entry, Requester who) {
        if (entry.equals("all")) {
            return true;
        }
        if (entry.startsWith("//") && entry.indexOf('/', 2) < 0) {
            return who.domain() != null && Identifiers.matchesWildcard(entry.substring(2), who.domain());
        }
        if (entry.indexOf('*') >= 0) {
            return Identifiers.matchesWildcard(entry, who.originator());
        }
        return entry.equals(who.originator()) || who.roles().contains(entry) || who.memberOf().test(entry);
    }
}
