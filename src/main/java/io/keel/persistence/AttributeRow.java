package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of resource_attr, read by filter queries as an uncorrelated subquery ({@code ri IN (…)}) that the database
 * evaluates once. {@link ResourceEntity#values} writes these rows.
 */
@Entity
@org.eclipse.persistence.annotations.ReadOnly
@Table(name = "resource_attr")
@IdClass(AttributeRow.Key.class)
public class AttributeRow {
    @Id
    @Column(name = "ri")
    String ri;
    @Id
    @Column(name = "nm")
    String nm;
    @Id
    @Column(name = "val")
    String val;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String ri;
        String nm;
        String val;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ri, ri) && Objects.equals(k.nm, nm) && Objects.equals(k.val, val);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ri, nm, val);
        }
    }
}
