package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * When the current time window of each crossResourceSubscription that is judged when its window ends (eem 2–5) ends,
 * so that the judging timer reads and locks only those whose window has ended. Rows go with their resource.
 */
public interface CrossResourceWindowIndex {
    /** Records when the window of {@code crs} ends; null: it is judged at no end (no row). */
    void setWindowEnd(String crs, Instant ends);

    /** The crossResourceSubscriptions whose window ended by {@code now}, soonest first, at most {@code limit}. */
    List<String> windowsEnded(Instant now, int limit);
}
