package io.keel.core.management;

import java.util.Map;

/**
 * One action handed to a {@link ManagementAdapter}.
 *
 * @param nodeId    the nodeID ({@code ni}) of the node whose device is to act
 * @param targetRi  the resourceID of the mgmtObj whose action attribute was triggered, or of the execInstance of a
 *                  mgmtCmd execution
 * @param mgd       the mgmtDefinition of that mgmtObj (TS-0004 table 6.3.4.2.9-1), or null for a mgmtCmd execution
 * @param action    the short name of the triggered action attribute ({@code ud}, {@code rbo}, {@code far}, {@code in},
 *                  {@code un}, {@code act}, {@code dea}, …), or {@code exe} for a mgmtCmd execution
 * @param arguments the target's attributes the action reads (a firmware's {@code url}, {@code vr}; a mgmtCmd's
 *                  {@code cmt} and {@code exra}), by short name
 */
public record ManagementAction(String nodeId, String targetRi, Integer mgd, String action, Map<String, Object> arguments) {
    public ManagementAction {
        arguments = Map.copyOf(arguments);
    }
}
