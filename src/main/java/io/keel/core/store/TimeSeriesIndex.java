package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What timeSeries keep beside the resources: the dataGenerationTime of each instance, and for missing-data detection
 * (TS-0001 10.2.4.29) per monitored series the next expected dataGenerationTime and when it is due (its detection
 * time), and per missing-data subscription its window.
 * Rows go with the resource they belong to.
 */
public interface TimeSeriesIndex {
    /** One monitored series: the next expected dataGenerationTime and its missing data detection time. */
    record Watch(String series, Instant expected, Instant due) {
    }

    /**
     * A subscription's missing-data window: it ends at {@code ends}, with {@code missed} points counted in it, of which
     * {@code unreported} (their expected dataGenerationTimes) were in no notification yet.
     */
    record Window(String subscription, Instant ends, long missed, List<String> unreported) {
    }

    /** Records the dataGenerationTime of a new instance of the series (stored already). */
    void addPoint(String series, String instance, Instant dataGenerationTime);

    /** Whether the series has a timeSeriesInstance with a dataGenerationTime from {@code from} to {@code to}, inclusive. */
    boolean hasInstanceBetween(String series, Instant from, Instant to);

    /** The resourceIDs of the series' instances of the oldest dataGenerationTimes, oldest first, at most {@code limit}. */
    List<String> oldestGenerated(String series, int limit);

    /** Starts or moves the watch of a series. */
    void watch(String series, Instant expected, Instant due);

    /** The watch of a series, or null when it is not monitored (yet). */
    Watch watched(String series);

    /** Stops monitoring a series. */
    void unwatch(String series);

    /** Watches due by {@code now}, soonest first, at most {@code limit}. */
    List<Watch> detectionsDue(Instant now, int limit);

    /** The window of a subscription, or null when none was started. */
    Window window(String subscription);

    void setWindow(Window window);
}
