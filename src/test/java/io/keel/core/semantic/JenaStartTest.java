package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Jena starts once, on one thread ({@link JenaStart}): two threads starting it at once could hang forever, and every
 * request touching semantics with them.
 */
class JenaStartTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path SEMANTIC = MAIN.resolve("io/keel/core/semantic");
    /** Initialized with the CSE, before Jena may load: their Jena objects come from {@link Sparql}, which waits. */
    private static final Set<String> STARTED_WITH_THE_CSE = Set.of("SemanticDiscovery", "SemanticQuery", "Evaluation",
            "IndexedDescriptors" /* a Jena class's subclass: its superclass is initialized before its own block */);
    private static final Pattern JENA_NAME = Pattern.compile("org\\.apache\\.jena\\.[\\w.]*[\\w]");
    private static final String GATE = "    static {\n        JenaStart.ready();";

    @Test
    void outsideTheSemanticPackageJenaIsOnlyTheGraphType() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path p : sources(MAIN)) {
            if (p.startsWith(SEMANTIC)) {
                continue;
            }
            for (String name : jenaNames(p)) {
                if (!name.equals("org.apache.jena.graph.Graph")) {
                    offending.add(MAIN.relativize(p) + ": " + name);
                }
            }
        }
        assertEquals(List.of(), offending, "make Jena objects in io.keel.core.semantic, behind JenaStart");
    }

    @Test
    void everySemanticClassUsingJenaWaitsForItsStartBeforeAnythingElse() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path p : sources(SEMANTIC)) {
            String name = p.getFileName().toString().replace(".java", "");
            Set<String> used = jenaNames(p);
            used.remove("org.apache.jena.graph.Graph");
            if (used.isEmpty() || name.equals("JenaStart") || STARTED_WITH_THE_CSE.contains(name)) {
                continue;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            int gate = text.indexOf(GATE);
            int firstStatic = text.indexOf("static ", text.indexOf(" class " + name));
            if (gate < 0 || firstStatic != gate + "    ".length()) {
                offending.add(name);
            }
        }
        assertEquals(List.of(), offending, "their first member must be: static { JenaStart.ready(); }");
    }

    /**
     * In a class loader of its own (a JVM that has not loaded Jena), the first uses come at once from five threads: the
     * warm-up's evaluation, a descriptor parsed, a query parsed, a term decoded, an ontology's graph. Without the gate
     * a round hung about once in ten (Jena 5.6, this machine); rounds are repeated to catch that.
     */
    @Test
    void concurrentFirstUsesOfJenaAllFinish() throws Exception {
        for (int round = 0; round < 12; round++) {
            try (URLClassLoader fresh = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
                Class<?> settings = fresh.loadClass(SemanticSettings.class.getName());
                Object limits = settings.getField("DEFAULTS").get(null);
                Class<?> format = fresh.loadClass(SemanticFormat.class.getName());
                Object turtle = format.getMethod("ofContent", long.class, String.class).invoke(null, 5L, "dcrp");
                byte[] triple = "<http://a> <http://b> <http://c> .".getBytes(StandardCharsets.UTF_8);
                List<Runnable> uses = List.of(
                        call(fresh, Evaluation.class, "evaluateNothing", new Class<?>[] {settings}, limits),
                        call(fresh, Rdf.class, "parse", new Class<?>[] {String.class, byte[].class, format, settings},
                                "dcrp", triple, turtle, limits),
                        call(fresh, Sparql.class, "query", new Class<?>[] {String.class}, "SELECT ?s WHERE { ?s ?p ?o }"),
                        call(fresh, Terms.class, "decode", new Class<?>[] {String.class}, "<http://example.com/x>"),
                        call(fresh, Rdf.class, "emptyGraph", new Class<?>[0]));
                runAtOnce(uses, round);
            }
        }
    }

    private static void runAtOnce(List<Runnable> uses, int round) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Runnable use : uses) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    use.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "jena-first-use-" + threads.size());
            t.setDaemon(true); // a hung one must not keep the test JVM alive
            threads.add(t);
            t.start();
        }
        go.countDown();
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        StringBuilder hung = new StringBuilder();
        for (Thread t : threads) {
            if (t.isAlive()) {
                hung.append('\n').append(t.getName());
                for (StackTraceElement e : t.getStackTrace()) {
                    hung.append("\n    at ").append(e);
                }
            }
        }
        if (!hung.isEmpty()) {
            fail("round " + round + ": Jena's start hung:" + hung);
        }
        assertTrue(failures.isEmpty(), () -> "round " + round + ": " + failures);
    }

    private static Runnable call(ClassLoader loader, Class<?> type, String method, Class<?>[] parameters, Object... args)
            throws ReflectiveOperationException {
        Method m = loader.loadClass(type.getName()).getDeclaredMethod(method, parameters);
        m.setAccessible(true);
        return () -> {
            try {
                m.invoke(null, args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
            }
        };
    }

    private static URL[] classPath() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Set<String> jenaNames(Path p) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = JENA_NAME.matcher(Files.readString(p, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
