package io.keel.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers README "How it is built" draws, read from the sources: the core depends on no edge, and what
 * operations and the store do never depends on a resource type's number (the types own their behaviour).
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/io/keel");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TYPE_NUMBER = Pattern.compile("ResourceTypes\\.[A-Z_]+\\b");

    @Test
    void theCoreImportsNoEdge() {
        List<String> offending = new ArrayList<>();
        for (Path file : sources(MAIN.resolve("core"))) {
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String imported = m.group(1);
                if (imported.matches("io\\.keel\\.(persistence|binding|web|ops|launcher)\\..*")
                        || imported.startsWith("jakarta.servlet.") || imported.startsWith("jakarta.ws.rs.")
                        || imported.startsWith("jakarta.persistence.")) {
                    offending.add(MAIN.relativize(file) + " imports " + imported);
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void operationsAndTheStoreNameNoResourceTypeNumber() {
        List<String> offending = new ArrayList<>();
        for (Path dir : List.of(MAIN.resolve("core/operation"), MAIN.resolve("core/routing"), MAIN.resolve("persistence"))) {
            for (Path file : sources(dir)) {
                Matcher m = TYPE_NUMBER.matcher(read(file));
                while (m.find()) {
                    offending.add(MAIN.relativize(file) + " names " + m.group());
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void theSourcesAreWhereThisTestLooks() {
        assertTrue(sources(MAIN.resolve("core/operation")).size() > 5, "run from the project directory");
    }

    private static List<Path> sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
