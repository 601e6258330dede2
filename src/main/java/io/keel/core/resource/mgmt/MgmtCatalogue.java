package io.keel.core.resource.mgmt;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mgmtObj specializations this CSE implements, by mgmtDefinition and by root element. */
public final class MgmtCatalogue {
    private final Map<Integer, MgmtSpecialization> byMgd = new LinkedHashMap<>();
    private final Map<String, MgmtSpecialization> byRootElement = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two specializations share a mgmtDefinition or a root element */
    public MgmtCatalogue(List<MgmtSpecialization> specializations) {
        for (MgmtSpecialization s : specializations) {
            MgmtSpecialization clash = byMgd.putIfAbsent(s.mgd(), s);
            if (clash != null) {
                throw new IllegalArgumentException(s.source() + ": mgmtDefinition " + s.mgd() + " is declared by " + clash.source() + " too");
            }
            clash = byRootElement.putIfAbsent(s.rootElement(), s);
            if (clash != null) {
                throw new IllegalArgumentException(s.source() + ": rootElement " + s.rootElement() + " is declared by " + clash.source() + " too");
            }
        }
    }

    public Collection<MgmtSpecialization> all() {
        return byMgd.values();
    }

    /** @return the specialization of this mgmtDefinition, or null */
    public MgmtSpecialization byMgd(long mgd) {
        return mgd > Integer.MAX_VALUE || mgd < 0 ? null : byMgd.get((int) mgd);
    }

    /** @return the specialization with this root element ({@code m2m:fwr}), or null */
    public MgmtSpecialization byRootElement(String rootElement) {
        return byRootElement.get(rootElement);
    }
}
