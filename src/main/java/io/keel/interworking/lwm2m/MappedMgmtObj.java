package io.keel.interworking.lwm2m;

import java.util.Map;

/**
 * One {@code <mgmtObj>} specialization as an LwM2M object instance maps to it (TS-0004 Annex D).
 *
 * @param resourceName the name it has under the node: one per specialization and object instance, so that a client
 *                     that registers again finds and updates it instead of getting a second one
 * @param typeName     its short resource type name ({@code m2m:dvi}, …)
 * @param path         the LwM2M object instance it stands for ({@code /3/0}), its objectPaths entry
 * @param create       what a Create carries: the mandatory attributes, with what the client told of them
 * @param update       what an Update carries when the client reports new values: only attributes the specialization
 *                     lets an Update change (manufacturer, model, hardware version are NP there)
 */
public record MappedMgmtObj(String resourceName, String typeName, String path, Map<String, Object> create,
                            Map<String, Object> update) {
    public MappedMgmtObj {
        create = Map.copyOf(create);
        update = Map.copyOf(update);
    }
}
