package io.keel.primitive;

/** Result Content (rcn), TS-0004 6.3.4.2.7; valid values per operation: TS-0001 table 8.1.2-1. */
public enum ResultContent implements IntEnum {
    NOTHING(0),
    ATTRIBUTES(1),
    HIERARCHICAL_ADDRESS(2),
    HIERARCHICAL_ADDRESS_AND_ATTRIBUTES(3),
    ATTRIBUTES_AND_CHILD_RESOURCES(4),
    ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES(5),
    CHILD_RESOURCE_REFERENCES(6),
    ORIGINAL_RESOURCE(7),
    CHILD_RESOURCES(8),
    MODIFIED_ATTRIBUTES(9),
    SEMANTIC_CONTENT(10),
    DISCOVERY_RESULT_REFERENCES(11),
    PERMISSIONS(12);

    private final int value;

    ResultContent(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
