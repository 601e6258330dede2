package io.keel.core.access.token;

import io.keel.core.store.CachedTokens;
import io.keel.core.store.CachedTokens.Cached;
import io.keel.core.store.CachedTokens.Relation;
import io.keel.core.store.ResourceStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The tokens this CSE verified and cached, and the Local-Token-IDs it assigned them (TS-0003 7.3.2.3 steps 7.1.5, 7.2,
 * 8): later requests may name a token by its Local-Token-ID (ltids) instead of carrying it. Kept in the database
 * ({@link CachedTokens}) until the token expires, so that they survive a restart and every instance on the database
 * knows them; with each, the holder this CSE keeps for the token (TS-0003 7.3.2.7). Each step is a transaction of its
 * own: an assignment is made after the request that carried the token was answered.
 */
public final class LocalTokenIds {
    private static final int PURGE_BATCH = 100;
    private final ResourceStore store;
    private final SecureRandom random = new SecureRandom();

    public LocalTokenIds(ResourceStore store) {
        this.store = store;
    }

    /**
     * The Local-Token-ID of a verified token: the one it has, or a new one (an xs:NCName) cached with {@code holder}.
     * A relation other than NONE is recorded on a token cached without one (with the holder it names).
     */
    public String assign(String token, TokenClaims claims, String holder, Relation relation, String das, Instant now) {
        String digest = digest(token);
        return store.write(tx -> {
            CachedTokens cache = tx.cachedTokens();
            Cached known = cache.byDigest(digest, now);
            if (known != null) {
                if (relation != Relation.NONE && known.relation() == Relation.NONE) {
                    cache.update(known.lti(), holder, relation, das);
                }
                return known.lti();
            }
            cache.purge(now, PURGE_BATCH);
            byte[] b = new byte[12];
            random.nextBytes(b);
            String lti = "lt" + HexFormat.of().formatHex(b);
            if (!cache.add(new Cached(lti, digest, token, claims.tokenId(), holder, relation, das, claims.notAfter()))) {
                return cache.byDigest(digest, now).lti(); // another instance cached it meanwhile
            }
            return lti;
        });
    }

    /** The token a Local-Token-ID names, or null when this CSE assigned none such or it expired. */
    public String token(String localTokenId, Instant now) {
        Cached c = store.read(tx -> tx.cachedTokens().byLocalId(localTokenId, now));
        return c == null ? null : c.token();
    }

    /** A cached token of this tokenID (TS-0003 7.3.2.7.1 step 2.1), or null. */
    public String tokenOfId(String tokenId, Instant now) {
        java.util.List<Cached> l = store.read(tx -> tx.cachedTokens().byTokenId(tokenId, now));
        return l.isEmpty() ? null : l.get(0).token();
    }

    /** What this CSE keeps for the token, or null when it cached none such or it expired. */
    public Cached cached(String token, Instant now) {
        String digest = digest(token);
        return store.read(tx -> tx.cachedTokens().byDigest(digest, now));
    }

    /** Moves the holder this CSE keeps for a cached token (TS-0003 7.3.2.7.1 step 6, 7.3.2.7.2 step 5.4). */
    public void moveHolder(Cached cached, String newHolder) {
        store.write(tx -> {
            tx.cachedTokens().update(cached.lti(), newHolder, null, null);
            return null;
        });
    }

    /** Records that the decision point created the mapping record of a cached token (TS-0003 7.3.2.2 step 8). */
    public void mapped(Cached cached) {
        store.write(tx -> {
            tx.cachedTokens().update(cached.lti(), cached.holder(), Relation.MAPPED, null);
            return null;
        });
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
