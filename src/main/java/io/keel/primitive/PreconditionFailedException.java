package io.keel.primitive;

/**
 * A conditional request (RFC 7232) whose precondition does not hold: HTTP 412, and nothing was changed. The Response
 * Status Code says what that means in oneM2M terms: the resource is not in the state the originator expected.
 */
public final class PreconditionFailedException extends OneM2MException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String reason) {
        super(ResponseStatusCode.CONFLICT, reason);
    }
}
