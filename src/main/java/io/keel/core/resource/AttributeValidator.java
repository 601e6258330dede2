package io.keel.core.resource;

import io.keel.core.resource.AttributeDef.Presence;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the Content of a Create or Update against a type's declared attributes (TS-0004 7.3.3.3/7.3.3.4):
 * the root element, unknown attributes, attributes not permitted, mandatory ones missing, and value types.
 */
public final class AttributeValidator {
    private AttributeValidator() {
    }

    /** {@link #forCreate(ResourceType, Object, boolean, String)} for a request of the newest release. */
    public static Map<String, Object> forCreate(ResourceType type, Object content, boolean fromText) {
        return forCreate(type, content, fromText, null);
    }

    /**
     * @param release the release of the request: attributes introduced later are unknown to it
     * @return the normalized attributes of a Create; {@code cr} is present (with value null) when the originator
     * asked to be recorded as creator
     */
    public static Map<String, Object> forCreate(ResourceType type, Object content, boolean fromText, String release) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : body(type, content).entrySet()) {
            String sn = e.getKey();
            AttributeDef def = known(type, sn, release);
            Object v = e.getValue();
            if (sn.equals("cr")) {
                if (v != null) {
                    throw OneM2MException.badRequest("attribute cr may only be given as null: the CSE sets the creator");
                }
                out.put("cr", null);
                continue;
            }
            if (def.onCreate() == Presence.NOT_PERMITTED) {
                throw OneM2MException.badRequest("attribute " + sn + " is set by the CSE and may not be given on create");
            }
            if (v != null) {
                out.put(sn, def.type().normalize(sn, v, fromText));
            }
        }
        for (AttributeDef def : type.attributes().values()) {
            if (def.onCreate() == Presence.MANDATORY && def.knownTo(release) && out.get(def.sn()) == null) {
                throw OneM2MException.badRequest("attribute " + def.sn() + " is missing: " + type.rootElement() + " requires it");
            }
        }
        return out;
    }

    /** {@link #forUpdate(ResourceType, Object, boolean, String)} for a request of the newest release. */
    public static Map<String, Object> forUpdate(ResourceType type, Object content, boolean fromText) {
        return forUpdate(type, content, fromText, null);
    }

    /** @return the normalized attributes of an Update; a null value asks to delete that optional attribute */
    public static Map<String, Object> forUpdate(ResourceType type, Object content, boolean fromText, String release) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, ?> body = body(type, content);
        if (body.isEmpty()) {
            throw OneM2MException.badRequest("the update names no attribute");
        }
        for (Map.Entry<String, ?> e : body.entrySet()) {
            String sn = e.getKey();
            AttributeDef def = known(type, sn, release);
            if (def.onUpdate() == Presence.NOT_PERMITTED) {
                throw OneM2MException.badRequest("attribute " + sn + " cannot be updated");
            }
            Object v = e.getValue();
            if (v == null) {
                if (def.onCreate() == Presence.MANDATORY) {
                    throw OneM2MException.badRequest("attribute " + sn + " is mandatory and cannot be deleted");
                }
                out.put(sn, null);
            } else {
                out.put(sn, def.type().normalize(sn, v, fromText));
            }
        }
        return out;
    }

    private static AttributeDef known(ResourceType type, String sn, String release) {
        AttributeDef def = type.attribute(sn);
        if (def == null) {
            String longName = type.unsupportedAttributes().get(sn);
            if (longName != null) {
                // An optional attribute the CSE does not support: 5001 (TS-0004 7.3.3.3, 7.3.3.4); an unknown one is 4000.
                throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                        sn + " (" + longName + ") of " + type.rootElement() + " is not supported by this CSE");
            }
            throw OneM2MException.badRequest("unknown attribute " + sn + " for " + type.rootElement());
        }
        if (!def.knownTo(release)) {
            throw OneM2MException.badRequest("attribute " + sn + " of " + type.rootElement() + " was introduced in Release "
                    + def.introduced() + "; this is a Release " + release + " request");
        }
        return def;
    }

    /** The content must be exactly {@code {"m2m:<sn>": {...}}} for the type of the request. */
    private static Map<String, ?> body(ResourceType type, Object content) {
        if (!(content instanceof Map<?, ?> root) || root.size() != 1 || !root.containsKey(type.rootElement())) {
            throw OneM2MException.badRequest("the content must be a single " + type.rootElement() + " element");
        }
        Object inner = root.get(type.rootElement());
        if (inner == null) {
            return Map.of();
        }
        if (!(inner instanceof Map<?, ?> m)) {
            throw OneM2MException.badRequest(type.rootElement() + " must hold attributes");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> attrs = (Map<String, ?>) m;
        return attrs;
    }
}
