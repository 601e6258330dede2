package io.keel.core.access;

/**
 * An access decision and, when it refuses, why beyond "no privilege" (a decision point that did not answer, a PDP that
 * denied), for the m2m:dbg of the 4103 that follows it; null when there is nothing more to say.
 */
public record AccessDecision(boolean granted, String refusal) {
    public static final AccessDecision GRANTED = new AccessDecision(true, null);
    public static final AccessDecision REFUSED = new AccessDecision(false, null);

    public static AccessDecision of(boolean granted) {
        return granted ? GRANTED : REFUSED;
    }

    public static AccessDecision refused(String why) {
        return new AccessDecision(false, why);
    }
}
