package io.keel.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar target/keel.war} in its own process, configured through environment variables as a user would,
 * for tests of what only the executable WAR does (its own connectors, TLS) or that need settings of their own.
 */
final class KeelProcess implements AutoCloseable {
    private static final String READY = "Keel is serving ";
    private final ServerProcess process;

    private KeelProcess(ServerProcess process) {
        this.process = process;
    }

    static KeelProcess start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        try {
            all.put("KEEL_DATA_DIR", Files.createTempDirectory("keel-process").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.putAll(env);
        return new KeelProcess(ServerProcess.start(
                List.of(ServerProcess.java(), "-jar", System.getProperty("keel.war", "target/keel.war")), all, null,
                line -> line.startsWith(READY)));
    }

    /** What the start line announced, e.g. {@code https://127.0.0.1:8443/}. */
    String serving() {
        return process.readyLine().substring(READY.length());
    }

    static int freePort() {
        return ServerProcess.freePort();
    }

    /** SIGKILL: no shutdown hook runs, the database is not closed in order. */
    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
