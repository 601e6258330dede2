package io.keel.launcher;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Main-Class of {@code keel.war}, the only launcher class at the WAR's root. Jetty and the launcher proper travel
 * in META-INF/launcher, where app servers never look; this unpacks the WAR ({@link UnpackedWar}) and starts
 * {@link JettyLauncher} with them. It uses nothing but the JDK.
 */
public final class Bootstrap {
    private static final String LAUNCHER_DIR = "META-INF/launcher";

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
        Path unpacked = UnpackedWar.open(war);
        Path launcher = unpacked.resolve(LAUNCHER_DIR);
        List<URL> classpath = new ArrayList<>();
        // A directory URL must end in '/' to be searched for classes.
        classpath.add(new URL(launcher.resolve("classes").toUri() + "/"));
        try (Stream<Path> jars = Files.list(launcher.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                classpath.add(jar.toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader("keel-launcher", classpath.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method run = loader.loadClass("io.keel.launcher.JettyLauncher").getMethod("run", Path.class);
        run.invoke(null, unpacked);
    }
}
