package io.keel.core.store;

import java.time.Instant;
import java.util.Set;

/**
 * The crossResourceSubscriptions being created, with the CSEs hosting their targets, which may verify them before they
 * are stored (TS-0004 7.4.58.2.1 c) ii) 2)): kept in the database, so that every instance on it can answer.
 */
public interface CrossResourceLinking {
    /**
     * {@code crs} links its targets on {@code hosts} (CSE-IDs) from {@code now} until {@code expires} at the latest;
     * what expired before {@code now} is forgotten.
     */
    void linking(String crs, Set<String> hosts, Instant now, Instant expires);

    /** {@code crs} is done linking (created or not). */
    void linked(String crs);

    /** Whether {@code crs} is linking a target on the CSE {@code host} at {@code now}. */
    boolean isLinking(String crs, String host, Instant now);
}
