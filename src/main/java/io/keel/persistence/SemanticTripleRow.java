package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of semantic_triple, read by discovery queries that evaluate a semanticsFilter's basic graph pattern as a
 * self-join on the term keys ({@link ResourceQuery#described}). {@link io.keel.core.store.SemanticIndex#replace}
 * writes these rows.
 */
@Entity
@org.eclipse.persistence.annotations.ReadOnly
@Table(name = "semantic_triple")
@IdClass(SemanticTripleRow.Key.class)
public class SemanticTripleRow {
    @Id
    @Column(name = "graph")
    String graph;
    @Id
    @Column(name = "s_key")
    String sKey;
    @Id
    @Column(name = "p_key")
    String pKey;
    @Id
    @Column(name = "o_key")
    String oKey;
    /** The resource a semanticDescriptor's graph describes (its parent); null for other graphs. */
    @Column(name = "described")
    String described;
    /** The structured name of the described resource (V44); null where {@link #described} is. */
    @Column(name = "described_srn")
    String describedSrn;

    /** Composite key: a graph holds a triple once. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String graph;
        String sKey;
        String pKey;
        String oKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.graph, graph) && Objects.equals(k.sKey, sKey)
                    && Objects.equals(k.pKey, pKey) && Objects.equals(k.oKey, oKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(graph, sKey, pKey, oKey);
        }
    }
}
