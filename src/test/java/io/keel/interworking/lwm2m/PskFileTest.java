package io.keel.interworking.lwm2m;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keel.lwm2m.psk-file: the clients' pre-shared keys; a malformed line stops the start naming file and line. */
class PskFileTest {
    @TempDir
    Path dir;

    @Test
    void linesAreEndpointIdentityAndHexKey() throws IOException {
        Path file = Files.writeString(dir.resolve("psk"), "# comment\n\nurn:dev:1  id-1  0a0B\n");
        InMemorySecurityStore store = PskFile.load(file);
        SecurityInfo info = store.getByEndpoint("urn:dev:1");
        assertEquals("id-1", info.getPskIdentity());
        assertArrayEquals(new byte[] {10, 11}, info.getPreSharedKey());
    }

    @Test
    void aMalformedLineIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("psk"), "urn:dev:1 id-1 0a\nurn:dev:2 id-2 zz\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PskFile.load(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("hexadecimal"), e.getMessage());
        Path short_ = Files.writeString(dir.resolve("psk2"), "urn:dev:1 0a\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> PskFile.load(short_)).getMessage().contains("line 1"));
    }

    @Test
    void twoClientsWithOneIdentityAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("psk"), "a id 0a\nb id 0b\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> PskFile.load(file)).getMessage().contains("line 2"));
    }
}
