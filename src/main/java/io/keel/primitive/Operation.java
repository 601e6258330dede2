package io.keel.primitive;

/** The Operation parameter (op), TS-0004 6.3.4.2.5; the access-control bit is its acop flag. */
public enum Operation {
    CREATE(1, 1),
    RETRIEVE(2, 2),
    UPDATE(3, 4),
    DELETE(4, 8),
    NOTIFY(5, 16);

    private final int value;
    private final int accessBit;

    Operation(int value, int accessBit) {
        this.value = value;
        this.accessBit = accessBit;
    }

    public int value() {
        return value;
    }

    public int accessBit() {
        return accessBit;
    }

    public static Operation of(int value) {
        for (Operation op : values()) {
            if (op.value == value) {
                return op;
            }
        }
        throw OneM2MException.badRequest("unknown operation " + value);
    }
}
