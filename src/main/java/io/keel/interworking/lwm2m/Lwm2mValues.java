package io.keel.interworking.lwm2m;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.ObjectLink;

/** LwM2M content as plain values by resource ID, what the mappings read; Leshan stays out of them. */
final class Lwm2mValues {
    private Lwm2mValues() {
    }

    /** The resources of an object instance; empty for any other node (a single resource, an object). */
    static Map<Integer, Object> of(LwM2mNode node) {
        Map<Integer, Object> values = new LinkedHashMap<>();
        if (node instanceof LwM2mObjectInstance instance) {
            instance.getResources().forEach((id, resource) -> values.put(id, value(resource)));
        }
        return values;
    }

    private static Object value(LwM2mResource resource) {
        if (!resource.isMultiInstances()) {
            return plain(resource.getValue());
        }
        List<Object> all = new ArrayList<>();
        for (LwM2mResourceInstance instance : resource.getInstances().values()) {
            all.add(plain(instance.getValue()));
        }
        return all;
    }

    /** Numbers, strings and booleans as they are; time as epoch seconds; anything else as its text. */
    private static Object plain(Object value) {
        if (value instanceof Number || value instanceof String || value instanceof Boolean || value == null) {
            return value instanceof Integer i ? Long.valueOf(i) : value;
        }
        if (value instanceof Date date) {
            return date.getTime() / 1000;
        }
        if (value instanceof ObjectLink link) {
            return link.getObjectId() + ":" + link.getObjectInstanceId();
        }
        if (value instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }
}
