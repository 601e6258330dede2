package io.keel.core.resource.types;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.CseIdentity;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service subscription resources exist on an IN-CSE only (TS-0004 table 6.3.4.2.1-1): elsewhere 4005. */
class InCseOnlyTest {
    private static CseIdentity cse(int type) {
        return new CseIdentity("id-x", "cse-x", "keel.example", type, "CAdmin", List.of("C*"), 3600, 100, 100, List.of());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void ts0004_6_3_4_2_1_notOnAnMnOrAsn(int cseType) {
        for (var type : List.of(new M2mServiceSubscriptionProfileType(), new ServiceSubscribedNodeType(), new ServiceSubscribedAppRuleType())) {
            OneM2MException e = assertThrows(OneM2MException.class, () -> InCseOnly.check(cse(cseType), type));
            assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, e.rsc());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1})
    void ts0004_6_3_4_2_1_onTheInCse(int cseType) {
        assertDoesNotThrow(() -> InCseOnly.check(cse(cseType), new ServiceSubscribedAppRuleType()));
    }
}
