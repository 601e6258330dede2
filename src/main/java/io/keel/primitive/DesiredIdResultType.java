package io.keel.primitive;

/** Desired Identifier Result Type (drt). */
public enum DesiredIdResultType implements IntEnum {
    STRUCTURED(1),
    UNSTRUCTURED(2);

    private final int value;

    DesiredIdResultType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
