package io.keel.primitive;

import java.util.Map;

/**
 * A 4103 ORIGINATOR_HAS_NO_PRIVILEGE to an originator that said it would request tokens (tqi): the response carries the
 * Token Request Information (tqf, an m2m:dynAuthTokenReqInfo) naming the Dynamic Authorization Servers to ask, and no
 * debugging information (TS-0003 7.3.2.3 step 2.3; TS-0004 table 7.2.1.2-1; TS-0009 6.5).
 */
public final class TokenRequestRefusal extends OneM2MException {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Object> information;

    public TokenRequestRefusal(String reason, Map<String, Object> information) {
        super(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, reason);
        this.information = information;
    }

    public Map<String, Object> information() {
        return information;
    }
}
