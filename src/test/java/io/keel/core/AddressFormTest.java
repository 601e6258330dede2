package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three address forms (TS-0004 6.2.3), and which of them name this CSE. */
class AddressFormTest {
    private static final CseIdentity IN = new CseIdentity("id-in", "cse-in", "sp.example", 1, "CAdmin", List.of(), 1, 1, 1,
            List.of());

    @Test
    void ts0004_6_2_3_absoluteSpRelativeAndCseRelativeAddressesSplitByForm() {
        assertEquals(new AddressForm("sp", "id-mn", "cse-mn/x"), AddressForm.of("//sp/id-mn/cse-mn/x"));
        assertEquals(new AddressForm(null, "id-mn", "cse-mn/x"), AddressForm.of("/id-mn/cse-mn/x"));
        assertEquals(new AddressForm(null, "id-mn", ""), AddressForm.of("/id-mn"));
        assertEquals(new AddressForm("sp", null, null), AddressForm.of("//sp"));
        assertEquals(new AddressForm(null, null, "cse-in/x"), AddressForm.of("cse-in/x"));
        assertEquals("//sp/id-mn", AddressForm.of("//sp/id-mn/x").csePrefix());
        assertEquals("/id-mn", AddressForm.of("/id-mn/x").csePrefix());
        assertNull(AddressForm.of("x").csePrefix());
    }

    @Test
    void ts0004_6_2_3_theCseRelativeRestOfAnAddressOfThisCse_nullForAnother() {
        assertEquals("cse-in/a", IN.cseRelative("cse-in/a"));
        assertEquals("cse-in/a", IN.cseRelative("/id-in/cse-in/a"));
        assertEquals("ri7", IN.cseRelative("//SP.example/id-in/ri7"), "the M2M-SP-ID compares without case");
        assertEquals("", IN.cseRelative("/id-in"), "the CSE-ID alone");
        assertNull(IN.cseRelative("/id-mn/cse-mn/a"));
        assertNull(IN.cseRelative("//other.example/id-in/a"), "another service provider");
        assertNull(IN.cseRelative("//sp.example"), "a service provider only");
    }
}
