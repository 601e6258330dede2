package io.keel.core.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the resource tree as the core sees it: the universal attributes as fields (they are indexed
 * columns in the database), every other attribute in {@link #attributes} by short name.
 */
public final class Resource {
    public String ri;
    /** Parent's ri; null for the CSEBase. */
    public String pi;
    public int ty;
    public String rn;
    /** Structured CSE-relative ID, e.g. {@code cse-in/myAE/myCnt}: unique, what hierarchical addressing resolves. */
    public String srn;
    public Instant ct;
    public Instant lt;
    /** Expiration time; null only for the CSEBase. */
    public Instant et;
    public long st;
    /** The creator attribute (cr), present only when the originator asked for it with {@code "cr": null}. */
    public String cr;
    /** The originator that created the resource; not an attribute, but what default access rests on. */
    public String origin;
    public List<String> lbl = new ArrayList<>();
    /** Byte size of the content, for types that have one (contentInstance cs); null otherwise. */
    public Long cs;
    /**
     * The media type of the content (the type/subtype of a contentInstance's cnf), which filter criteria match by
     * {@code cty}; set by types with content, null otherwise. Not an attribute of its own.
     */
    public String cty;
    /**
     * The dataGenerationTime of the types that have one (contentInstance, timeSeriesInstance), which filter criteria
     * match by {@code dgb}/{@code dga}; set by those types with their {@code dgt} attribute, null otherwise.
     */
    public Instant dgt;
    /**
     * How many {@code <subscription>} children the store counted when it read the resource (exact for a locked one;
     * a subscription created meanwhile may be missing otherwise); -1 when the store does not count them.
     */
    public int subscriptions = -1;
    /** Type-specific attributes in the order of the type's declaration, values already normalized. */
    public Map<String, Object> attributes = new LinkedHashMap<>();

    public Object get(String sn) {
        return attributes.get(sn);
    }

    public long getLong(String sn, long defaultValue) {
        Object v = attributes.get(sn);
        return v instanceof Number n ? n.longValue() : defaultValue;
    }

    /** Segments of the structured ID: the CSEBase is 1, its children 2, … (what lvl counts). */
    public int depth() {
        int depth = 1;
        for (int i = 0; i < srn.length(); i++) {
            if (srn.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** A child resource reference ({@code ch}, {@code rrf} items): name, type and address. */
    public Map<String, Object> reference(boolean unstructured) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("nm", rn);
        ref.put("typ", ty);
        ref.put("val", unstructured ? ri : srn);
        return ref;
    }
}
