package io.keel.core.store;

/**
 * How a database connection pool is used at one moment.
 *
 * @param open  connections open, in use or idle
 * @param idle  open connections nobody holds
 * @param max   connections the pool may open
 */
public record PoolUsage(int open, int idle, int max) {
    public int inUse() {
        return open - idle;
    }
}
