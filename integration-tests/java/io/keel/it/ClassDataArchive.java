package io.keel.it;

import java.io.IOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JVM options for the {@code java -jar keel.war} processes of the ITs, which start Keel a few hundred times per run:
 * the client compiler only and the serial collector (short-lived servers with a small heap), and a class-data-sharing
 * archive of Keel's classes (the JDK's dynamic AppCDS), made once per built WAR by a training start and shared by
 * every later one, across the suite's JVMs. Together they took a start from about 9.4 to 4 s of CPU on this machine
 * under load. Without an archive (a JDK that cannot make one) the processes start as they did.
 */
final class ClassDataArchive {
    private static final List<String> COMPILER_AND_GC = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static List<String> options;

    private ClassDataArchive() {
    }

    static synchronized List<String> jvmOptions(Path war) {
        if (options == null) {
            List<String> all = new ArrayList<>(COMPILER_AND_GC);
            Path archive = archiveOf(war);
            if (archive != null) {
                all.add("-XX:SharedArchiveFile=" + archive);
                all.add("-Xlog:cds=off");
                all.add("-Xlog:cds+dynamic=off");
            }
            options = List.copyOf(all);
        }
        return options;
    }

    /** target/keel.jsa, made now unless it is newer than the WAR; the suite's JVMs take turns through a file lock. */
    private static Path archiveOf(Path war) {
        Path archive = war.resolveSibling(war.getFileName() + ".jsa");
        try (FileChannel channel = FileChannel.open(war.resolveSibling(war.getFileName() + ".jsa.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(war)) > 0) {
                return archive;
            }
            Path made = Files.createTempFile(archive.getParent(), "keel-", ".jsa");
            Files.delete(made);
            train(war, made);
            if (!Files.exists(made)) {
                return null;
            }
            Files.move(made, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return archive;
        } catch (IOException | RuntimeException | AssertionError e) {
            return null;
        }
    }

    /** A start, a few requests down the usual paths, and a clean stop: the JVM writes the archive as it exits. */
    private static void train(Path war, Path archive) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(COMPILER_AND_GC);
        command.addAll(List.of("-jar", war.toString()));
        int port = ServerProcess.freePort();
        Path data = Files.createTempDirectory("keel-cds");
        try (ServerProcess keel = ServerProcess.start(command,
                Map.of("KEEL_DATA_DIR", data.toString(), "KEEL_HTTP_PORT", String.valueOf(port)), null,
                line -> line.startsWith("Keel is serving "))) {
            URL base = new URL("http://127.0.0.1:" + port + "/");
            RawHttp.send(base, "GET", "/cse-in", null, null);
            RawHttp.send(base, "POST", "/cse-in", "X-M2M-Origin: Ctraining\r\nContent-Type: application/json;ty=2\r\n",
                    "{\"m2m:ae\":{\"rn\":\"training\",\"api\":\"Ntraining\",\"rr\":false,\"srv\":[\"3\"]}}".getBytes(StandardCharsets.UTF_8));
            RawHttp.send(base, "POST", "/cse-in/training", "X-M2M-Origin: Ctraining\r\nContent-Type: application/json;ty=3\r\n",
                    "{\"m2m:cnt\":{\"rn\":\"box\"}}".getBytes(StandardCharsets.UTF_8));
            RawHttp.send(base, "GET", "/cse-in/training/box", "X-M2M-Origin: Ctraining\r\n", null);
        }
    }
}
