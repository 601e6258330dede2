package io.keel.core.access.token;

import io.keel.core.store.CachedTokens.Cached;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;

/**
 * A 4103: an otherwise valid token whose holder, as this CSE keeps it, is not the originator. When the token is cached
 * with an authorization relationship ({@link #cached}), the relationship update of TS-0003 7.3.2.7 may move the holder.
 */
public final class HeldByAnother extends OneM2MException {
    private static final long serialVersionUID = 1L;
    private final transient String token;
    private final transient TokenClaims claims;
    private final transient Cached cached;

    HeldByAnother(String token, TokenClaims claims, Cached cached, String holder) {
        super(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "token " + claims.tokenId() + " is held by " + holder
                + ", not by the originator");
        this.token = token;
        this.claims = claims;
        this.cached = cached;
    }

    public String token() {
        return token;
    }

    public TokenClaims claims() {
        return claims;
    }

    /** What this CSE keeps for the token, or null when it cached none. */
    public Cached cached() {
        return cached;
    }
}
