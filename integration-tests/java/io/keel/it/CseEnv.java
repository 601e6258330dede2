package io.keel.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of one CSE of a tree that an IT starts as a process ({@link KeelProcess}), as the environment a user
 * would give it: its identity, its own H2 database in a directory of the test, and, for an MN or ASN, its registrar.
 */
final class CseEnv {
    private final Map<String, String> env = new HashMap<>();

    private CseEnv() {
    }

    /**
     * A CSE of this CSE-ID, CSEBase name and type ({@code IN}, {@code MN}, {@code ASN}) with its data directory
     * {@code dir/<id>} and its H2 database there, every commit on disk (kept across a restart, or a kill, of the CSE).
     */
    static CseEnv of(Path dir, String cseId, String cseName, String type) {
        Path data = dir.resolve(cseId).toAbsolutePath();
        return new CseEnv().set("KEEL_CSE_ID", cseId).set("KEEL_CSE_NAME", cseName).set("KEEL_CSE_TYPE", type)
                .set("KEEL_DATA_DIR", data.toString()).set("KEEL_DB_URL", "jdbc:h2:file:" + data.resolve("keel") + ";WRITE_DELAY=0");
    }

    CseEnv port(int httpPort) {
        return set("KEEL_HTTP_PORT", String.valueOf(httpPort));
    }

    /** Authentication on, with this credential file (README "Security"). */
    CseEnv credentials(Path file) {
        return set("KEEL_AUTH_CREDENTIALS", file.toString());
    }

    /**
     * The registrar this CSE registers with: its point of access, CSE-ID, CSEBase name and the Authorization value it
     * presents (null: none, e.g. over coaps, where its certificate is its credential).
     */
    CseEnv registrar(String poa, String cseId, String cseName, String authorization) {
        set("KEEL_REGISTRAR_POA", poa).set("KEEL_REGISTRAR_CSE_ID", cseId).set("KEEL_REGISTRAR_CSE_NAME", cseName);
        return authorization == null ? this : set("KEEL_REGISTRAR_AUTHORIZATION", authorization);
    }

    CseEnv set(String name, String value) {
        env.put(name, value);
        return this;
    }

    Map<String, String> env() {
        return new HashMap<>(env);
    }

    KeelProcess start() {
        return KeelProcess.start(env);
    }
}
