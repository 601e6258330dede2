package io.keel.primitive;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A part of a content that many messages carry unchanged — the representation in the notifications of one event to
 * a thousand subscriptions — and so is worked on once for all of them: its encodings (per serialization) and what
 * is derived from it (e.g. as an older release sees it) are kept with it and reused. Read-only; a map as any other
 * for those that read it.
 */
public final class SharedTree extends AbstractMap<String, Object> {
    private final Map<String, Object> tree;
    private final Map<Object, Object> kept = new ConcurrentHashMap<>();

    private SharedTree(Map<String, Object> tree) {
        this.tree = Collections.unmodifiableMap(tree);
    }

    /** A tree to be shared (one already shared as it is). */
    public static SharedTree of(Map<String, Object> tree) {
        return tree instanceof SharedTree s ? s : new SharedTree(tree);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return tree.entrySet();
    }

    @Override
    public Object get(Object key) {
        return tree.get(key);
    }

    @Override
    public int size() {
        return tree.size();
    }

    /** What {@code make} makes of this tree for {@code key} (a serialization, a release), made by the first to ask. */
    @SuppressWarnings("unchecked")
    public <T> T kept(Object key, Supplier<T> make) {
        return (T) kept.computeIfAbsent(key, k -> make.get());
    }

    /** A tree derived from this one for {@code key}, itself shared, made by the first to ask. */
    public SharedTree derived(Object key, Function<Map<String, Object>, Map<String, Object>> derive) {
        return kept(key, () -> of(derive.apply(tree)));
    }
}
