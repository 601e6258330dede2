package io.keel.core;

import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import java.util.Locale;
import java.util.Map;

/**
 * What the core tells about each request it answered, for metrics. Only values from small fixed sets — never a
 * resource ID or an originator — so that every combination can be its own time series.
 *
 * @param binding      the binding the request came through (http, ws, mqtt, coap), or internal for the CSE's own
 * @param operation    create, retrieve, update, delete, notify or discovery
 * @param resourceType the ty of the created resource, or of the resource the answer represents; null when unknown
 * @param rsc          the response status code
 * @param nanos        from the dispatcher taking the request to its response being ready
 */
public record RequestOutcome(String binding, String operation, Integer resourceType, int rsc, long nanos) {
    public static final String INTERNAL = "internal";
    public static final String DISCOVERY = "discovery";

    static RequestOutcome of(RequestPrimitive req, ResponsePrimitive rsp, long nanos, TypeRegistry types) {
        return new RequestOutcome(req.binding == null ? INTERNAL : req.binding, operation(req), resourceType(req, rsp, types), rsp.responseStatusCode.code(), nanos);
    }

    private static String operation(RequestPrimitive req) {
        if (req.operation == null) {
            return "none";
        }
        return req.operation == Operation.RETRIEVE && req.isDiscovery() ? DISCOVERY : req.operation.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A create names its type; otherwise the answer shows it when its content is one resource ({@code m2m:cnt}).
     * Only types this CSE implements count: a client could send any ty.
     */
    private static Integer resourceType(RequestPrimitive req, ResponsePrimitive rsp, TypeRegistry types) {
        if (req.operation == Operation.CREATE) {
            return req.resourceType != null && types.get(req.resourceType) != null ? req.resourceType : null;
        }
        if (rsp.content instanceof Map<?, ?> m && m.size() == 1 && m.keySet().iterator().next() instanceof String root) {
            ResourceType type = types.byRootElement(root);
            return type == null ? null : type.ty();
        }
        return null;
    }
}
