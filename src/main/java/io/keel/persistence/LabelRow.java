package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of resource_label, read by filter queries as an uncorrelated subquery ({@code ri IN (…)}) that the database
 * evaluates once. {@link ResourceEntity#labels} writes these rows.
 */
@Entity
@org.eclipse.persistence.annotations.ReadOnly
@Table(name = "resource_label")
@IdClass(LabelRow.Key.class)
public class LabelRow {
    @Id
    @Column(name = "ri")
    String ri;
    @Id
    @Column(name = "lbl")
    String lbl;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String ri;
        String lbl;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ri, ri) && Objects.equals(k.lbl, lbl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ri, lbl);
        }
    }
}
