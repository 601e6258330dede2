package io.keel.core.resource.types;

/** m2m:authorizationStatus (TS-0004 6.3.4.2.52), the sus of the distributed authorization resources. */
enum AuthorizationStatus {
    OK(1),
    NOT_APPLICABLE(2),
    MISSING_ATTRIBUTE(3),
    SYNTAX_ERROR(4),
    PROCESSING_ERROR(5);

    /** The short name of status in each of the three types (TS-0004 8.2.3). */
    static final String ATTRIBUTE = "sus";
    final long value;

    AuthorizationStatus(long value) {
        this.value = value;
    }
}
