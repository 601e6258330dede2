package io.keel.core;

/**
 * An address (a To, an ID in an attribute) split by its form (TS-0004 6.2.3): absolute {@code //sp/csi/rest},
 * SP-relative {@code /csi/rest} or CSE-relative {@code rest}. Only the form is read here; which CSE the parts name is
 * for {@link CseIdentity#cseRelative} and the router to say.
 *
 * @param spId  the M2M-SP-ID of an absolute address, else null
 * @param cseId the CSE-ID (without slash) of an absolute or SP-relative address, else null (also for an absolute one
 *              naming a service provider only, {@code //sp})
 * @param rest  what follows the CSE-ID ("" for the CSE-ID alone), the whole of a CSE-relative address; null when
 *              there is no CSE-ID
 */
public record AddressForm(String spId, String cseId, String rest) {

    public static AddressForm of(String address) {
        String spId = null;
        String rest = address;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            if (slash < 0) {
                return new AddressForm(rest.substring(2), null, null);
            }
            spId = rest.substring(2, slash);
            rest = rest.substring(slash);
        }
        if (!rest.startsWith("/")) {
            return new AddressForm(null, null, rest);
        }
        int slash = rest.indexOf('/', 1);
        return slash < 0 ? new AddressForm(spId, rest.substring(1), "")
                : new AddressForm(spId, rest.substring(1, slash), rest.substring(slash + 1));
    }

    /** Whether it is absolute or SP-relative: it names its CSE (or only a service provider). */
    public boolean namesCse() {
        return spId != null || cseId != null;
    }

    /** The address of the CSE it names, in the same form ({@code //sp/csi} or {@code /csi}); null for a CSE-relative one. */
    public String csePrefix() {
        if (cseId == null) {
            return null;
        }
        return (spId == null ? "" : "//" + spId) + "/" + cseId;
    }
}
