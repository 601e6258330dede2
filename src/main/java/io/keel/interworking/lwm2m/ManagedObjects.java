package io.keel.interworking.lwm2m;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bridge made in the CSE for each client: the endpoints with a node, the mgmtObjs by resourceID with the
 * object instance each stands for, and what it last wrote into them; forgotten when the client's node goes.
 */
final class ManagedObjects {
    private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
    /** mgmtObj resourceID → endpoint and LwM2M object instance path. */
    private final Map<String, String[]> mgmtObjs = new ConcurrentHashMap<>();
    /** endpoint + path of the object instances whose mgmtObjs exist. */
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    /** endpoint + mgmtObj resourceName → the update values last written. */
    private final Map<String, Map<String, Object>> written = new ConcurrentHashMap<>();

    void nodeCreated(String endpoint) {
        endpoints.add(endpoint);
    }

    boolean hasNode(String endpoint) {
        return endpoints.contains(endpoint);
    }

    void mgmtObjCreated(String ri, String endpoint, String path) {
        if (ri != null) {
            mgmtObjs.put(ri, new String[] {endpoint, path});
        }
    }

    /** The object instance path of a mgmtObj the bridge made, or null. */
    String path(String ri) {
        String[] entry = mgmtObjs.get(ri);
        return entry == null ? null : entry[1];
    }

    /** Whether this object instance of the client has its resources in the CSE already; marks it if not. */
    boolean firstSeen(String endpoint, String path) {
        return instances.add(endpoint + " " + path);
    }

    /**
     * Whether the values of a mgmtObj differ from those last written (always, the first time); remembers them. One
     * without values an Update could change (reboot) changes only at its creation.
     */
    boolean changed(String endpoint, MappedMgmtObj obj) {
        String key = endpoint + " " + obj.resourceName();
        boolean known = written.containsKey(key);
        if (known && (obj.update().isEmpty() || obj.update().equals(written.get(key)))) {
            return false;
        }
        written.put(key, obj.update());
        return true;
    }

    void forget(String endpoint) {
        endpoints.remove(endpoint);
        written.keySet().removeIf(k -> k.startsWith(endpoint + " "));
        mgmtObjs.values().removeIf(e -> e[0].equals(endpoint));
        instances.removeIf(i -> i.startsWith(endpoint + " "));
    }
}
