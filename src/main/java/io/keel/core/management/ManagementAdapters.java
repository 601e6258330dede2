package io.keel.core.management;

import io.keel.core.resource.Resource;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The management adapters of the CSE: those found on the class path ({@code META-INF/services}, e.g. a test adapter in
 * a test deployment) and those a binding registers while it runs (the LwM2M bridge). The first that manages a node
 * carries its actions.
 */
public final class ManagementAdapters {
    private final List<ManagementAdapter> adapters = new CopyOnWriteArrayList<>();

    /**
     * The adapters of the class path: that of this class's loader and, when Keel's classes come from a parent of the web
     * application's loader (a servlet container that loads them first), that of the thread's context loader, which
     * at start is the web application's. Each adapter class once.
     */
    public static ManagementAdapters discover() {
        ManagementAdapters all = new ManagementAdapters();
        Set<Class<?>> found = new HashSet<>();
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        loaders.add(ManagementAdapters.class.getClassLoader());
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        for (ClassLoader loader : loaders) {
            ServiceLoader.load(ManagementAdapter.class, loader).stream()
                    .filter(provider -> found.add(provider.type()))
                    .forEach(provider -> all.register(provider.get()));
        }
        return all;
    }

    public void register(ManagementAdapter adapter) {
        adapters.add(adapter);
    }

    public void unregister(ManagementAdapter adapter) {
        adapters.remove(adapter);
    }

    /** The adapter that manages the node's device; empty when none does. */
    public Optional<ManagementAdapter> forNode(Resource node) {
        return adapters.stream().filter(a -> a.manages(node)).findFirst();
    }
}
