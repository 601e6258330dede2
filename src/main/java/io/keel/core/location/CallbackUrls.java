package io.keel.core.location;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the Location Server of the Underlying Network notifies this CSE: {@code <keel.location.callback>}{@value #PATH}
 * {@code <token>}, the token 256 random bits (base64url), one per request or subscription. Whoever knows the URL may
 * notify it: the token is the credential, given only to the Location Server.
 */
public final class CallbackUrls {
    public static final String PATH = "/.well-known/keel/location/";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String base;

    /** @param base keel.location.callback: the URL at which the Underlying Network reaches this CSE */
    public CallbackUrls(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String url(String token) {
        return base + PATH + token;
    }
}
