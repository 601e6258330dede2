package io.keel.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.filter.LabelsQuery.Kind;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsQueryTest {
    @Test
    void ts0004_7_3_3_17_16_theSixFormsOfAnExpression() {
        assertEquals(new LabelsQuery(Kind.HAS, "color", List.of()), LabelsQuery.parse("color"));
        assertEquals(new LabelsQuery(Kind.NOT_HAS, "color", List.of()), LabelsQuery.parse("NT color"));
        assertEquals(new LabelsQuery(Kind.EQUALS, "color", List.of("red")), LabelsQuery.parse("color EQ red"));
        assertEquals(new LabelsQuery(Kind.EQUALS, "color", List.of("red")), LabelsQuery.parse("color:red"));
        assertEquals(new LabelsQuery(Kind.NOT_EQUALS, "color", List.of("red")), LabelsQuery.parse("color NE red"));
        assertEquals(new LabelsQuery(Kind.IN, "color", List.of("red", "green")), LabelsQuery.parse("color IN (red, green)"));
        assertEquals(new LabelsQuery(Kind.NOT_IN, "color", List.of("red", "green")), LabelsQuery.parse("color NI (red,green)"));
    }

    @Test
    void ts0004_7_3_3_17_16_pairsAreTheLabelsAnExpressionNames() {
        assertEquals(List.of("color:red", "color:green"), LabelsQuery.parse("color IN (red, green)").pairs());
        assertEquals(List.of("room:bath:2"), LabelsQuery.parse("room:bath:2").pairs(), "the first colon ends the key");
    }

    /** A label is an xs:token, which may hold single spaces (TS-0004 table 6.3.2-1). */
    @Test
    void ts0004_6_3_2_aKeyMayHoldSpaces() {
        assertEquals(new LabelsQuery(Kind.HAS, "To be deleted", List.of()), LabelsQuery.parse("  To be   deleted "));
        assertEquals(new LabelsQuery(Kind.NOT_EQUALS, "my room", List.of("the bath")), LabelsQuery.parse("my room NE the bath"));
    }

    @Test
    void ts0004_7_3_3_17_16_aMalformedExpressionIs4000NamingIt() {
        for (String bad : new String[] {"", "   ", "color IN ()", "color IN (red,,green)", "a:b EQ c", "color EQ (red)",
                                        "color NI (red", "x:y IN (a)", "(color)"}) {
            OneM2MException e = assertThrows(OneM2MException.class, () -> LabelsQuery.parse(bad), bad);
            assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc(), bad);
            assertTrue(e.getMessage().contains("lbq"), e.getMessage());
        }
    }
}
