package io.keel.core.operation;

import io.keel.core.resource.Resource;
import io.keel.primitive.Operation;
import io.keel.primitive.PreconditionFailedException;
import io.keel.primitive.Preconditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * RFC 7232 conditional requests against a resource (TS-0009 6.4.6), evaluated in the order of RFC 7232 section 6
 * after access control and before anything changes.
 */
final class ConditionalRequests {
    private ConditionalRequests() {
    }

    /** A strong validator of the representation: it changes with every modification (lt) and state tag. */
    static String entityTag(Resource r) {
        return r.ri + "-" + ChronoUnit.MICROS.between(Instant.EPOCH, r.lt) + "-" + r.st;
    }

    /**
     * @return true when a Retrieve is to be answered "not modified" (304)
     * @throws PreconditionFailedException when a precondition does not hold (412): nothing is to be done
     */
    static boolean notModified(Preconditions p, Resource r, Operation op) {
        if (p == null || p.isEmpty()) {
            return false;
        }
        String tag = '"' + entityTag(r) + '"';
        // HTTP dates have whole seconds; so does the comparison.
        Instant lastModified = r.lt.truncatedTo(ChronoUnit.SECONDS);
        if (p.ifMatch() != null) {
            if (!p.ifMatch().contains("*") && !p.ifMatch().contains(tag)) {
                throw new PreconditionFailedException("If-Match: the resource is no longer " + String.join(", ", p.ifMatch())
                        + "; its ETag is " + tag);
            }
        } else if (p.ifUnmodifiedSince() != null && lastModified.isAfter(p.ifUnmodifiedSince())) {
            throw new PreconditionFailedException("If-Unmodified-Since: the resource was modified later");
        }
        if (p.ifNoneMatch() != null) {
            if (weaklyMatches(p.ifNoneMatch(), tag)) {
                if (op == Operation.RETRIEVE) {
                    return true;
                }
                throw new PreconditionFailedException("If-None-Match: the resource still has the ETag " + tag);
            }
        } else if (op == Operation.RETRIEVE && p.ifModifiedSince() != null && !lastModified.isAfter(p.ifModifiedSince())) {
            return true;
        }
        return false;
    }

    private static boolean weaklyMatches(List<String> tags, String tag) {
        return tags.stream().anyMatch(t -> t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(tag));
    }
}
