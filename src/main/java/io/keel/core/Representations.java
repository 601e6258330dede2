package io.keel.core;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.persistence.TreeTransaction;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResultContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds response Content for a resource per Result Content (shared/spec §2.3, §9.3), and partial retrieves.
 * Child lists are read page-wise from the database and capped at the CSE's maximum result size; a cut result is
 * reported as PARTIAL_CONTENT.
 */
public final class Representations {
    private final ResourceTypes types;
    private final int maxResultSize;

    public Representations(ResourceTypes types, int maxResultSize) {
        this.types = types;
        this.maxResultSize = maxResultSize;
    }

    /** Content and whether it is complete. */
    public record Built(Object content, ContentStatus status) {
    }

    public Map<String, Object> attributes(Resource r) {
        ResourceType t = types.require(r.ty);
        return single(t.rootElement(), r.representation(t));
    }

    /** {@code m2m:<sn>} with only the listed attributes (partial retrieve); unknown names → 4000. */
    public Map<String, Object> partial(Resource r, List<String> names) {
        ResourceType t = types.require(r.ty);
        Map<String, Object> all = r.representation(t);
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String n : names) {
            if (t.attribute(n) == null) {
                throw OneM2MException.badRequest("unknown attribute " + n + " for " + t.rootElement());
            }
            if (all.containsKey(n)) {
                picked.put(n, all.get(n));
            }
        }
        return single(t.rootElement(), picked);
    }

    /** Content for Retrieve/Delete result contents that involve children (4, 5, 6, 8) or attributes (1, 7). */
    public Built build(TreeTransaction tx, Resource r, ResultContent rcn) {
        ResourceType t = types.require(r.ty);
        Budget budget = new Budget(maxResultSize);
        Object content = switch (rcn) {
            case ATTRIBUTES, ORIGINAL_RESOURCE -> attributes(r);
            case ATTRIBUTES_AND_CHILD_RESOURCES -> single(t.rootElement(), nested(tx, r, true, budget));
            case CHILD_RESOURCES -> single(t.rootElement(), nested(tx, r, false, budget));
            case ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES -> {
                Map<String, Object> m = r.representation(t);
                List<Object> refs = references(tx, r, budget);
                if (!refs.isEmpty()) {
                    m.put("ch", refs);
                }
                yield single(t.rootElement(), m);
            }
            case CHILD_RESOURCE_REFERENCES -> single("m2m:rrl", single("rrf", references(tx, r, budget)));
            case NOTHING -> null;
            default -> throw new IllegalArgumentException("rcn " + rcn + " is not built here");
        };
        return new Built(content, budget.cut ? ContentStatus.PARTIAL_CONTENT : null);
    }

    /** Attributes (or not) plus every child, grouped by type as {@code m2m:<sn>} lists, recursively. */
    private Map<String, Object> nested(TreeTransaction tx, Resource r, boolean withAttributes, Budget budget) {
        Map<String, Object> m = withAttributes ? r.representation(types.require(r.ty)) : new LinkedHashMap<>();
        for (Resource child : budget.children(tx, r)) {
            ResourceType ct = types.require(child.ty);
            @SuppressWarnings("unchecked")
            List<Object> group = (List<Object>) m.computeIfAbsent(ct.rootElement(), k -> new ArrayList<>());
            group.add(nested(tx, child, true, budget));
        }
        return m;
    }

    private List<Object> references(TreeTransaction tx, Resource r, Budget budget) {
        List<Object> refs = new ArrayList<>();
        for (Resource child : budget.children(tx, r)) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("nm", child.rn);
            ref.put("typ", child.ty);
            ref.put("val", child.srn);
            refs.add(ref);
        }
        return refs;
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    /** How many more resources one response may carry. */
    private static final class Budget {
        int left;
        boolean cut;

        Budget(int max) {
            left = max;
        }

        List<Resource> children(TreeTransaction tx, Resource parent) {
            if (left <= 0) {
                cut |= !tx.children(parent.ri, List.of(), 0, 1).isEmpty();
                return List.of();
            }
            List<Resource> page = tx.children(parent.ri, List.of(), 0, left + 1);
            if (page.size() > left) {
                cut = true;
                page = page.subList(0, left);
            }
            left -= page.size();
            return page;
        }
    }
}
