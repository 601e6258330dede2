package io.keel.persistence;

import java.util.List;

/**
 * Which resources an originator may see, as a database predicate. Access control supplies it, so discovery and
 * child lists never return nor count what they may not show. Unless {@code everything}, a resource is visible when
 * <ul>
 * <li>it is an accessControlPolicy whose own selfPrivileges grant the permission ({@code selfGranting});</li>
 * <li>access control policies govern it and one of them grants the permission ({@code granting});</li>
 * <li>none govern it, and the originator created it ({@code origin}) or it lies in one of its {@code subtrees}.</li>
 * </ul>
 *
 * @param policiesExist false while the CSE holds no accessControlPolicy: then the last rule alone decides
 */
public record Visibility(boolean everything, String origin, List<String> subtrees, boolean policiesExist,
                         List<String> granting, List<String> selfGranting) {
    public static final Visibility EVERYTHING = new Visibility(true, null, List.of(), false, List.of(), List.of());
}
