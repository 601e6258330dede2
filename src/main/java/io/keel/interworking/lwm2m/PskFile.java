package io.keel.interworking.lwm2m;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * {@code keel.lwm2m.psk-file}: one client a line, {@code <endpoint> <PSK identity> <key in hex>}; blank lines and lines
 * starting with {@code #} are skipped. A client listed here must register over DTLS with its key (Leshan's default
 * authorizer refuses it over plain CoAP); a client not listed may register over plain CoAP when
 * {@code keel.lwm2m.port} is open.
 */
final class PskFile {
    private PskFile() {
    }

    static InMemorySecurityStore load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("keel.lwm2m.psk-file " + file + " cannot be read", e);
        }
        InMemorySecurityStore store = new InMemorySecurityStore();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = "keel.lwm2m.psk-file " + file + " line " + (i + 1);
            if (fields.length != 3) {
                throw new IllegalStateException(where + ": expected <endpoint> <identity> <hex key>");
            }
            byte[] key;
            try {
                key = HexFormat.of().parseHex(fields[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": the key is not hexadecimal");
            }
            try {
                store.add(SecurityInfo.newPreSharedKeyInfo(fields[0], fields[1], key));
            } catch (NonUniqueSecurityInfoException e) {
                throw new IllegalStateException(where + ": " + e.getMessage());
            }
        }
        return store;
    }
}
