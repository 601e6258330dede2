package io.keel.core.access;

import java.time.Instant;
import java.util.Map;

/**
 * What a decision point answered (TS-0003 7.3.2.2 step 3): the privileges it granted (a setOfAcrs) and until when
 * (null: for this request only), or why nothing was granted.
 */
record DasDecision(Map<String, Object> grantedPrivileges, Instant until, String from, String refusal) {
    static DasDecision granted(Map<String, Object> privileges, Instant until, String from) {
        return new DasDecision(privileges, until, from, null);
    }

    static DasDecision refused(String why) {
        return new DasDecision(null, null, null, why);
    }

    /** Whether it is a decision that holds beyond this request: until is in the future. */
    boolean lastsBeyond(Instant now) {
        return grantedPrivileges != null && until != null && until.isAfter(now);
    }
}
