package io.keel.primitive;

/** responseTypeValue (rt), TS-0004 6.3.4.2.6. */
public enum ResponseTypeValue implements IntEnum {
    NON_BLOCKING_REQUEST_SYNCH(1),
    NON_BLOCKING_REQUEST_ASYNCH(2),
    BLOCKING_REQUEST(3),
    FLEX_BLOCKING(4),
    NO_RESPONSE(5);

    private final int value;

    ResponseTypeValue(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
