package io.keel.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a decision point answered (TS-0003 7.3.2.2 step 3): the privileges it granted (a setOfAcrs, or null) and until
 * when (null: for this request only), the tokens it issued for the originator (tkns, verified by the CSE before they
 * count: step 4.1.1), or why nothing was granted; whether it asked for authorization signatures on its tokens (asri,
 * step 3.2), and the dap entry it was reached by ({@code point}), where the signatures go (TS-0004 7.5.1.2.14).
 */
record DasDecision(Map<String, Object> grantedPrivileges, Instant until, List<String> tokens, String from, String refusal,
                   String point, boolean signaturesRequested) {
    static DasDecision granted(Map<String, Object> privileges, Instant until, String from) {
        return new DasDecision(privileges, until, List.of(), from, null, from, false);
    }

    static DasDecision granted(Map<String, Object> privileges, Instant until, List<String> tokens, String from, String point,
                               boolean signaturesRequested) {
        return new DasDecision(privileges, until, List.copyOf(tokens), from, null, point, signaturesRequested);
    }

    static DasDecision refused(String why) {
        return new DasDecision(null, null, List.of(), null, why, null, false);
    }

    /** Whether it is a decision that holds beyond this request: until is in the future. */
    boolean lastsBeyond(Instant now) {
        return (grantedPrivileges != null || !tokens.isEmpty()) && until != null && until.isAfter(now);
    }
}
