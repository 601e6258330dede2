package io.keel.core.resource.mgmt;

import io.keel.core.resource.AttributeDef;
import java.util.List;
import java.util.Map;

/**
 * One {@code <mgmtObj>} specialization of TS-0004 Annex D (TS-0001 Annex D), as its catalogue file declares it.
 *
 * @param mgd          its mgmtDefinition (TS-0004 table 6.3.4.2.22-1: 1001 firmware, …)
 * @param shortName    the short name of its root element, {@code m2m:<shortName>} (TS-0004 8.2: fwr, swr, …)
 * @param longName     its name in Annex D (firmware)
 * @param clause       the clause of TS-0004 that declares it ({@code D.2})
 * @param attributes   its own attributes (the objectAttributes and, where Annex D has it, mgmtLink), as declarations
 * @param longNames    the long names of {@code attributes}, in their order
 * @param actions      its action attributes (TS-0004 7.4.15.2.4: an Update that sets one starts a management procedure)
 * @param ranges       bounds the Annex D tables set on integer attributes ({@code btl}: 0-100), by short name
 * @param maxPerNode   how many a node may hold (TS-0001 table 9.6.18-1: 0..1 → 1), 0 for no limit
 * @param announced    whether TS-0001 table 9.6.18-1 gives it an announced variant ({@code m2m:fwrA}); cmdh* have none
 * @param source       the file it came from, for messages
 */
public record MgmtSpecialization(int mgd, String shortName, String longName, String clause, List<AttributeDef> attributes,
                                 List<String> longNames, List<Action> actions, Map<String, Range> ranges, int maxPerNode,
                                 boolean announced, String source) {

    /**
     * An action attribute: setting {@code trigger} to true in an Update asks the device to act (firmware {@code ud}:
     * download and update). {@code status} is the attribute that reports how it went ({@code uds}; null when Annex D
     * gives none: reboot). {@code exclusiveWith} is the action it may not be set together with in one request
     * (software {@code in}/{@code un}: 4000, TS-0004 D.3.2.2); {@code onlyTrue} when Annex D says its value is always
     * true (reboot {@code rbo}).
     */
    public record Action(String trigger, String status, String exclusiveWith, boolean onlyTrue) {
    }

    /** Inclusive bounds of an integer attribute. */
    public record Range(long min, long max) {
    }

    /** The root element, {@code m2m:fwr}. */
    public String rootElement() {
        return "m2m:" + shortName;
    }

    /** The action attribute of this short name, or null. */
    public Action action(String sn) {
        return actions.stream().filter(a -> a.trigger().equals(sn)).findFirst().orElse(null);
    }
}
