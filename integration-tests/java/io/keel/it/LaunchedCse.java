package io.keel.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CSE started the way README says, {@code java -jar target/keel.war}, on a free loopback port, with its settings
 * (README table) as environment variables. Ready once it printed its "Keel is serving" line.
 */
final class LaunchedCse implements AutoCloseable {
    private final Process process;
    private final URL base;

    private LaunchedCse(Process process, URL base) {
        this.process = process;
        this.base = base;
    }

    static LaunchedCse start(Map<String, String> settings) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("keel.war", "target/keel.war")).redirectErrorStream(true);
        pb.environment().putAll(settings);
        pb.environment().put("KEEL_HTTP_PORT", String.valueOf(port));
        Process process = pb.start();
        StringBuffer output = new StringBuffer();
        AtomicBoolean serving = new AtomicBoolean();
        // Counted down when the CSE serves, or when its output ends because it failed and exited.
        CountDownLatch decided = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith("Keel is serving")) {
                        serving.set(true);
                        decided.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            decided.countDown();
        });
        reader.setDaemon(true);
        reader.start();
        LaunchedCse cse = new LaunchedCse(process, new URL("http://127.0.0.1:" + port + "/"));
        if (!decided.await(90, TimeUnit.SECONDS) || !serving.get()) {
            cse.close();
            throw new AssertionError("keel.war did not start:\n" + output);
        }
        return cse;
    }

    URL base() {
        return base;
    }

    /** SIGKILL: no shutdown hook, no orderly close of the database. */
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
