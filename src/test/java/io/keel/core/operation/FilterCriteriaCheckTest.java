package io.keel.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.OneM2MException;
import org.junit.jupiter.api.Test;

/** Attribute conditions (TS-0004 7.3.3.17.9) on the custom attributes of flexContainer specializations. */
class FilterCriteriaCheckTest {
    private final TypeRegistry types = new TypeRegistry();

    private FilterCriteria atr(String name, String value) {
        FilterCriteria fc = new FilterCriteria();
        fc.attributes.add(new AttributeCondition(name, value));
        return fc;
    }

    @Test
    void ts0004_7_3_3_17_9_aFloatCustomAttributeIsComparedAsTheNumberItIs() {
        FilterCriteria fc = atr("curT0", "21");

        FilterCriteriaCheck.check(fc, types, true);

        assertEquals("21.0", fc.attributes.get(0).value(), "stored as the double 21.0");
    }

    @Test
    void ts0004_7_3_3_17_9_aWildcardOnAFloatStaysText() {
        FilterCriteria fc = atr("curT0", "21*");

        FilterCriteriaCheck.check(fc, types, true);

        assertEquals("21*", fc.attributes.get(0).value());
    }

    @Test
    void ts0004_7_3_3_17_9_aFloatConditionThatIsNoNumberIs4000() {
        assertThrows(OneM2MException.class, () -> FilterCriteriaCheck.check(atr("curT0", "warm"), types, true));
    }

    @Test
    void ts0004_7_3_3_17_9_otherAttributesStayAsGiven() {
        FilterCriteria fc = atr("state", "true");

        FilterCriteriaCheck.check(fc, types, true);

        assertEquals("true", fc.attributes.get(0).value());
    }
}
