package io.keel.core.store;

/**
 * How often a cache answered, since start.
 *
 * @param hits   lookups it answered
 * @param misses lookups that went to the database
 */
public record CacheUsage(long hits, long misses) {
}
