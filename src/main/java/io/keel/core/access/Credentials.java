package io.keel.core.access;

import io.keel.core.resource.Resource;
import java.util.List;
import java.util.Set;

/**
 * What a request proved beyond its originator (TS-0003 7.1.2: Role IDs, Tokens, Token IDs): the roles it holds
 * everywhere, and the permissions of its tokens that apply to some resources only (TS-0003 7.3.2.5).
 *
 * @param roles  role IDs proven by a {@code <role>} or a verified token without resourceIDs
 * @param scoped token permissions limited to resourceIDs
 */
public record Credentials(Set<String> roles, List<Scoped> scoped) {
    public static final Credentials NONE = new Credentials(Set.of(), List.of());

    /**
     * A token permission with resourceIDs: its privileges and roles hold on those resources only.
     *
     * @param resourceIds the resources, by resource ID
     * @param privileges  the permission's rules (TS-0004 6.3.5.41 privileges), empty when it has none
     * @param roles       the role IDs it gives on those resources
     */
    public record Scoped(List<String> resourceIds, List<AccessControlRule> privileges, Set<String> roles) {
        /** Whether it names the resource (the decision climbs to the parent for types that take their parent's). */
        boolean covers(Resource r) {
            return resourceIds.contains(r.ri);
        }
    }
}
