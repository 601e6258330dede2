package io.keel.interworking.lwm2m;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Objects whose values are data rather than management (the IPSO Smart Objects and the other registered objects from
 * 3200 on: Temperature 3303, Humidity 3304, …) become a {@code <container>} per object instance under the bridge's IPE
 * AE, each value the client reports a {@code <contentInstance>} (TS-0014 transparent interworking, as decided in the
 * README).
 */
public final class SensorMapping {
    /** The first object ID of the IPSO Alliance range of the OMA LwM2M registry. */
    public static final int FIRST_SENSOR_OBJECT = 3200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SensorMapping() {
    }

    public static boolean isSensorObject(int objectId) {
        return objectId >= FIRST_SENSOR_OBJECT;
    }

    /** The container of one object instance: {@code 3303-0}. */
    public static String containerName(int objectId, int instanceId) {
        return objectId + "-" + instanceId;
    }

    /** A contentInstance's content: the instance's resources as a JSON object keyed by resource ID, in ID order. */
    public static String content(Map<Integer, Object> values) {
        Map<String, Object> byId = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        values.forEach((id, value) -> byId.put(String.valueOf(id), value));
        try {
            return JSON.writeValueAsString(byId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialize", e);
        }
    }
}
