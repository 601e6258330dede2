package io.keel.core.resource;

import io.keel.primitive.RequestPrimitive;
import java.util.Map;

/**
 * What a type's {@link ResourceType#beforeTransaction} hook sees of a Create or Update whose access is decided and
 * attributes checked, before its write transaction.
 *
 * @param resource for a Create, the new resource as requested (its resource ID already chosen); for an Update, the
 *                 resource as it is
 * @param given    the attributes the request sets, by short name
 * @param parent   the resource's parent as read before the transaction (for a Create, the one it is created under)
 * @param targets  notification targets to verify
 * @param remote    resources of other CSEs, to retrieve
 * @param retrieved what the hook retrieved of other CSEs' resources, by ID, for the hooks inside the transaction
 *                  ({@link References#retrieved})
 */
public record PendingWrite(RequestPrimitive request, Resource resource, Map<String, Object> given, Resource parent,
                           NotificationTargets targets, RemoteResources remote, Map<String, RemoteResources.Retrieved> retrieved) {
}
