package io.keel.core.notification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events concern a subscription (TS-0004 6.3.5.7, 7.5.1.2.2). */
class EventCriteriaTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Resource sub(Map<String, Object> enc) {
        Resource s = new Resource();
        if (enc != null) {
            s.attributes.put("enc", enc);
        }
        return s;
    }

    private static Resource cin(long size) {
        Resource r = new Resource();
        r.ty = 4;
        r.ct = T;
        r.lt = T;
        r.cs = size;
        return r;
    }

    @Test
    void ts0004_7_5_1_2_2_withoutEncOnlyUpdatesNotify() {
        assertTrue(EventCriteria.matches(sub(null), 1, cin(1), Set.of("lbl")));
        assertFalse(EventCriteria.matches(sub(null), 3, cin(1), Set.of()));
    }

    @Test
    void ts0004_7_5_1_2_2_childTypeFiltersChildEvents() {
        Resource s = sub(Map.of("net", List.of(3L, 4L), "chty", List.of(4L)));
        assertTrue(EventCriteria.matches(s, 3, cin(1), Set.of()));
        Resource cnt = cin(1);
        cnt.ty = 3;
        assertFalse(EventCriteria.matches(s, 4, cnt, Set.of()));
    }

    @Test
    void ts0004_7_5_1_2_2_atrLimitsUpdatesToTheListedAttributes() {
        Resource s = sub(Map.of("net", List.of(1L), "atr", List.of("lbl", "mni")));
        assertTrue(EventCriteria.matches(s, 1, cin(1), Set.of("mni")));
        assertFalse(EventCriteria.matches(s, 1, cin(1), Set.of("mbs")));
    }

    @Test
    void ts0004_7_5_1_2_2_conditionsCombineWithAndUnlessFoSaysOr() {
        String before = Timestamps.format(T.minusSeconds(1));
        Map<String, Object> and = Map.of("net", List.of(3L), "sza", 10L, "cra", before);
        assertFalse(EventCriteria.matches(sub(and), 3, cin(5), Set.of()), "size below sza");
        assertTrue(EventCriteria.matches(sub(and), 3, cin(10), Set.of()));
        Map<String, Object> or = Map.of("net", List.of(3L), "sza", 10L, "cra", before, "fo", 2L);
        assertTrue(EventCriteria.matches(sub(or), 3, cin(5), Set.of()), "created after cra suffices with OR");
    }
}
