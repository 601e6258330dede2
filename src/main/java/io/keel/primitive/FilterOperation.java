package io.keel.primitive;

/** filterOperation (fo): how different filter conditions combine. */
public enum FilterOperation implements IntEnum {
    AND(1),
    OR(2),
    XOR(3);

    private final int value;

    FilterOperation(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
