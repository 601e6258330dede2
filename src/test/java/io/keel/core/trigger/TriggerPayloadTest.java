package io.keel.core.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trigger payload checks of TS-0004 table 9.2.1-1. */
class TriggerPayloadTest {
    private static void bad(Map<String, Object> tgp, String field) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> TriggerPayload.of(tgp));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void ts0004_9_2_1_withoutPayloadTheTriggerIsEstablishConnection() {
        assertEquals(Map.of("tpe", 1L), TriggerPayload.of(null));
    }

    @Test
    void ts0004_9_2_1_executeCrudNeedsAddressOperationAndResourceType() {
        Map<String, Object> ok = TriggerPayload.of(Map.of("tpe", 3L, "tia", "cnt1", "tipa", List.of("http://in.example"), "tio", 1L,
                "tirt", 3L));
        assertEquals(3L, ok.get("tirt"));
        bad(Map.of("tpe", 3L, "tipa", List.of("http://in.example"), "tio", 1L, "tirt", 3L), "tia");
        bad(Map.of("tpe", 3L, "tia", "cnt1", "tipa", List.of("http://in.example"), "tirt", 3L), "tio");
        bad(Map.of("tpe", 3L, "tia", "cnt1", "tipa", List.of("http://in.example"), "tio", 1L), "tirt");
        bad(Map.of("tpe", 3L, "tia", "cnt1", "tipa", List.of("http://in.example"), "tio", 6L, "tirt", 3L), "tio");
        bad(Map.of("tpe", 3L, "tia", "cnt1", "tipa", List.of("http://in.example"), "tio", 1L, "tirt", 33L), "tirt");
        bad(Map.of("tpe", 3L, "tia", "a/b", "tipa", List.of("http://in.example"), "tio", 1L, "tirt", 3L), "tia");
    }

    @Test
    void ts0004_9_2_1_fieldsOfOtherPurposesAreNotPermitted() {
        bad(Map.of("tpe", 1L, "tirt", 3L), "tirt");
        bad(Map.of("tpe", 2L, "tiae", "Cae"), "tiae");
        bad(Map.of("tia", "cnt1"), "tpe");
        bad(Map.of("tpe", 5L), "tpe");
        bad(Map.of("tpe", "one"), "tpe");
        bad(Map.of("tpe", 1L, "other", 1L), "other");
    }

    @Test
    void ts0004_9_2_1_anAddressComesWithPointsOfAccess() {
        bad(Map.of("tpe", 1L, "tia", "ae1"), "tipa");
        bad(Map.of("tpe", 1L, "tia", "ae1", "tipa", List.of("not a url")), "tipa");
        bad(Map.of("tpe", 4L, "tia", "cnt1", "tipa", List.of("http://in.example")), "tia");
        bad(Map.of("tpe", 4L), "tia");
        assertEquals("//sp.example/mef", TriggerPayload.of(Map.of("tpe", 4L, "tia", "//sp.example/mef",
                "tipa", List.of("http://mef.example"))).get("tia"));
        bad(Map.of("tpe", 1L, "tist", List.of("yaml")), "tist");
    }
}
