package io.keel.it;

import java.util.List;
import java.util.Map;

/**
 * A private Mosquitto server for one test class, on a free port of the loopback interface (its local-only mode),
 * that the test can stop and start again: the ITs need not share, or restart, a system service.
 */
final class Mosquitto implements AutoCloseable {
    private final int port;
    private ServerProcess process;

    private Mosquitto(int port) {
        this.port = port;
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
        process = ServerProcess.start(List.of("mosquitto", "-p", String.valueOf(port), "-v"), Map.of(), null,
                line -> line.contains(" running"));
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

    /** {@code tcp://127.0.0.1:<port>}, as keel.mqtt.url and Paho take it. */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** {@code mqtt://127.0.0.1:<port>}, the point of access (TS-0010 6.6). */
    String poa() {
        return "mqtt://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
