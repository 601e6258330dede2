package io.keel.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * keel.war unpacked once per build: every {@code java -jar} of the same WAR file (same size and modification time)
 * serves the same directory in java.io.tmpdir instead of inflating 50 MB again (the launcher's jars, then Jetty's
 * copy of the webapp) at each start. Each running Keel holds a shared lock on its directory; a start removes the
 * directories of other builds that nobody holds any more. Uses nothing but the JDK (Bootstrap runs it).
 */
final class UnpackedWar {
    private static final String PREFIX = "keel-war-";
    private static final String IN_USE = ".in-use";
    private static final String COMPLETE = ".complete";

    private UnpackedWar() {
    }

    /** The unpacked directory of {@code war}, unpacked now if no earlier start did; held until the JVM exits. */
    static Path open(Path war) throws IOException {
        return open(war, Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Path open(Path war, Path tmp) throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        String name = PREFIX + user + "-" + Files.size(war) + "-" + Files.getLastModifiedTime(war).toMillis();
        Path dir = tmp.resolve(name);
        if (!Files.exists(dir.resolve(COMPLETE))) {
            unpack(war, tmp, dir, user);
        }
        if (!ownedByThisUser(dir, tmp)) {
            throw new IOException(dir + " was not unpacked by this user: remove it");
        }
        hold(dir);
        removeUnused(tmp, user, dir);
        return dir;
    }

    /** Into a private directory of its own first, then renamed into place: a concurrent start sees all or nothing. */
    private static void unpack(Path war, Path tmp, Path dir, String user) throws IOException {
        Path staging = Files.createTempDirectory(tmp, PREFIX + user + "-staging-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (JarFile jar = new JarFile(war.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                Path target = staging.resolve(e.getName()).normalize();
                if (!target.startsWith(staging) || e.isDirectory()) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.createFile(staging.resolve(IN_USE));
            Files.createFile(staging.resolve(COMPLETE));
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another start got there first (or a half-finished directory of a killed start is in the way).
                if (!Files.exists(dir.resolve(COMPLETE))) {
                    deleteTree(dir);
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    /** Classes are loaded from it: a directory someone else made in the shared temp dir is not trusted. */
    private static boolean ownedByThisUser(Path dir, Path tmp) throws IOException {
        Path probe = Files.createTempFile(tmp, "keel-probe-", "");
        try {
            return Files.isDirectory(dir) && Files.getOwner(dir).equals(Files.getOwner(probe));
        } finally {
            Files.delete(probe);
        }
    }

    /** A shared lock for as long as this JVM runs: the directory is in use. */
    private static void hold(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            channel.lock(0, Long.MAX_VALUE, true); // released when the process ends, however it ends
        } catch (OverlappingFileLockException alreadyHeld) {
            channel.close(); // by this JVM
        }
    }

    private static void removeUnused(Path tmp, String user, Path current) {
        try (DirectoryStream<Path> others = Files.newDirectoryStream(tmp, PREFIX + user + "-*")) {
            for (Path other : others) {
                if (other.equals(current)) {
                    continue;
                }
                if (other.getFileName().toString().startsWith(PREFIX + user + "-staging-")) {
                    removeIfAbandoned(other);
                } else {
                    removeIfUnused(other);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for a later start.
        }
    }

    /** Staging left by a start that was killed while unpacking (an unpack takes seconds, not minutes). */
    private static void removeIfAbandoned(Path staging) throws IOException {
        if (Files.getLastModifiedTime(staging).toMillis() < System.currentTimeMillis() - 600_000) {
            deleteTree(staging);
        }
    }

    private static void removeIfUnused(Path dir) throws IOException {
        Path inUse = dir.resolve(IN_USE);
        if (!Files.exists(inUse) || Files.getLastModifiedTime(dir).toMillis() > System.currentTimeMillis() - 600_000) {
            return; // not ours, or so new that its start may not hold it yet
        }
        try (FileChannel channel = FileChannel.open(inUse, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock != null) {
                deleteTree(dir);
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
