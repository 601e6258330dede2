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
    /** The ports {@link #freePort} hands out: a block per test JVM, below the ephemeral range. */
    private static final int FIRST_PORT = 20000;
    private static final int PORTS_PER_FORK = 4000;
    private static final int FORK_BLOCK = Integer.getInteger("keel.it.fork", 0) % 3;
    /** Where in the block to go on: a random start, so that a JVM after another does not retry the same ports first. */
    private static int nextPort = new java.util.Random().nextInt(PORTS_PER_FORK);
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

    /**
     * A port no one listens on, for a server started next. Not one the system would hand out (ServerSocket(0)): between
     * this check and the server binding it, any process's next outgoing connection could take such a port. Each test
     * JVM (keel.it.fork) counts through a block of its own below the ephemeral range (32768 and up on Linux).
     */
    static synchronized int freePort() {
        for (int tries = 0; tries < PORTS_PER_FORK; tries++) {
            int port = FIRST_PORT + FORK_BLOCK * PORTS_PER_FORK + nextPort++ % PORTS_PER_FORK;
            try (ServerSocket s = new ServerSocket(port)) {
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: the next one
            }
        }
        throw new IllegalStateException("no free port in the block of fork " + FORK_BLOCK);
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
