package io.keel.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A server in its own process (the executable WAR, Payara Micro, a Jetty home), ready once it prints a given line. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private volatile String readyLine;

    private ServerProcess(Process process) {
        this.process = process;
    }

    /** Starts the command and waits until a line of its output satisfies {@code ready}. */
    static ServerProcess start(List<String> command, Map<String, String> env, Path dir, Predicate<String> ready) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        ServerProcess s;
        try {
            s = new ServerProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Counted down when the server is ready, or when its output ends because it failed and exited.
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(s.process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (s.output) {
                        s.output.add(line);
                    }
                    if (started.getCount() > 0 && ready.test(line)) {
                        s.readyLine = line;
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            started.countDown();
        });
        reader.setDaemon(true);
        reader.start();
        try {
            if (!started.await(180, TimeUnit.SECONDS) || s.readyLine == null) {
                s.kill();
                throw new AssertionError("the server did not start:\n" + String.join("\n", s.output()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return s;
    }

    /** Runs a command to its end; fails when it fails. */
    static void run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readyLine() {
        return readyLine;
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
