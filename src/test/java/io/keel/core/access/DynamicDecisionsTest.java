package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decisions kept for their privilegesLifetime, per consultation state (TS-0003 7.3.2.2 step 4.1). */
class DynamicDecisionsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final DynamicDecisions decisions = new DynamicDecisions(2);
    private final DynamicDecisions.Key key = new DynamicDecisions.Key("dac1", "Cae", "cnt1", Permission.RETRIEVE);

    private static Resource dac(Instant lt, boolean enabled) {
        Resource r = new Resource();
        r.ri = "dac1";
        r.lt = lt;
        r.attributes.put("dae", enabled);
        r.attributes.put("dap", List.of("http://das"));
        return r;
    }

    private static DasDecision granted(Instant until) {
        return DasDecision.granted(Map.of("acr", List.of()), until, "http://das");
    }

    @Test
    void ts0003_7_3_2_2_keptUntilItsLifetime() {
        Resource dac = dac(NOW, true);
        decisions.keep(key, dac, granted(NOW.plusSeconds(10)), NOW);
        assertNotNull(decisions.find(key, dac, NOW.plusSeconds(9)));
        assertNull(decisions.find(key, dac, NOW.plusSeconds(10)));
        assertNull(decisions.find(key, dac, NOW.plusSeconds(1)), "gone once expired");
    }

    @Test
    void ts0003_7_3_2_2_otherOriginatorsTargetsAndOperationsAreOtherDecisions() {
        Resource dac = dac(NOW, true);
        decisions.keep(key, dac, granted(NOW.plusSeconds(10)), NOW);
        assertNull(decisions.find(new DynamicDecisions.Key("dac1", "Cother", "cnt1", Permission.RETRIEVE), dac, NOW));
        assertNull(decisions.find(new DynamicDecisions.Key("dac1", "Cae", "cnt2", Permission.RETRIEVE), dac, NOW));
        assertNull(decisions.find(new DynamicDecisions.Key("dac1", "Cae", "cnt1", Permission.DELETE), dac, NOW));
    }

    @Test
    void ts0001_9_6_43_aChangedConsultationForgetsItsDecisions() {
        decisions.keep(key, dac(NOW, true), granted(NOW.plusSeconds(10)), NOW);
        assertNull(decisions.find(key, dac(NOW.plusMillis(1), true), NOW), "lt changed");
        decisions.keep(key, dac(NOW, true), granted(NOW.plusSeconds(10)), NOW);
        assertNull(decisions.find(key, dac(NOW, false), NOW), "attributes changed within the same lt");
    }

    @Test
    void refusalsAndDecisionsWithoutLifetimeAreNotKept() {
        Resource dac = dac(NOW, true);
        decisions.keep(key, dac, DasDecision.refused("no"), NOW);
        assertNull(decisions.find(key, dac, NOW));
        decisions.keep(key, dac, granted(null), NOW);
        assertNull(decisions.find(key, dac, NOW));
    }

    @Test
    void boundedInSize() {
        Resource dac = dac(NOW, true);
        for (int i = 0; i < 5; i++) {
            decisions.keep(new DynamicDecisions.Key("dac1", "C" + i, "cnt1", Permission.RETRIEVE), dac, granted(NOW.plusSeconds(10)), NOW);
        }
        assertNotNull(decisions.find(new DynamicDecisions.Key("dac1", "C4", "cnt1", Permission.RETRIEVE), dac, NOW));
    }
}
