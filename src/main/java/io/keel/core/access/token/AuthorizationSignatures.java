package io.keel.core.access.token;

import io.keel.core.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authorization Signatures (AuthorSign, TS-0003 7.3.2.2 step 6.1, 7.3.2.7; m2m:signatureList, TS-0004 6.3.3) as MICs:
 * HMAC-SHA256 over the token as presented (its compact form) or over its tokenID, with a symmetric key this CSE shares
 * with the AE, base64url. The key is chosen by the AE's App-ID, which stays when a new registration gives the AE a new
 * AE-ID (the case the relationship update is for): {@code keel.authsign.keys} names a properties file of
 * {@code App-ID=base64url key} lines (how the key reaches the AE is left to the deployment, TS-0003 7.3.2.2 NOTE 3).
 */
public final class AuthorizationSignatures {
    private static final String HMAC = "HmacSHA256";
    private final Map<String, byte[]> keysByAppId;

    public AuthorizationSignatures(Map<String, byte[]> keysByAppId) {
        this.keysByAppId = Map.copyOf(keysByAppId);
    }

    /** @throws IllegalStateException when the configured file cannot be read or holds a key that is no base64url */
    public static AuthorizationSignatures from(Settings settings) {
        String file = settings.get("keel.authsign.keys", "");
        if (file.isBlank()) {
            return new AuthorizationSignatures(Map.of());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file.trim()), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("keel.authsign.keys: cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (String appId : p.stringPropertyNames()) {
            try {
                byte[] key = Base64.getUrlDecoder().decode(p.getProperty(appId).trim());
                if (key.length < 16) {
                    throw new IllegalStateException("keel.authsign.keys: the key of " + appId + " has fewer than 16 bytes");
                }
                keys.put(appId, key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("keel.authsign.keys: the key of " + appId + " is no base64url", e);
            }
        }
        return new AuthorizationSignatures(keys);
    }

    /** Whether a key is shared with the AE of this App-ID. */
    public boolean sharesKeyWith(String appId) {
        return appId != null && keysByAppId.containsKey(appId);
    }

    /** The MIC over {@code signed} with a key, base64url without padding. */
    public static String mic(byte[] key, String signed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, signed));
    }

    /**
     * Whether one of the signatures is the MIC of the AE of this App-ID over the token or over its tokenID.
     */
    public boolean signs(String appId, List<String> signatures, String token, String tokenId) {
        byte[] key = appId == null ? null : keysByAppId.get(appId);
        if (key == null) {
            return false;
        }
        byte[] overToken = hmac(key, token);
        byte[] overId = hmac(key, tokenId);
        for (String s : signatures) {
            byte[] given = decode(s);
            if (given != null && (MessageDigest.isEqual(given, overToken) || MessageDigest.isEqual(given, overId))) {
                return true;
            }
        }
        return false;
    }

    /** Whether two signatures are the same: the same bytes, however padded (base64url, TS-0004 6.3.3). */
    public static boolean same(String a, String b) {
        byte[] x = decode(a);
        byte[] y = decode(b);
        return x != null && y != null && MessageDigest.isEqual(x, y);
    }

    private static byte[] decode(String s) {
        try {
            return Base64.getUrlDecoder().decode(s.trim().replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(byte[] key, String signed) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }
}
