package io.keel.core.management;

import io.keel.core.resource.Resource;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The management adapters of the CSE: those found on the class path ({@code META-INF/services}, e.g. a test adapter in
 * a test deployment) and those a binding registers while it runs (the LwM2M bridge). The first that manages a node
 * carries its actions.
 */
public final class ManagementAdapters {
    private final List<ManagementAdapter> adapters = new CopyOnWriteArrayList<>();

    /** The adapters of the class path of this class's loader. */
    public static ManagementAdapters discover() {
        ManagementAdapters all = new ManagementAdapters();
        ServiceLoader.load(ManagementAdapter.class, ManagementAdapters.class.getClassLoader()).forEach(all::register);
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
