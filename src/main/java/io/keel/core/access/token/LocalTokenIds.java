package io.keel.core.access.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Local-Token-IDs this CSE assigns to the tokens it verified (TS-0003 7.3.2.3 steps 7.2, 8): later requests may
 * name a token by its Local-Token-ID (ltids) instead of carrying it. Held in memory, bounded, until the token expires;
 * a restart forgets them, and the originator presents the token again.
 */
public final class LocalTokenIds {
    private static final int CAPACITY = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> byLocalId = new LinkedHashMap<>();
    private final Map<String, String> byToken = new LinkedHashMap<>();

    private record Entry(String token, Instant notAfter) {
    }

    /** The Local-Token-ID of a verified token: the one it has, or a new one (an xs:NCName). */
    public synchronized String assign(String token, TokenClaims claims, Instant now) {
        String lti = byToken.get(token);
        if (lti != null) {
            return lti;
        }
        purge(now);
        if (byLocalId.size() >= CAPACITY) {
            String eldest = byLocalId.keySet().iterator().next();
            byToken.remove(byLocalId.remove(eldest).token());
        }
        byte[] b = new byte[12];
        random.nextBytes(b);
        lti = "lt" + HexFormat.of().formatHex(b);
        byLocalId.put(lti, new Entry(token, claims.notAfter()));
        byToken.put(token, lti);
        return lti;
    }

    /** The token a Local-Token-ID names, or null when this CSE assigned none such or it expired. */
    public synchronized String token(String localTokenId, Instant now) {
        Entry e = byLocalId.get(localTokenId);
        return e == null || !now.isBefore(e.notAfter()) ? null : e.token();
    }

    private void purge(Instant now) {
        byLocalId.entrySet().removeIf(e -> {
            boolean expired = !now.isBefore(e.getValue().notAfter());
            if (expired) {
                byToken.remove(e.getValue().token());
            }
            return expired;
        });
    }
}
