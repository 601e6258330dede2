package io.keel.core.access;

import io.keel.primitive.OneM2MException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address or CIDR range of an access control context's acip (ipv4 or ipv6 list): {@code 127.0.0.1},
 * {@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}. Only literal addresses are accepted, so parsing never
 * consults a name service.
 */
public final class IpRange {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** @param v6 whether the entry is from the ipv6 list; @throws OneM2MException 4000 for anything else */
    public static IpRange parse(String entry, boolean v6) {
        String kind = v6 ? "ipv6" : "ipv4";
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = v6 ? v6Literal(address) : v4Literal(address);
        if (bytes == null) {
            throw OneM2MException.badRequest("acip " + kind + " entry " + entry + " is not an " + kind + " address or CIDR range");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = entry.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw OneM2MException.badRequest("acip " + kind + " entry " + entry + " has a prefix length outside 0-" + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new IpRange(bytes, prefix);
    }

    /** Whether the client address (as the binding reports it) lies in the range; an IPv4-mapped IPv6 address is IPv4. */
    public boolean contains(String clientAddress) {
        byte[] client = literal(clientAddress);
        if (client == null || client.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((client[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        byte[] v4 = v4Literal(a);
        return v4 != null ? v4 : v6Literal(a);
    }

    private static byte[] v4Literal(String a) {
        var m = IPV4.matcher(a);
        if (!m.matches()) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                return null;
            }
            b[i] = (byte) octet;
        }
        return b;
    }

    /** IPv6 literal bytes; an IPv4-mapped address comes back as its 4 IPv4 bytes (InetAddress does that). */
    private static byte[] v6Literal(String a) {
        String withoutZone = a.indexOf('%') < 0 ? a : a.substring(0, a.indexOf('%'));
        if (!IPV6.matcher(withoutZone).matches()) {
            return null;
        }
        try {
            // The pattern admits only hex digits, colons and dots: a literal, never a host name to look up.
            return InetAddress.getByName(withoutZone).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
