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

    /**
     * The connection this CSE opened to its registrar's configured point of access (TS-0020 5.2: the registree is the
     * client, and the registrar sends its requests over the registree's connection): what comes over it comes through
     * the registrar, as over the registrar's own authenticated HTTP requests, so an SP-relative originator other than
     * this CSE and its AEs ({@code /id-in}, {@code /id-in/CAdmin}, {@code /id-mn2/Cae}) is taken as authenticated. A
     * CSE-relative one, or one naming this CSE, is left to the core's checks: the registrar does not speak for them.
     * Only as trustworthy as the connection: {@code wss://} authenticates the registrar, {@code ws://} does not.
     */
    static Admission throughRegistrar(String ownCseId) {
        String own = "/" + ownCseId;
        return req -> {
            String from = req.from;
            if (from != null && from.startsWith("/") && !from.startsWith("//") && !from.equals(own) && !from.startsWith(own + "/")) {
                req.originatorAuthenticated = true;
            }
        };
    }

    /** Sets {@code originatorAuthenticated} when it admits the request; throws the oneM2M error when not. */
    void admit(RequestPrimitive req);
}
