package io.keel.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar target/keel.war} in its own process, configured through environment variables as a user would,
 * for tests of what only the executable WAR does (its own connectors, TLS), that need settings of their own, or
 * several CSEs on one database. On a free port unless KEEL_HTTP_PORT is given; in the PostgreSQL run of the suite on
 * its database unless KEEL_DB_URL is given or the process is a CSE other than id-in.
 */
final class KeelProcess implements AutoCloseable {
    private static final String READY = "Keel is serving ";
    private final ServerProcess process;
    private final int httpPort;

    private KeelProcess(ServerProcess process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    static KeelProcess start(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putIfAbsent("KEEL_HTTP_PORT", String.valueOf(ServerProcess.freePort()));
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(settings);
            } catch (AssertionError e) {
                String port = settings.get("KEEL_HTTP_PORT");
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("Failed to bind to /127.0.0.1:" + port)) {
                    throw e;
                }
                // Another process took the port between ServerProcess.freePort's check and this process's bind (seen
                // in CI): the same settings on another port, also where they name this process's own address.
                settings = onAnotherPort(settings, port, String.valueOf(ServerProcess.freePort()));
            }
        }
    }

    private static Map<String, String> onAnotherPort(Map<String, String> settings, String taken, String port) {
        Map<String, String> moved = new HashMap<>();
        settings.forEach((name, value) -> moved.put(name, value.replace("127.0.0.1:" + taken, "127.0.0.1:" + port)));
        moved.put("KEEL_HTTP_PORT", port);
        return moved;
    }

    private static KeelProcess startOnce(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        try {
            all.put("KEEL_DATA_DIR", Files.createTempDirectory("keel-process").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String suiteDatabase = System.getProperty("keel.db.url"); // set by PostgresSuiteDatabase
        // The suite's database holds the CSEBase of id-in: a CSE of another CSE-ID keeps its own (H2 in its data dir).
        boolean ownCse = env.containsKey("KEEL_CSE_ID") && !env.get("KEEL_CSE_ID").equals("id-in");
        if (suiteDatabase != null && !ownCse) {
            all.put("KEEL_DB_URL", suiteDatabase);
        }
        all.putAll(env);
        Path war = Path.of(System.getProperty("keel.war", "target/keel.war"));
        List<String> command = new ArrayList<>();
        command.add(ServerProcess.java());
        command.addAll(ClassDataArchive.jvmOptions(war));
        command.addAll(List.of("-jar", war.toString()));
        return new KeelProcess(ServerProcess.start(command, all, null, line -> line.startsWith(READY)),
                Integer.parseInt(all.get("KEEL_HTTP_PORT")));
    }

    /** The HTTP port it serves (not always the one asked for: see {@link #start}). */
    int httpPort() {
        return httpPort;
    }

    /** The plain HTTP address (when HTTP is enabled). */
    URL base() {
        try {
            return new URL("http://127.0.0.1:" + httpPort + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the start line announced, e.g. {@code https://127.0.0.1:8443/}. */
    String serving() {
        return process.readyLine().substring(READY.length());
    }

    /** Every line the process has written so far (its log). */
    List<String> output() {
        return process.output();
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
