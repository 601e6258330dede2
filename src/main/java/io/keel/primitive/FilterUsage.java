package io.keel.primitive;

/** filterUsage (fu), TS-0004 6.3.4.2.31. */
public enum FilterUsage implements IntEnum {
    DISCOVERY(1),
    CONDITIONAL_RETRIEVAL(2),
    IPE_ON_DEMAND_DISCOVERY(3),
    DISCOVERY_BASED_OPERATION(4);

    private final int value;

    FilterUsage(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
