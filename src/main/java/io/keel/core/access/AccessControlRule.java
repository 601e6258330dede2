package io.keel.core.access;

import io.keel.core.schedule.ScheduleEntry;
import io.keel.core.Identifiers;
import java.util.List;

/**
 * One accessControlRule of a setOfAcrs (TS-0004 6.3.5.27, 7.3.3.15), as {@link SetOfAcrs} parses it: it grants when
 * its originators (acor) include the requester, its operations (acop) include the permission, and one of its
 * contexts (acco), if it has any, holds.
 */
public record AccessControlRule(List<String> originators, int operations, List<Context> contexts, boolean authenticated) {

    /**
     * One accessControlContext: every criterion it has must hold; each is a list of alternatives.
     *
     * @param timeWindows actw, empty when absent
     * @param addresses acip ipv4 and ipv6 entries, empty when acip is absent
     */
    public record Context(List<ScheduleEntry> timeWindows, List<IpRange> addresses) {
        boolean holds(Requester who) {
            return (timeWindows.isEmpty() || timeWindows.stream().anyMatch(w -> w.matches(who.time())))
                    && (addresses.isEmpty() || addresses.stream().anyMatch(a -> a.contains(who.address())));
        }
    }

    public boolean grants(Requester who, Permission p) {
        return (operations & p.bit()) != 0
                && originators.stream().anyMatch(o -> names(o, who))
                // acaf: the rule holds only for an originator the binding authenticated.
                && (!authenticated || who.authenticated())
                && (contexts.isEmpty() || contexts.stream().anyMatch(c -> c.holds(who)));
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
