package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The tokens this CSE verified and keeps (TS-0003 7.3.2.2 step 4.1.1.3, 7.3.2.3 steps 7.1.5, 7.2), under their
 * Local-Token-IDs, with the holder this CSE keeps for each (TS-0003 7.3.2.7) and until their notAfter. Shared by every
 * CSE instance on the database.
 */
public interface CachedTokens {
    /** Whether, and how, an authorization relationship with the holder is kept for the token (TS-0003 7.3.2.7). */
    enum Relation {
        /** none: the holder is the token's. */
        NONE,
        /** the decision point at {@link Cached#das} asked for authorization signatures (AuthorSignReqInfo). */
        DIRECT,
        /** the originator said that the DAS keeps it (AuthorRelIndicator). */
        INDIRECT,
        /** DIRECT, and the AE's signatures went to the decision point, which created the mapping record. */
        MAPPED
    }

    /**
     * @param lti    the Local-Token-ID
     * @param digest the SHA-256 of the compact token, hex
     * @param holder the holder this CSE keeps for it
     * @param das    the decision point's address (DIRECT), else null
     */
    record Cached(String lti, String digest, String token, String tokenId, String holder, Relation relation, String das,
                  Instant notAfter) {
    }

    /** Stores a new one; false when the token has one already (another instance may have been quicker). */
    boolean add(Cached cached);

    /** The one of this token (by digest) that has not expired, or null. */
    Cached byDigest(String digest, Instant now);

    /** The one a Local-Token-ID names that has not expired, or null. */
    Cached byLocalId(String lti, Instant now);

    /** Those of a tokenID that have not expired. */
    List<Cached> byTokenId(String tokenId, Instant now);

    /** Sets the holder, and the relation and decision point when not null. */
    void update(String lti, String holder, Relation relation, String das);

    /** Drops those that expired, at most {@code limit}; how many. */
    int purge(Instant now, int limit);
}
