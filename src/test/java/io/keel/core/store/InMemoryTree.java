package io.keel.core.store;

import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ResourceTree} in memory for unit tests: what it hands out are copies, as a database's are, so a test sees
 * only what an operation stored.
 */
public final class InMemoryTree implements ResourceTree {
    private final Map<String, Resource> byRi = new LinkedHashMap<>();
    /** The location watches a store beside this tree keeps (FakeStore's); null for none. */
    LocationWatches watches;

    @Override
    public LocationWatches locationWatches() {
        return watches;
    }

    /** Adds a resource as stored; its rn is the last segment of its srn. */
    public Resource add(String ri, String pi, int ty, String srn) {
        Resource r = new Resource();
        r.ri = ri;
        r.pi = pi;
        r.ty = ty;
        r.srn = srn;
        r.rn = srn.substring(srn.lastIndexOf('/') + 1);
        r.ct = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(byRi.size());
        r.lt = r.ct;
        r.et = pi == null ? null : r.ct.plusSeconds(86_400);
        r.origin = "CAdmin";
        byRi.put(ri, r);
        return r;
    }

    /** The stored state of a resource (not a copy), for a test to arrange or inspect; null when absent. */
    public Resource stored(String ri) {
        return byRi.get(ri);
    }

    public int size() {
        return byRi.size();
    }

    /** The whole tree as it is, to restore after a failed write. */
    Map<String, Resource> snapshot() {
        Map<String, Resource> copy = new LinkedHashMap<>();
        byRi.forEach((ri, r) -> copy.put(ri, copy(r)));
        return copy;
    }

    void restore(Map<String, Resource> snapshot) {
        byRi.clear();
        byRi.putAll(snapshot);
    }

    @Override
    public Resource find(String ri) {
        return copy(byRi.get(ri));
    }

    @Override
    public Resource findByStructuredName(String srn) {
        return byRi.values().stream().filter(r -> r.srn.equals(srn)).findFirst().map(InMemoryTree::copy).orElse(null);
    }

    @Override
    public Resource lock(String ri) {
        return find(ri);
    }

    @Override
    public void insert(Resource r) {
        boolean taken = byRi.values().stream().anyMatch(o -> o.srn.equals(r.srn)) || byRi.containsKey(r.ri);
        if (taken) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, "a resource with this name already exists under the parent");
        }
        byRi.put(r.ri, copy(r));
    }

    @Override
    public void update(Resource r) {
        if (!byRi.containsKey(r.ri)) {
            throw OneM2MException.notFound("resource " + r.ri + " no longer exists");
        }
        byRi.put(r.ri, copy(r));
    }

    @Override
    public void deleteSubtree(Resource r, Set<Integer> childlessTypes) {
        byRi.values().removeIf(o -> o.ri.equals(r.ri) || o.srn.startsWith(r.srn + "/"));
    }

    @Override
    public Resource newestOrOldestChild(String pi, int ty, boolean newest) {
        List<Resource> children = oldestChildren(pi, ty, Integer.MAX_VALUE);
        return children.isEmpty() ? null : children.get(newest ? children.size() - 1 : 0);
    }

    @Override
    public List<Resource> newestChildren(String pi, int ty, int limit) {
        List<Resource> all = new java.util.ArrayList<>(oldestChildren(pi, ty, Integer.MAX_VALUE));
        java.util.Collections.reverse(all);
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** The resource type of each query for children ({@link #oldestChildren}, {@link #childrenOf}), in order. */
    public final List<Integer> childQueries = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public java.util.Map<String, List<Resource>> childrenOf(java.util.Collection<String> pis, int ty) {
        childQueries.add(ty);
        java.util.Map<String, List<Resource>> out = new java.util.LinkedHashMap<>();
        for (String pi : pis) {
            List<Resource> children = children(pi, ty, Integer.MAX_VALUE);
            if (!children.isEmpty()) {
                out.put(pi, children);
            }
        }
        return out;
    }

    @Override
    public List<Resource> oldestChildren(String pi, int ty, int limit) {
        childQueries.add(ty);
        return children(pi, ty, limit);
    }

    private List<Resource> children(String pi, int ty, int limit) {
        return byRi.values().stream().filter(r -> pi.equals(r.pi) && r.ty == ty)
                .sorted(Comparator.comparing((Resource r) -> r.ct).thenComparing(r -> r.ri))
                .limit(limit).map(InMemoryTree::copy).toList();
    }

    @Override
    public List<Resource> ofType(int ty) {
        return byRi.values().stream().filter(r -> r.ty == ty).map(InMemoryTree::copy).toList();
    }

    @Override
    public List<Resource> naming(String attribute, java.util.Collection<String> values, String below, int limit) {
        return byRi.values().stream().filter(r -> r.srn.startsWith(below + "/"))
                .filter(r -> r.get(attribute) instanceof List<?> l ? l.stream().anyMatch(values::contains)
                        : values.contains(String.valueOf(r.get(attribute))))
                .sorted(java.util.Comparator.comparing((Resource r) -> r.srn)).limit(limit).map(InMemoryTree::copy).toList();
    }

    static Resource copy(Resource r) {
        if (r == null) {
            return null;
        }
        Resource c = new Resource();
        c.ri = r.ri;
        c.pi = r.pi;
        c.ty = r.ty;
        c.rn = r.rn;
        c.srn = r.srn;
        c.ct = r.ct;
        c.lt = r.lt;
        c.et = r.et;
        c.st = r.st;
        c.cr = r.cr;
        c.origin = r.origin;
        c.cs = r.cs;
        c.cty = r.cty;
        c.dgt = r.dgt;
        c.lbl = new ArrayList<>(r.lbl);
        c.attributes = new LinkedHashMap<>(r.attributes);
        return c;
    }
}
