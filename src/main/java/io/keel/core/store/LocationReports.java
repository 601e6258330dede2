package io.keel.core.store;

import java.time.Instant;

/**
 * The one-time location reports CSE instances await from the SCEF/NEF (TS-0004 annex G.3): found by the token of the
 * notificationDestination, so that the instance the report reaches stores it for the instance that asked, whichever
 * instances on the database they are.
 */
public interface LocationReports {
    /** An awaited report: {@code report} the notification's JSON, null until it came. */
    record Awaited(String token, String report) {
    }

    /** A report is awaited at this token until {@code until}. */
    void expect(String token, Instant until);

    /** The awaited report at this token, or null when none is awaited there. */
    Awaited of(String token);

    /** Stores the report of an awaited token (the first one, should several come); false when none is awaited there. */
    boolean report(String token, String report);

    void remove(String token);

    /** Removes what was awaited until before {@code now} (left by an instance that stopped while it waited). */
    void removeEnded(Instant now);
}
