package io.keel.core.store;

import java.util.List;

/**
 * Which resources an originator may see, as a database predicate. Access control supplies it, so discovery and
 * child lists never return nor count what they may not show. Unless {@code everything}, a resource is visible when
 * <ul>
 * <li>it is a policy (of {@code policyType}) whose own selfPrivileges grant the permission ({@code selfGranting});</li>
 * <li>policies govern it and one of them grants the permission ({@code granting});</li>
 * <li>it is no policy, none govern it, and the originator created it ({@code origin}) or it lies in one of its
 * {@code subtrees}.</li>
 * </ul>
 * A resource is also visible when a token of the request grants the permission on it ({@code tokenGranted}), and when
 * it is of a type that takes its parent's decision ({@code inheriting}) and a token grants it on the parent.
 * With a {@code custody} (Release 4), a resource naming a custodian, or of a type taking its parent's decision under
 * one that does, is visible by the last rule to that custodian only, and a policy also to its custodian.
 * Whatever access allows, the {@code hidden} resources are never shown (instances of a container that disables
 * retrieval). Beyond these rules, the {@code alsoVisible} resources are (granted by a dynamic authorization, TS-0004
 * 7.3.3.15).
 *
 * @param policiesExist false while the CSE holds no accessControlPolicy: then the last rule alone decides
 * @param policyType    the resource type of policies, which govern themselves (accessControlPolicy, TS-0004 7.4.2)
 * @param custody       the custodian rules, or null where none apply
 */
public record Visibility(boolean everything, String origin, List<String> subtrees, boolean policiesExist,
                         List<String> granting, List<String> selfGranting, int policyType, List<HiddenChildren> hidden,
                         List<String> tokenGranted, List<Integer> inheriting, List<String> alsoVisible,
                         Custody custody) {
    public static final Visibility EVERYTHING = new Visibility(true, null, List.of(), false, List.of(), List.of(), 0);

    public Visibility(boolean everything, String origin, List<String> subtrees, boolean policiesExist,
                      List<String> granting, List<String> selfGranting, int policyType, List<HiddenChildren> hidden) {
        this(everything, origin, subtrees, policiesExist, granting, selfGranting, policyType, hidden, List.of(), List.of(), List.of(),
                null);
    }

    public Visibility(boolean everything, String origin, List<String> subtrees, boolean policiesExist,
                      List<String> granting, List<String> selfGranting, int policyType) {
        this(everything, origin, subtrees, policiesExist, granting, selfGranting, policyType, List.of());
    }

    /**
     * The custodian rules (Release 4) as data for the predicate.
     *
     * @param attribute      the custodian attribute's short name, as the attribute index holds it
     * @param names          the values naming the originator (its ID in every form a custodian may give it)
     * @param inheritingTypes the types without acpi, which take their parent's decision and so its custodian's
     */
    public record Custody(String attribute, List<String> names, List<Integer> inheritingTypes) {
    }

    /** Resources of {@code type} whose parent has the attribute {@code parentAttribute} with the value {@code parentValue}. */
    public record HiddenChildren(int type, String parentAttribute, String parentValue) {
    }

    /** The same, with these resources never shown. */
    public Visibility hiding(List<HiddenChildren> rules) {
        return new Visibility(everything, origin, subtrees, policiesExist, granting, selfGranting, policyType, List.copyOf(rules),
                tokenGranted, inheriting, alsoVisible, custody);
    }

    /** The same, with these resources (and their children of the {@code inheriting} types) visible besides. */
    public Visibility grantingByToken(List<String> resources, List<Integer> inheritingTypes) {
        return resources.isEmpty() ? this : new Visibility(everything, origin, subtrees, policiesExist, granting, selfGranting,
                policyType, hidden, List.copyOf(resources), List.copyOf(inheritingTypes), alsoVisible, custody);
    }

    /** The same, with these resources visible too, whatever the other rules say. */
    public Visibility alsoShowing(List<String> resourceIds) {
        return new Visibility(everything, origin, subtrees, policiesExist, granting, selfGranting, policyType, hidden,
                tokenGranted, inheriting, List.copyOf(resourceIds), custody);
    }

    /** The same, with the custodian rules (Release 4) applied. */
    public Visibility withCustody(Custody rules) {
        return new Visibility(everything, origin, subtrees, policiesExist, granting, selfGranting, policyType, hidden,
                tokenGranted, inheriting, alsoVisible, rules);
    }
}
