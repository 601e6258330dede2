package io.keel.core.routing;

import io.keel.core.store.Transaction;

/** Finds the CSE a request for another CSE is passed to (TS-0004 7.3.2.6), as the composition of the core decides. */
@FunctionalInterface
public interface NextHopFinder {
    /** A finder that knows no next hop: every request for another CSE stays unforwarded. */
    NextHopFinder NONE = (tx, remote) -> null;

    /** @return the next hop for the remote route (whose nextHop is null), or null when there is none */
    NextHop find(Transaction tx, Route.Remote remote);
}
