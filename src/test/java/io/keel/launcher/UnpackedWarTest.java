package io.keel.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedWarTest {
    @TempDir
    Path tmp;

    @Test
    void aWarIsUnpackedOnceAndServedFromTheSameDirectoryAtTheNextStart() throws IOException {
        Path war = war("a.war", "WEB-INF/web.xml", "<web-app/>");
        Path first = UnpackedWar.open(war, tmp);
        assertEquals("<web-app/>", Files.readString(first.resolve("WEB-INF/web.xml")));
        Files.writeString(first.resolve("WEB-INF/marker"), "kept");
        Path second = UnpackedWar.open(war, tmp);
        assertEquals(first, second);
        assertTrue(Files.exists(second.resolve("WEB-INF/marker")), "not unpacked again");
    }

    @Test
    void anEntryThatPointsOutOfTheDirectoryIsNotWritten() throws IOException {
        Path war = war("b.war", "../escaped.txt", "x");
        UnpackedWar.open(war, tmp);
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    }

    @Test
    void theDirectoryOfAnotherBuildIsRemovedOnceNobodyHoldsIt() throws IOException {
        Path old = tmp.resolve("keel-war-" + System.getProperty("user.name") + "-1-1");
        Files.createDirectories(old.resolve("WEB-INF"));
        Files.createFile(old.resolve(".in-use"));
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path current = UnpackedWar.open(war("c.war", "WEB-INF/web.xml", "<web-app/>"), tmp);
        assertFalse(Files.exists(old), "an unused build's directory is removed");
        assertTrue(Files.exists(current));
    }

    @Test
    void aDirectoryHeldByARunningKeelStays() throws IOException {
        Path held = UnpackedWar.open(war("d.war", "WEB-INF/web.xml", "one"), tmp); // held by this JVM from now on
        Files.setLastModifiedTime(held, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path war = war("e.war", "WEB-INF/web.xml", "two, a longer file so that the size differs");
        UnpackedWar.open(war, tmp);
        assertTrue(Files.exists(held.resolve("WEB-INF/web.xml")));
    }

    private Path war(String name, String entry, String content) throws IOException {
        Path war = tmp.resolve("in").resolve(name);
        Files.createDirectories(war.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
            out.putNextEntry(new JarEntry(entry));
            OutputStream o = out;
            o.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return war;
    }
}
