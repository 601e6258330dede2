package io.keel.core.access.token;

import io.keel.core.Identifiers;
import io.keel.primitive.OneM2MException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * This CSE as issuer and verifier of oneM2M JWTs (TS-0003 7.3.2.4–7.3.2.6, 7.4.2.3): it signs the tokens the
 * Authorization Authority has it issue, and accepts a token only when its signature verifies with the configured key,
 * its issuer is the configured one, its holder is the originator, now lies within notBefore and notAfter, and its
 * audience, when it names any CSE, names this one. Without {@code keel.token.signing-key} it issues and accepts none.
 */
public final class TokenAuthority {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TokenAuthority.class.getName());
    private static final int CACHE_SIZE = 4096;
    private final TokenSettings settings;
    private final TokenKey key;
    private final SecureRandom random = new SecureRandom();
    /** The tokens this CSE cached, with the holders it keeps for them; null until {@link #cacheIn} binds them. */
    private volatile LocalTokenIds cache;
    /** Signatures verified already, by compact token: a discovery asks for every resource it looks at. */
    private final Map<String, TokenClaims> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenClaims> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public TokenAuthority(TokenSettings settings, TokenKey key) {
        this.settings = settings;
        this.key = key;
    }

    /** @throws IllegalStateException when the configured key file cannot be used */
    public static TokenAuthority from(TokenSettings settings) {
        if (settings.signingKey() == null) {
            LOG.info("keel.token.signing-key is not set: this CSE issues no tokens and accepts none; role IDs count"
                    + " through <role> resources only");
            return new TokenAuthority(settings, null);
        }
        TokenKey key = TokenKey.load(Path.of(settings.signingKey()));
        LOG.info(() -> "tokens: issuer " + settings.issuer() + ", " + key.algorithm()
                + (key.signer() == null ? " (public key: verifies, issues none)" : ""));
        return new TokenAuthority(settings, key);
    }

    /** Binds the cache whose holders count instead of the tokens' own (TS-0003 7.3.2.7). */
    public void cacheIn(LocalTokenIds localTokenIds) {
        this.cache = localTokenIds;
    }

    /**
     * The tokens this CSE cached and their Local-Token-IDs.
     *
     * @throws IllegalStateException before {@link #cacheIn}
     */
    public LocalTokenIds localTokenIds() {
        if (cache == null) {
            throw new IllegalStateException("no token cache is bound");
        }
        return cache;
    }

    public TokenSettings settings() {
        return settings;
    }

    /** Whether a key is configured to sign with. */
    public boolean issues() {
        return key != null && key.signer() != null;
    }

    /**
     * Completes and signs the claims of a token this CSE issues: its tokenID, issuer, times and audience where not given.
     *
     * @throws OneM2MException 4000 when this CSE has no signing key
     */
    public Issued issue(String tokenId, String holder, Instant notBefore, Instant notAfter, String name,
                        java.util.List<String> audience, Map<String, Object> permissions, String extension, Instant now) {
        if (!issues()) {
            throw OneM2MException.badRequest("this CSE issues no tokens (keel.token.signing-key names no private key):"
                    + " give tkob (tokenObject), a token issued elsewhere by this CSE's issuer");
        }
        Instant nbf = notBefore == null ? now : notBefore;
        Instant exp = notAfter == null ? nbf.plusMillis(settings.lifetimeMillis()) : notAfter;
        if (!nbf.isBefore(exp)) {
            throw OneM2MException.badRequest("tkna (notAfter) must lie after tknb (notBefore)");
        }
        TokenClaims claims = new TokenClaims("1", tokenId == null ? newTokenId() : tokenId, holder, settings.issuer(), nbf, exp,
                name, audience == null || audience.isEmpty() ? java.util.List.of(settings.audience()) : audience, permissions,
                extension);
        return new Issued(claims, OneM2MJwt.issue(claims, key));
    }

    /** A token this CSE signed, and its claims. */
    public record Issued(TokenClaims claims, String token) {
    }

    /**
     * The claims of a token whose signature and issuer are this CSE's, whatever its holder and times: what a {@code
     * <token>} resource may store.
     *
     * @throws OneM2MException 4000 for a token that is no oneM2M JWT, 4103 for one this CSE cannot accept
     */
    public TokenClaims authentic(String token) {
        if (key == null) {
            throw OneM2MException.noPrivilege("this CSE accepts no tokens: keel.token.signing-key is not set");
        }
        TokenClaims c;
        synchronized (verified) {
            c = verified.get(token);
        }
        if (c == null) {
            c = OneM2MJwt.verified(token, key);
            synchronized (verified) {
                verified.put(token, c);
            }
        }
        if (!settings.issuer().equals(c.issuer())) {
            throw OneM2MException.noPrivilege("token " + c.tokenId() + " was issued by " + c.issuer() + ", not by " + settings.issuer());
        }
        return c;
    }

    /**
     * The claims of a token the originator may use here and now (TS-0003 7.3.2.3 step 7.1.3, 7.3.2.5). The holder is the
     * one this CSE keeps for the token when it cached it (an authorization relationship update moves it, TS-0003
     * 7.3.2.7), else the token's.
     *
     * @param isOriginator whether an ID (the holder) names the originator of the request
     * @throws OneM2MException 4103 naming the check that failed; 4000 for a token that is no oneM2M JWT
     */
    public TokenClaims accepted(String token, Predicate<String> isOriginator, Instant now) {
        TokenClaims c = authentic(token);
        if (now.isBefore(c.notBefore())) {
            throw OneM2MException.noPrivilege("token " + c.tokenId() + " is not valid before " + c.notBefore());
        }
        if (!now.isBefore(c.notAfter())) {
            throw OneM2MException.noPrivilege("token " + c.tokenId() + " expired at " + c.notAfter());
        }
        if (!c.audience().isEmpty() && c.audience().stream().noneMatch(this::namesThisCse)) {
            throw OneM2MException.noPrivilege("token " + c.tokenId() + " is meant for " + String.join(", ", c.audience())
                    + ", not for " + settings.audience());
        }
        io.keel.core.store.CachedTokens.Cached kept = cache == null ? null : cache.cached(token, now);
        String holder = kept == null ? c.holder() : kept.holder();
        if (!isOriginator.test(holder)) {
            throw new HeldByAnother(token, c, kept, holder);
        }
        return c;
    }

    private boolean namesThisCse(String audience) {
        String absolute = settings.audience();
        String spRelative = absolute.substring(absolute.indexOf('/', 2));
        return Identifiers.matchesWildcard(audience, absolute) || Identifiers.matchesWildcard(audience, spRelative);
    }

    /** A tokenID: 16 random bytes in hex, '@', the issuer's FQDN (TS-0004 table 6.3.3-1). */
    private String newTokenId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b) + "@" + fqdn();
    }

    private String fqdn() {
        String absolute = settings.audience(); // //sp-id/cse-id
        return absolute.substring(2, absolute.indexOf('/', 2)).toLowerCase(java.util.Locale.ROOT);
    }
}
