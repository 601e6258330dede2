package io.keel.primitive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole primitives as Content (TS-0004 7.5.2, table 8.2.2-2, 7.4.22.2.2, 7.5.1.2.7): {@code m2m:rqp} for a request
 * handed to a polling AE, {@code m2m:rsp} for the response it sends back. Short names as TS-0004 8.2 gives them.
 */
public final class PrimitiveMaps {
    private PrimitiveMaps() {
    }

    public static Map<String, Object> request(RequestPrimitive req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", req.operation.value());
        m.put("to", req.to);
        m.put("fr", req.from);
        m.put("rqi", req.requestIdentifier);
        if (req.resourceType != null) {
            m.put("ty", req.resourceType);
        }
        if (req.content != null) {
            m.put("pc", req.content);
        }
        if (req.originatingTimestamp != null) {
            m.put("ot", Timestamps.format(req.originatingTimestamp));
        }
        if (req.eventCategory != null) {
            m.put("ec", req.eventCategory);
        }
        if (req.releaseVersionIndicator != null) {
            m.put("rvi", req.releaseVersionIndicator);
        }
        return m;
    }

    /** A response primitive as {@code m2m:rsp} members: an operationResult (ors) or an asynchronous result. */
    public static Map<String, Object> response(ResponsePrimitive rsp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rsc", rsp.responseStatusCode.code());
        m.put("rqi", rsp.requestIdentifier);
        if (rsp.content != null) {
            m.put("pc", rsp.content);
        }
        if (rsp.to != null) {
            m.put("to", rsp.to);
        }
        if (rsp.from != null) {
            m.put("fr", rsp.from);
        }
        if (rsp.originatingTimestamp != null) {
            m.put("ot", Timestamps.format(rsp.originatingTimestamp));
        }
        if (rsp.contentStatus != null) {
            m.put("cnst", rsp.contentStatus.value());
        }
        if (rsp.releaseVersionIndicator != null) {
            m.put("rvi", rsp.releaseVersionIndicator);
        }
        return m;
    }

    /**
     * A response primitive from the members of {@code m2m:rsp}; an unknown or missing rsc → null, which the caller
     * treats as malformed.
     */
    public static ResponsePrimitive response(Map<?, ?> rsp) {
        Object rsc = rsp.get("rsc");
        Integer code = rsc instanceof Number n ? Integer.valueOf(n.intValue())
                : rsc instanceof String s && s.matches("[0-9]{4}") ? Integer.valueOf(s) : null;
        ResponseStatusCode status = code == null ? null : ResponseStatusCode.of(code);
        if (status == null) {
            return null;
        }
        ResponsePrimitive p = new ResponsePrimitive(status, rsp.get("pc"));
        p.requestIdentifier = rsp.get("rqi") instanceof String s ? s : null;
        p.from = rsp.get("fr") instanceof String s ? s : null;
        p.to = rsp.get("to") instanceof String s ? s : null;
        p.releaseVersionIndicator = rsp.get("rvi") instanceof String s ? s : null;
        return p;
    }
}
