package io.keel.core.resource.flex;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flexContainer specializations this CSE knows, by root element and by containerDefinition. */
public final class FlexCatalogue {
    private final Map<String, Specialization> byRootElement = new LinkedHashMap<>();
    private final Map<String, Specialization> byCnd = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two specializations share a root element or a cnd */
    public FlexCatalogue(List<Specialization> specializations) {
        for (Specialization s : specializations) {
            Specialization clash = byRootElement.putIfAbsent(s.rootElement(), s);
            if (clash != null) {
                throw new IllegalArgumentException(s.source() + ": rootElement " + s.rootElement() + " is declared by "
                        + clash.source() + " too");
            }
            clash = byCnd.putIfAbsent(s.cnd(), s);
            if (clash != null) {
                throw new IllegalArgumentException(s.source() + ": containerDefinition " + s.cnd() + " is declared by "
                        + clash.source() + " too");
            }
        }
        for (Specialization s : specializations) {
            for (String child : s.children()) {
                if (!byRootElement.containsKey(child)) {
                    throw new IllegalArgumentException(s.source() + ": children names " + child
                            + ", which no catalogue file declares");
                }
            }
        }
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (Specialization s : specializations) {
            String other = namespaces.putIfAbsent(s.prefix(), s.namespace());
            if (other != null && !other.equals(s.namespace())) {
                throw new IllegalArgumentException(s.source() + ": namespace " + s.namespace() + " for prefix " + s.prefix()
                        + " differs from " + other + " declared elsewhere");
            }
        }
    }

    public Collection<Specialization> all() {
        return byRootElement.values();
    }

    /** @return the specialization with this root element ({@code cod:binSh}), or null */
    public Specialization byRootElement(String rootElement) {
        return byRootElement.get(rootElement);
    }

    /** @return the specialization this containerDefinition names, or null */
    public Specialization byContainerDefinition(String cnd) {
        return byCnd.get(cnd);
    }

    /** Prefix → namespace of every specialization, for XML. */
    public Map<String, String> namespaces() {
        Map<String, String> out = new LinkedHashMap<>();
        byRootElement.values().forEach(s -> out.putIfAbsent(s.prefix(), s.namespace()));
        return out;
    }
}
