package io.keel.core;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.SharedTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an entity of an older release sees of the resources in a Content: every {@code m2m:<sn>} representation
 * without the attributes introduced after its release (TS-0001 8.1.2: the release version of a primitive applies to
 * the resource types in its Content), wherever it sits — a response, a child list, a notification's {@code rep}.
 */
public final class ReleaseView {
    /** What a {@link SharedTree} keeps its fitted copies under, with the release. */
    private static final String FITTED = "fitted to release ";
    private final TypeRegistry types;
    /** The newest release that introduced an attribute of any type: entities of that release or later see everything. */
    private final String newestIntroduction;

    public ReleaseView(TypeRegistry types) {
        this.types = types;
        String newest = ReleaseVersion.RELEASE_1;
        for (String release : ReleaseVersion.DEFINED) {
            if (introducesAnything(types, release)) {
                newest = release;
            }
        }
        this.newestIntroduction = newest;
    }

    private static boolean introducesAnything(TypeRegistry types, String release) {
        boolean[] found = {false};
        types.forEach(t -> t.attributes().values().forEach(d -> found[0] |= d.introduced().equals(release)));
        return found[0];
    }

    /** The content as an entity of the given release (null: the newest) sees it; the same object when nothing differs. */
    public Object fit(Object content, String release) {
        if (content == null || ReleaseVersion.knows(release, newestIntroduction)) {
            return content;
        }
        return fit(content, release, null);
    }

    private Object fit(Object value, String release, ResourceType type) {
        if (value instanceof SharedTree shared && type == null) {
            // A representation many notifications carry: fitted once per release, for all of them.
            return shared.derived(FITTED + release, tree -> fitMap(tree, release, null));
        }
        if (value instanceof List<?> list) {
            return fitList(list, release, type);
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        return fitMap(map, release, type);
    }

    // Both copy only from the first difference on: most representations have nothing a given release lacks, and
    // copying them whole was 2 % of a retrieve's CPU.

    private List<?> fitList(List<?> list, String release, ResourceType type) {
        List<Object> out = null;
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            Object fitted = fit(v, release, type);
            if (out == null && fitted != v) {
                out = new ArrayList<>(list.size());
                out.addAll(list.subList(0, i));
            }
            if (out != null) {
                out.add(fitted);
            }
        }
        return out == null ? list : out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fitMap(Map<?, ?> map, String release, ResourceType type) {
        Map<String, Object> out = null;
        int index = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String k = (String) e.getKey();
            AttributeDef def = type == null ? null : type.attribute(k);
            boolean drop = def != null && !def.knownTo(release);
            Object fitted = drop ? null : fit(e.getValue(), release, k.startsWith("m2m:") ? types.byRootElement(k) : null);
            if (out == null && (drop || fitted != e.getValue())) {
                out = new LinkedHashMap<>();
                int i = 0;
                for (Map.Entry<?, ?> before : map.entrySet()) {
                    if (i++ == index) {
                        break;
                    }
                    out.put((String) before.getKey(), before.getValue());
                }
            }
            if (out != null && !drop) {
                out.put(k, fitted);
            }
            index++;
        }
        return out == null ? (Map<String, Object>) map : out;
    }
}
