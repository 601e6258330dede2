package io.keel.primitive;

/**
 * A 4103 ORIGINATOR_HAS_NO_PRIVILEGE whose response carries Authorization Signature Request Information (asri) true:
 * the originator is to prove with Authorization Signatures that it possesses its token (TS-0003 7.3.2.7.1 step 4).
 */
public final class SignatureRequest extends OneM2MException {
    private static final long serialVersionUID = 1L;

    public SignatureRequest(String reason) {
        super(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, reason);
    }
}
