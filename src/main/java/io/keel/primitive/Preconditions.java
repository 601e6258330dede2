package io.keel.primitive;

import java.time.Instant;
import java.util.List;

/**
 * The conditional-request header fields of RFC 7232 that TS-0009 6.4.6 brings into the binding. Entity tags are
 * kept as received (quoted, {@code W/} for weak, or {@code *}); {@code null} means the field was absent.
 */
public record Preconditions(List<String> ifMatch, List<String> ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {
    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }
}
