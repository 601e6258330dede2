package io.keel.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A private Mosquitto server for one test class, on a free port of the loopback interface (its local-only mode),
 * that the test can stop and start again: the ITs need not share, or restart, a system service.
 */
final class Mosquitto implements AutoCloseable {
    private final int port;
    private final Path config;
    private final boolean tls;
    private ServerProcess process;

    private Mosquitto(int port) {
        this(port, null, false);
    }

    private Mosquitto(int port, Path config, boolean tls) {
        this.port = port;
        this.config = config;
        this.tls = tls;
    }

    /**
     * A server run with a mosquitto.conf of its own: {@code listener <port> 127.0.0.1} followed by {@code lines}
     * (TLS files, password_file, more listeners); {@code tls} when that listener speaks TLS ({@link #url} is ssl://).
     */
    static Mosquitto configured(boolean tls, String... lines) {
        int port = ServerProcess.freePort();
        List<String> conf = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "log_dest stderr", "log_type all"));
        conf.addAll(List.of(lines));
        try {
            Path file = Files.createTempFile("mosquitto", ".conf");
            Files.write(file, conf);
            Mosquitto m = new Mosquitto(port, file, tls);
            m.startAgain();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a free port, running. */
    static Mosquitto start() {
        Mosquitto m = new Mosquitto(ServerProcess.freePort());
        m.startAgain();
        return m;
    }

    /** A free port where no server runs yet; {@link #startAgain} starts it. */
    static Mosquitto notStarted() {
        return new Mosquitto(ServerProcess.freePort());
    }

    void startAgain() {
        List<String> command = config == null ? List.of("mosquitto", "-p", String.valueOf(port), "-v")
                : List.of("mosquitto", "-c", config.toString());
        process = ServerProcess.start(command, Map.of(), null, line -> line.contains(" running"));
    }

    /** Kills the server: its clients lose their connection at once. */
    void stop() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>} (or {@code ssl://}), as keel.mqtt.url and Paho take it. */
    String url() {
        return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    /** What the server has logged so far. */
    List<String> output() {
        return process == null ? List.of() : process.output();
    }

    /** {@code mqtt://127.0.0.1:<port>}, the point of access (TS-0010 6.6). */
    String poa() {
        return (tls ? "mqtts" : "mqtt") + "://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
