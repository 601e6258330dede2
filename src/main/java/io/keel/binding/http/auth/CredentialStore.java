package io.keel.binding.http.auth;

import io.keel.core.Identifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The credentials HTTP authentication (TS-0009 7.1) accepts, and the originators each may use, read from a file:
 * one credential per line, {@code <scheme> <credential> <originator patterns, comma-separated>}.
 * <ul>
 *   <li>{@code basic <user>:pbkdf2:<iterations>:<salt, base64>:<PBKDF2WithHmacSHA256 of the password, base64>}</li>
 *   <li>{@code bearer sha256:<SHA-256 of the token, hex>}</li>
 *   <li>{@code cert sha256:<SHA-256 of the client certificate (DER), hex>}</li>
 * </ul>
 * Secrets are kept only as hashes. Patterns may end in {@code *} (e.g. {@code Calice*}).
 */
public final class CredentialStore {
    private record Entry(String scheme, String identity, String secret, List<String> originators) {
    }

    private final List<Entry> entries;

    private CredentialStore(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static CredentialStore load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential file " + file, e);
        }
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new IllegalStateException(file + " line " + n + ": expected <scheme> <credential> <originators>");
            }
            String scheme = f[0].toLowerCase(Locale.ROOT);
            List<String> originators = List.of(f[2].split(","));
            switch (scheme) {
                case "basic" -> {
                    int colon = f[1].indexOf(':');
                    if (colon <= 0 || !f[1].startsWith("pbkdf2:", colon + 1)) {
                        throw new IllegalStateException(file + " line " + n + ": basic needs <user>:pbkdf2:<iterations>:<salt>:<hash>");
                    }
                    entries.add(new Entry(scheme, f[1].substring(0, colon), f[1].substring(colon + 1), originators));
                }
                case "bearer", "cert" -> {
                    if (!f[1].startsWith("sha256:")) {
                        throw new IllegalStateException(file + " line " + n + ": " + scheme + " needs sha256:<hex>");
                    }
                    entries.add(new Entry(scheme, null, f[1].substring(7).toLowerCase(Locale.ROOT), originators));
                }
                default -> throw new IllegalStateException(file + " line " + n + ": unknown scheme " + f[0]);
            }
        }
        return new CredentialStore(entries);
    }

    /** The originator patterns of a user and password, or null when they do not match. */
    public List<String> basic(String user, String password) {
        for (Entry e : entries) {
            if (e.scheme.equals("basic") && e.identity.equals(user) && pbkdf2Matches(e.secret, password)) {
                return e.originators;
            }
        }
        return null;
    }

    public List<String> bearer(String token) {
        return byHash("bearer", sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    public List<String> certificate(byte[] der) {
        return byHash("cert", sha256(der));
    }

    private List<String> byHash(String scheme, String hash) {
        for (Entry e : entries) {
            if (e.scheme.equals(scheme) && MessageDigest.isEqual(e.secret.getBytes(StandardCharsets.US_ASCII),
                    hash.getBytes(StandardCharsets.US_ASCII))) {
                return e.originators;
            }
        }
        return null;
    }

    /** Whether one of the patterns admits the originator ({@code /id-in/Cx} counts as {@code Cx}). */
    public static boolean admits(List<String> patterns, String originator, String ownCsePrefix) {
        String who = originator.startsWith(ownCsePrefix) ? originator.substring(ownCsePrefix.length()) : originator;
        return patterns.stream().anyMatch(p -> Identifiers.matchesWildcard(p, who));
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pbkdf2:<iterations>:<salt>:<hash>} as the credential file holds it, for a password. */
    public static String pbkdf2(String password, byte[] salt, int iterations) {
        return "pbkdf2:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations, 256));
    }

    private static boolean pbkdf2Matches(String stored, String password) {
        String[] p = stored.split(":");
        if (p.length != 4) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(p[3]);
        byte[] actual = derive(password, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1]), expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bits) {
        try {
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
