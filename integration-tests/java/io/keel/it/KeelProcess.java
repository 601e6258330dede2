package io.keel.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/keel.war} in its own process, configured through environment variables as a user would,
 * for tests of what only the executable WAR does (its own connectors, TLS) or that need settings of their own.
 */
final class KeelProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private String serving;

    private KeelProcess(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("keel.war", "target/keel.war")).redirectErrorStream(true);
        pb.environment().putIfAbsent("KEEL_DATA_DIR", Files.createTempDirectory("keel-process").toString());
        pb.environment().putAll(env);
        process = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("Keel is serving ")) {
                        serving = line.substring("Keel is serving ".length());
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keel.war did not start:\n" + String.join("\n", output));
        }
    }

    static KeelProcess start(Map<String, String> env) {
        try {
            return new KeelProcess(env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What the start line announced, e.g. {@code https://127.0.0.1:8443/}. */
    String serving() {
        return serving;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, the database is not closed in order. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
