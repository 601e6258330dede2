package io.keel.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Main-Class of {@code keel.war}, the only launcher class at the WAR's root. Jetty and the launcher proper travel
 * in META-INF/launcher, where app servers never look; this unpacks them and starts {@link JettyLauncher} with them.
 * It uses nothing but the JDK.
 */
public final class Bootstrap {
    private static final String LAUNCHER_DIR = "META-INF/launcher/";

    private Bootstrap() {
    }

    public static void main(String[] args) throws Exception {
        // One line format for all that logs: Keel, EclipseLink, and Jetty and json-path through SLF4J into
        // java.util.logging. A logging configuration of the operator's own takes precedence.
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
        Path war = Path.of(Bootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = Files.createTempDirectory("keel-launcher");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        List<URL> classpath = new ArrayList<>();
        // A directory URL must end in '/' to be searched for classes; toUri() adds it only once the directory exists.
        classpath.add(new URL(dir.resolve("classes").toUri() + "/"));
        try (JarFile jar = new JarFile(war.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.getName().startsWith(LAUNCHER_DIR) || e.isDirectory()) {
                    continue;
                }
                Path target = dir.resolve(e.getName().substring(LAUNCHER_DIR.length())).normalize();
                if (!target.startsWith(dir)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (target.toString().endsWith(".jar")) {
                    classpath.add(target.toUri().toURL());
                }
            }
        }
        ClassLoader loader = new URLClassLoader("keel-launcher", classpath.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method run = loader.loadClass("io.keel.launcher.JettyLauncher").getMethod("run", Path.class);
        run.invoke(null, war);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
