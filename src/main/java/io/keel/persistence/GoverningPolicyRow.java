package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of resource_acp: an accessControlPolicy governing a resource. Visibility predicates read it as an
 * uncorrelated subquery ({@code ri IN (…)}); {@link io.keel.core.store.PolicyIndex#setGoverningPolicies} writes it.
 */
@Entity
@org.eclipse.persistence.annotations.ReadOnly
@Table(name = "resource_acp")
@IdClass(GoverningPolicyRow.Key.class)
public class GoverningPolicyRow {
    @Id
    @Column(name = "ri")
    String ri;
    @Id
    @Column(name = "acp")
    String acp;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String ri;
        String acp;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ri, ri) && Objects.equals(k.acp, acp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ri, acp);
        }
    }
}
