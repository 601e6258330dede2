package io.keel.core.store;

import io.keel.core.resource.Resource;
import java.time.Instant;
import java.util.List;

/** Resources by expirationTime. */
public interface ExpiryIndex {
    /** Resources whose expirationTime has passed, soonest first. */
    List<Resource> expired(Instant now, int limit);
}
