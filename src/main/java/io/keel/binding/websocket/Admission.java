package io.keel.binding.websocket;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;

/**
 * Whether a request read from a connection may go on as its originator claims: the credential of the opening
 * handshake must admit the request's {@code fr}, as an HTTP request's credential must admit its X-M2M-Origin.
 */
@FunctionalInterface
interface Admission {
    /** Without authentication every request goes on, as over HTTP. */
    Admission OPEN = req -> { };

    /**
     * A connection this CSE opened itself (to a ws:// point of access) presented no credential of the peer: with
     * authentication on, requests arriving over it are refused.
     */
    Admission UNAUTHENTICATED = req -> {
        throw new OneM2MException(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED,
                "this CSE authenticates originators, and a connection it opened itself carries no credential of theirs");
    };

    /** Sets {@code originatorAuthenticated} when it admits the request; throws the oneM2M error when not. */
    void admit(RequestPrimitive req);
}
