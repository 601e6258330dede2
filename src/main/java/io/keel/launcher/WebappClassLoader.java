package io.keel.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The webapp's class loader when the executable WAR serves itself: WEB-INF/classes and WEB-INF/lib first, as the
 * Servlet specification has it, then the launcher's (Jetty, the Servlet and WebSocket APIs). It takes the place of
 * Jetty's WebAppClassLoader, whose hidden- and protected-class checks rebuild pattern sets on every class loaded (a
 * fifth of the start-up CPU in a JFR profile). Launcher and webapp come from one build, so there is nothing to hide
 * from the webapp; the APIs container and webapp share always come from the launcher.
 */
final class WebappClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private WebappClassLoader(URL[] urls, ClassLoader launcher) {
        super("keel-webapp", urls, launcher);
    }

    static WebappClassLoader of(Path webapp, ClassLoader launcher) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(new URL(webapp.resolve("WEB-INF/classes").toUri() + "/"));
            Path lib = webapp.resolve("WEB-INF/lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WebappClassLoader(urls.toArray(new URL[0]), launcher);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (sharedWithContainer(name)) {
            return super.loadClass(name, resolve); // parent first
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notInWebapp) {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    private static boolean sharedWithContainer(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.servlet.")
                || name.startsWith("jakarta.websocket.") || name.startsWith("org.eclipse.jetty.ee10.websocket.");
    }
}
