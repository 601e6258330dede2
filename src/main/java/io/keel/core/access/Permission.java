package io.keel.core.access;

import io.keel.primitive.Operation;

/** The accessControlOperations (acop) bits a rule grants (TS-0004 6.3.4.2.29). */
public enum Permission {
    CREATE(1),
    RETRIEVE(2),
    UPDATE(4),
    DELETE(8),
    NOTIFY(16),
    /** A Retrieve with filterUsage 1 asks this of every resource it would return. */
    DISCOVERY(32);

    /** acop is the sum of bits: 63 grants all. */
    public static final int ALL = 63;
    private final int bit;

    Permission(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The permission a (non-discovery) request of this operation needs. */
    public static Permission of(Operation op) {
        return switch (op) {
            case CREATE -> CREATE;
            case RETRIEVE -> RETRIEVE;
            case UPDATE -> UPDATE;
            case DELETE -> DELETE;
            case NOTIFY -> NOTIFY;
        };
    }

    /** The operation a request needing this permission is: a discovery is a Retrieve. */
    public Operation operation() {
        return switch (this) {
            case CREATE -> Operation.CREATE;
            case RETRIEVE, DISCOVERY -> Operation.RETRIEVE;
            case UPDATE -> Operation.UPDATE;
            case DELETE -> Operation.DELETE;
            case NOTIFY -> Operation.NOTIFY;
        };
    }
}
