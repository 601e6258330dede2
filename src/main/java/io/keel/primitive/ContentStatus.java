package io.keel.primitive;

/** Content Status (cnst), carried in X-M2M-CTS. */
public enum ContentStatus implements IntEnum {
    PARTIAL_CONTENT(1),
    FULL_CONTENT(2);

    private final int value;

    ContentStatus(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
