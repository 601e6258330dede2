package io.keel.interworking.lwm2m;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Operations;
import org.eclipse.leshan.core.model.ResourceModel.Type;

/**
 * The LwM2M object models the bridge decodes clients' values with: those Leshan ships (the core objects 0–7), the
 * Software Management object 9, the IPSO sensors, which share one set of resources, and the DDF files of the folder
 * {@code keel.lwm2m.models}. A client's object without a model is not decoded: its values are logged once and left out.
 */
public final class Lwm2mModels {
    /** IPSO sensor objects (OMA LwM2M registry) by ID, with the generic sensor resources. */
    private static final Map<Integer, String> SENSORS = Map.ofEntries(Map.entry(3300, "Generic Sensor"),
            Map.entry(3301, "Illuminance"), Map.entry(3303, "Temperature"), Map.entry(3304, "Humidity"),
            Map.entry(3315, "Barometer"), Map.entry(3316, "Voltage"), Map.entry(3317, "Current"),
            Map.entry(3323, "Pressure"), Map.entry(3324, "Loudness"), Map.entry(3325, "Concentration"),
            Map.entry(3326, "Acidity"), Map.entry(3328, "Power"), Map.entry(3330, "Distance"));

    private Lwm2mModels() {
    }

    /** Every model, with those of {@code folder} (null: none); a model of a folder replaces a built-in one. */
    public static List<ObjectModel> all(String folder) {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
        models.addAll(builtIn());
        if (folder != null && !folder.isBlank()) {
            List<ObjectModel> extra = ObjectLoader.loadObjectsFromDir(new File(folder));
            models.removeIf(m -> extra.stream().anyMatch(e -> e.id.equals(m.id) && e.version.equals(m.version)));
            models.addAll(extra);
        }
        return models;
    }

    /** The models Keel adds to Leshan's: Software Management and the IPSO sensors. */
    public static List<ObjectModel> builtIn() {
        List<ObjectModel> models = new ArrayList<>();
        models.add(softwareManagement());
        SENSORS.forEach((id, name) -> models.add(sensor(id, name)));
        return models;
    }

    /** LwM2M Software Management, object 9 version 1.0. */
    static ObjectModel softwareManagement() {
        return new ObjectModel(9, "LWM2M Software Management", "", "1.0", true, false,
                resource(0, "PkgName", Operations.R, Type.STRING, true),
                resource(1, "PkgVersion", Operations.R, Type.STRING, true),
                resource(2, "Package", Operations.W, Type.OPAQUE, false),
                resource(3, "Package URI", Operations.W, Type.STRING, false),
                resource(4, "Install", Operations.E, Type.NONE, true),
                resource(5, "Checkpoint", Operations.R, Type.OBJLNK, false),
                resource(6, "Uninstall", Operations.E, Type.NONE, true),
                resource(7, "Update State", Operations.R, Type.INTEGER, true),
                resource(8, "Update Supported Objects", Operations.RW, Type.BOOLEAN, false),
                resource(9, "Update Result", Operations.R, Type.INTEGER, true),
                resource(10, "Activate", Operations.E, Type.NONE, true),
                resource(11, "Deactivate", Operations.E, Type.NONE, true),
                resource(12, "Activation State", Operations.R, Type.BOOLEAN, true),
                resource(13, "Package Settings", Operations.RW, Type.OBJLNK, false),
                resource(14, "User Name", Operations.W, Type.STRING, false),
                resource(15, "Password", Operations.W, Type.STRING, false));
    }

    /** An IPSO sensor: value, units, measured and range limits, their reset, application type. */
    static ObjectModel sensor(int id, String name) {
        return new ObjectModel(id, name, "", "1.0", true, false,
                resource(5700, "Sensor Value", Operations.R, Type.FLOAT, true),
                resource(5701, "Sensor Units", Operations.R, Type.STRING, false),
                resource(5601, "Min Measured Value", Operations.R, Type.FLOAT, false),
                resource(5602, "Max Measured Value", Operations.R, Type.FLOAT, false),
                resource(5603, "Min Range Value", Operations.R, Type.FLOAT, false),
                resource(5604, "Max Range Value", Operations.R, Type.FLOAT, false),
                resource(5605, "Reset Min and Max Measured Values", Operations.E, Type.NONE, false),
                resource(5750, "Application Type", Operations.RW, Type.STRING, false));
    }

    private static ResourceModel resource(int id, String name, Operations operations, Type type, boolean mandatory) {
        return new ResourceModel(id, name, operations, false, mandatory, type, "", "", "");
    }
}
