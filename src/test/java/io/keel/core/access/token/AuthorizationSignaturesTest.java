package io.keel.core.access.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authorization Signatures as MICs with the key shared with an AE's App-ID (TS-0003 7.3.2.2 step 6.1, NOTE 3). */
class AuthorizationSignaturesTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final AuthorizationSignatures signatures = new AuthorizationSignatures(Map.of("Napp", KEY));

    @Test
    void ts0003_7_3_2_2_6_1_aSignatureOverTheTokenOrItsTokenIdSigns() {
        assertTrue(signatures.signs("Napp", List.of(AuthorizationSignatures.mic(KEY, "jwt")), "jwt", "tid@x"));
        assertTrue(signatures.signs("Napp", List.of("garbage!", AuthorizationSignatures.mic(KEY, "tid@x")), "jwt", "tid@x"));
        assertFalse(signatures.signs("Napp", List.of(AuthorizationSignatures.mic(KEY, "other")), "jwt", "tid@x"));
        assertFalse(signatures.signs("Nother", List.of(AuthorizationSignatures.mic(KEY, "jwt")), "jwt", "tid@x"), "no key shared");
        assertFalse(signatures.signs(null, List.of(AuthorizationSignatures.mic(KEY, "jwt")), "jwt", "tid@x"));
    }

    @Test
    void ts0004_6_3_3_signaturesAreBase64urlPaddedOrNot() {
        String mic = AuthorizationSignatures.mic(KEY, "jwt");
        assertFalse(mic.contains("=") || mic.contains("+") || mic.contains("/"));
        assertTrue(signatures.signs("Napp", List.of(mic + "="), "jwt", "tid"));
        assertTrue(AuthorizationSignatures.same(mic, mic + "="));
        assertFalse(AuthorizationSignatures.same(mic, AuthorizationSignatures.mic(KEY, "jwt2")));
        assertFalse(AuthorizationSignatures.same(mic, "%%%"));
    }

    @Test
    void theKeysAreReadFromTheConfiguredFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "Napp=" + Base64.getUrlEncoder().withoutPadding().encodeToString(KEY) + "\n");
        AuthorizationSignatures read = AuthorizationSignatures.from(new Settings(null).with("keel.authsign.keys", file.toString()));
        assertTrue(read.sharesKeyWith("Napp"));
        assertTrue(read.signs("Napp", List.of(AuthorizationSignatures.mic(KEY, "jwt")), "jwt", "tid"));

        Files.writeString(file, "Napp=short\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AuthorizationSignatures.from(new Settings(null).with("keel.authsign.keys", file.toString())));
        assertTrue(e.getMessage().contains("Napp"), e.getMessage());
        assertFalse(AuthorizationSignatures.from(new Settings(null).with("keel.authsign.keys", "")).sharesKeyWith("Napp"), "none configured: none shared");
    }
}
