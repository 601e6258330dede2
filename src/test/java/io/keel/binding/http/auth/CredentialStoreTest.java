package io.keel.binding.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential file of HTTP authentication (TS-0009 7.1): hashes only, each credential with its originators. */
class CredentialStoreTest {
    @TempDir
    Path dir;

    private CredentialStore store(String... lines) throws Exception {
        Path f = dir.resolve("credentials");
        Files.writeString(f, String.join("\n", lines));
        return CredentialStore.load(f);
    }

    @Test
    void basicMatchesOnlyTheRightPassword() throws Exception {
        CredentialStore s = store("# comment", "", "basic alice:" + CredentialStore.pbkdf2("s3cret", new byte[16], 1000) + " Calice*,Cshared");
        assertEquals(List.of("Calice*", "Cshared"), s.basic("alice", "s3cret"));
        assertNull(s.basic("alice", "S3cret"));
        assertNull(s.basic("bob", "s3cret"));
    }

    @Test
    void bearerAndCertificatesByTheirHash() throws Exception {
        CredentialStore s = store("bearer sha256:" + CredentialStore.sha256("t0k".getBytes(StandardCharsets.UTF_8)) + " Ct*",
                "cert sha256:" + CredentialStore.sha256(new byte[] {1, 2, 3}) + " Cgw");
        assertEquals(List.of("Ct*"), s.bearer("t0k"));
        assertNull(s.bearer("t0K"));
        assertEquals(List.of("Cgw"), s.certificate(new byte[] {1, 2, 3}));
        assertNull(s.certificate(new byte[] {1, 2}));
    }

    @Test
    void patternsAdmitTheSpRelativeFormToo() {
        assertTrue(CredentialStore.admits(List.of("Calice*"), "Calice1", "/id-in/"));
        assertTrue(CredentialStore.admits(List.of("Calice*"), "/id-in/Calice1", "/id-in/"));
        assertFalse(CredentialStore.admits(List.of("Calice*"), "Cbob", "/id-in/"));
    }

    @Test
    void aMalformedFileStopsTheStartWithItsLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store("basic alice:plaintext Calice"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> store("bearer 1234 Cx"));
        assertThrows(IllegalStateException.class, () -> store("digest a b"));
    }
}
