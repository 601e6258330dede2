package io.keel.core.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which resourceType numbers the standard defines (TS-0004 table 6.3.4.2.1-1), for 5001 versus 4000. */
class ResourceTypesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 9, 32, 34, 51, 58, 66, 10001, 10005, 10009, 10030, 10046})
    void ts0004_6_3_4_2_1_theTableDefinesTheseTypes(int ty) {
        assertTrue(ResourceTypes.isDefined(ty));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 33, 52, 57, 67, 10000, 10006, 10015, 10023, 10033, 10058, 20001})
    void ts0004_6_3_4_2_1_theseNumbersAreReservedOrUndefined(int ty) {
        assertFalse(ResourceTypes.isDefined(ty));
    }
}
