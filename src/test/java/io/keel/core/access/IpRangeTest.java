package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** acip ipv4/ipv6 entries: addresses and CIDR ranges matched against the client address (TS-0004 6.3.5.27). */
class IpRangeTest {
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "127.0.0.0/8, 127.10.20.30, true",
            "10.0.0.0/8, 127.0.0.1, false",
            "192.168.1.0/24, 192.168.1.255, true",
            "192.168.1.0/24, 192.168.2.1, false",
            "192.168.1.128/25, 192.168.1.127, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "127.0.0.1, ::ffff:127.0.0.1, true",
            "127.0.0.1, ::1, false",
            "127.0.0.1, not-an-address, false"})
    void ts0004_7_3_3_15_ipv4(String entry, String client, boolean inside) {
        assertEquals(inside, IpRange.parse(entry, false).contains(client));
    }

    @ParameterizedTest
    @CsvSource({
            "::1, ::1, true",
            "::1, 0:0:0:0:0:0:0:1, true",
            "::1, [::1], true",
            "::1, ::2, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "fe80::/10, fe80::1%eth0, true",
            "::/0, 2a00::1, true",
            "::/0, 127.0.0.1, false"})
    void ts0004_7_3_3_15_ipv6(String entry, String client, boolean inside) {
        assertEquals(inside, IpRange.parse(entry, true).contains(client));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.net", "256.0.0.1", "10.0.0", "10.0.0.0/33", "10.0.0.0/x", "::1"})
    void ts0004_7_3_3_15_malformedIpv4EntriesAreBadRequests(String entry) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> IpRange.parse(entry, false));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "127.0.0.1", "1:2:3", "::1/129", "gg::1", "1:::2"})
    void ts0004_7_3_3_15_malformedIpv6EntriesAreBadRequests(String entry) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> IpRange.parse(entry, true));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
    }
}
