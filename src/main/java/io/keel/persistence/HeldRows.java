package io.keel.persistence;

import io.keel.core.resource.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a write transaction holds locked and may therefore take as current without reading it again: rows it locked
 * (no one else changes them), and the oldest children of a locked parent (no one else adds or removes them: a child's
 * create and deletion wait for its parent's lock). The creates of a turn under one container lock and read it once,
 * and find the instances their quota removes with one statement, and delete them with one more as the turn commits.
 */
final class HeldRows {
    /** A subtree to delete before the commit. */
    record Removal(Resource resource, Set<Integer> childlessTypes) {
    }

    /** The oldest children of a parent, in the order of the resource_children index. */
    static final class Oldest {
        final ArrayDeque<Resource> resources;
        /** Whether these were all there were (fewer than asked for): a child added later belongs among them. */
        final boolean all;

        Oldest(List<Resource> resources, boolean all) {
            this.resources = new ArrayDeque<>(resources);
            this.all = all;
        }
    }

    private final Set<String> rows = new HashSet<>();
    private final Map<String, Oldest> oldest = new HashMap<>();
    /** How many writes share the transaction: how many oldest children to read ahead at once. */
    private int writes = 1;
    /** Whether the transaction is a turn of writes under one parent: its rows and deletions wait for the commit. */
    private boolean turn;
    /** The deletions waiting. */
    private List<Removal> removals = new ArrayList<>();

    void turn(boolean isTurn) {
        turn = isTurn;
    }

    boolean inTurn() {
        return turn;
    }

    /** The subtree goes before the commit; until then it is no longer among its parent's oldest children. */
    void remove(Removal r) {
        removed(r.resource());
        removals.add(r);
    }

    /** The deletions waiting, handed over once. */
    List<Removal> takeRemovals() {
        List<Removal> taken = removals;
        removals = new ArrayList<>();
        return taken;
    }

    void writes(int n) {
        writes = n;
    }

    int writes() {
        return writes;
    }

    boolean holds(String ri) {
        return rows.contains(ri);
    }

    void locked(String ri) {
        rows.add(ri);
    }

    /** The row changed in a way its managed copy does not show: read it again at the next lock. */
    void changed(String ri) {
        rows.remove(ri);
    }

    Oldest oldest(String pi, int ty) {
        return oldest.get(key(pi, ty));
    }

    void oldest(String pi, int ty, Oldest o) {
        oldest.put(key(pi, ty), o);
    }

    /** A child was added under {@code pi}: a list of all its children of that type no longer is one. */
    void added(String pi, int ty) {
        Oldest o = oldest.get(key(pi, ty));
        if (o != null && o.all) {
            oldest.remove(key(pi, ty));
        }
    }

    /** The resource is deleted: no longer among the oldest children of its parent. */
    void removed(Resource r) {
        Oldest o = oldest.get(key(r.pi, r.ty));
        if (o != null) {
            o.resources.removeIf(x -> x.ri.equals(r.ri));
        }
    }

    /** Forgets the rows held: after a rollback, or a deletion that took unknown rows with it (not the removals waiting). */
    void clear() {
        rows.clear();
        oldest.clear();
    }

    private static String key(String pi, int ty) {
        return ty + "/" + pi;
    }
}
