package io.keel.primitive;

/**
 * A request that ends in a oneM2M error: carries the Response Status Code and the readable reason
 * that goes into {@code m2m:dbg}. Thrown anywhere from the binding down to persistence.
 */
public class OneM2MException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ResponseStatusCode rsc;

    public OneM2MException(ResponseStatusCode rsc, String reason) {
        super(reason, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.rsc = rsc;
    }

    public ResponseStatusCode rsc() {
        return rsc;
    }

    public static OneM2MException badRequest(String reason) {
        return new OneM2MException(ResponseStatusCode.BAD_REQUEST, reason);
    }

    public static OneM2MException notFound(String reason) {
        return new OneM2MException(ResponseStatusCode.NOT_FOUND, reason);
    }

    public static OneM2MException noPrivilege(String reason) {
        return new OneM2MException(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, reason);
    }

    public static OneM2MException notAllowed(String reason) {
        return new OneM2MException(ResponseStatusCode.OPERATION_NOT_ALLOWED, reason);
    }
}
