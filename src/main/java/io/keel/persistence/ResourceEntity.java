package io.keel.persistence;

import io.keel.serialization.ContentCodec;
import jakarta.persistence.Basic;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One row per resource of every type (ANCHOR-NOTES: a generic table, no schema change per type). The columns are
 * what lookups, ordering, quotas, expiry and discovery query; the rest of the attributes is a JSON document.
 * The schema itself is owned by the Flyway migrations in persistence/db/migration.
 */
@Entity
@Table(name = "resource")
public class ResourceEntity {
    @Id
    @Column(name = "ri")
    String ri;
    @Column(name = "pi")
    String pi;
    @Column(name = "ty")
    int ty;
    @Column(name = "rn")
    String rn;
    @Column(name = "srn")
    String srn;
    /** Times in microseconds since the epoch: exact, portable, and ordered like the timestamps they stand for. */
    @Column(name = "ct")
    long ct;
    @Column(name = "lt")
    long lt;
    @Column(name = "et")
    Long et;
    @Column(name = "st")
    long st;
    @Column(name = "cr")
    String cr;
    @Column(name = "origin")
    String origin;
    @Column(name = "cs")
    Long cs;
    /** Segments of the structured name: the level (lvl) limit of discovery. */
    @Column(name = "depth")
    int depth;
    /** Media type of a contentInstance's contentInfo: the contentType (cty) condition. */
    @Column(name = "cty")
    String cty;
    /** dataGenerationTime (µs) of contentInstances and timeSeriesInstances: the dgb/dga conditions. */
    @Column(name = "dgt")
    Long dgt;
    /** How many subscription children it has (V40); written by the store's own statements, never by an update. */
    @Column(name = "subs", updatable = false)
    int subs;
    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "attrs")
    String attrs;
    /** Kept for label queries (discovery); reads take labels from {@link #attrs}. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "resource_label", joinColumns = @JoinColumn(name = "ri"))
    @Column(name = "lbl")
    Set<String> labels = new HashSet<>();
    /** Kept for attribute conditions (discovery); reads take attributes from {@link #attrs}. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "resource_attr", joinColumns = @JoinColumn(name = "ri"))
    Set<AttributeValue> values = new HashSet<>();
    /** The bounding box of the location (loc), at most one, kept for geo-queries; reads take loc from {@link #attrs}. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "resource_geo", joinColumns = @JoinColumn(name = "ri"))
    Set<GeoBox> geo = new HashSet<>();
    /** {@link #attrs} parsed, on the copies {@link RowCache} keeps only: never handed out, a read gets a copy. */
    @Transient
    Map<String, Object> parsedAttrs;

    /**
     * The row's columns in a new object of no EntityManager, without the element collections (which reads take from
     * {@link #attrs}): what {@link RowCache} keeps.
     */
    @SuppressWarnings("unchecked")
    static ResourceEntity detachedCopy(ResourceEntity e) {
        ResourceEntity c = new ResourceEntity();
        c.ri = e.ri;
        c.pi = e.pi;
        c.ty = e.ty;
        c.rn = e.rn;
        c.srn = e.srn;
        c.ct = e.ct;
        c.lt = e.lt;
        c.et = e.et;
        c.st = e.st;
        c.cr = e.cr;
        c.origin = e.origin;
        c.cs = e.cs;
        c.depth = e.depth;
        c.cty = e.cty;
        c.dgt = e.dgt;
        c.subs = e.subs;
        c.attrs = e.attrs;
        c.parsedAttrs = e.attrs == null ? null : (Map<String, Object>) ContentCodec.fromJson(e.attrs);
        return c;
    }
}
