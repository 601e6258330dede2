package io.keel.core.trigger;

import io.keel.core.resource.NotificationTargets;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trigger payload (m2m:tgp, TS-0004 9.2.1, short names of table 8.2.6-1), checked against table 9.2.1-1: which
 * fields each triggerPurpose (tpe) requires, allows or excludes, and each field's data type. A bad payload is 4000
 * naming the field.
 */
public final class TriggerPayload {
    /** m2m:triggerPurpose (TS-0004 6.3.4.2.49). */
    public static final long ESTABLISH_CONNECTION = 1;
    public static final long REGISTRATION_REQUEST = 2;
    public static final long EXECUTE_CRUD = 3;
    public static final long ENROLMENT_REQUEST = 4;
    private static final Set<String> FIELDS = Set.of("tpe", "tia", "tipa", "tio", "tirt", "tiae", "tist");
    private static final Set<String> SERIALIZATIONS = Set.of("xml", "json", "cbor");

    private TriggerPayload() {
    }

    /**
     * The payload normalized (numbers as longs), or {@code {tpe: 1}} for a trigger without payload (TS-0004 table
     * 9.2.1-1: establishConnection by default).
     *
     * @param payload the m2m:tgp object, or null when the trigger has none
     */
    public static Map<String, Object> of(Object payload) {
        if (payload == null) {
            return Map.of("tpe", ESTABLISH_CONNECTION);
        }
        if (!(payload instanceof Map<?, ?> tgp)) {
            throw OneM2MException.badRequest("m2m:tgp must be an object");
        }
        for (Object field : tgp.keySet()) {
            if (!FIELDS.contains(String.valueOf(field))) {
                throw OneM2MException.badRequest("m2m:tgp has no field " + field + " (TS-0004 table 8.2.6-1: tpe, tia, tipa,"
                        + " tio, tirt, tiae, tist)");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (tgp.get("tpe") == null) {
            throw OneM2MException.badRequest("tpe (triggerPurpose) is mandatory in a trigger payload");
        }
        long tpe = number(tgp.get("tpe"), "tpe", "a triggerPurpose: 1 (establishConnection), 2 (registrationRequest),"
                + " 3 (executeCRUD) or 4 (enrolmentRequest)", 1, 4);
        out.put("tpe", tpe);
        boolean crud = tpe == EXECUTE_CRUD;
        if (tgp.get("tia") != null) {
            out.put("tia", address(tgp.get("tia"), tpe));
        } else if (crud || tpe == ENROLMENT_REQUEST) {
            throw OneM2MException.badRequest("tia (triggerInfoAddress) is mandatory for triggerPurpose " + tpe);
        }
        if (tgp.get("tipa") != null) {
            out.put("tipa", pointsOfAccess(tgp.get("tipa")));
        } else if (out.containsKey("tia")) {
            // TS-0004 table 9.2.1-1: with triggerInfoAddress the originator gives at least one pointOfAccess.
            throw OneM2MException.badRequest("tipa (triggerInfoPoA) must accompany tia (triggerInfoAddress)");
        }
        for (String field : List.of("tio", "tirt", "tiae")) {
            if (tgp.get(field) != null && !crud) {
                throw OneM2MException.badRequest(field + " is not permitted for triggerPurpose " + tpe + ", only for 3 (executeCRUD)");
            }
        }
        if (crud) {
            if (tgp.get("tio") == null) {
                throw OneM2MException.badRequest("tio (triggerInfoOperation) is mandatory for executeCRUD");
            }
            if (tgp.get("tirt") == null) {
                throw OneM2MException.badRequest("tirt (triggerInfoResourceType) is mandatory for executeCRUD");
            }
            out.put("tio", number(tgp.get("tio"), "tio", "an operation 1-5 (TS-0004 6.3.4.2.5)", 1, 5));
            long tirt = number(tgp.get("tirt"), "tirt", "a resourceType of TS-0004 6.3.4.2.1", 1, Long.MAX_VALUE);
            if (!ResourceTypes.isDefined((int) Math.min(tirt, Integer.MAX_VALUE))) {
                throw OneM2MException.badRequest("tirt " + tirt + " is no resourceType of TS-0004 6.3.4.2.1");
            }
            out.put("tirt", tirt);
            if (tgp.get("tiae") != null) {
                out.put("tiae", id(tgp.get("tiae"), "tiae"));
            }
        }
        if (tgp.get("tist") != null) {
            out.put("tist", serializations(tgp.get("tist")));
        }
        return out;
    }

    private static long number(Object v, String field, String expected, long min, long max) {
        long n;
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.matches("\\d{1,18}")) {
            n = Long.parseLong(s);
        } else {
            throw OneM2MException.badRequest(field + " must be " + expected + ", not " + v);
        }
        if (n < min || n > max) {
            throw OneM2MException.badRequest(field + " must be " + expected + ", not " + n);
        }
        return n;
    }

    private static String id(Object v, String field) {
        if (!(v instanceof String s) || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            throw OneM2MException.badRequest(field + " must be an ID: a non-empty string without white space");
        }
        return s;
    }

    /**
     * triggerInfoAddress: an unstructured CSE-relative resource ID for purposes 1–3, the absolute URI of a MEFBase
     * for enrolment (4).
     */
    private static String address(Object v, long tpe) {
        String s = id(v, "tia");
        if (tpe == ENROLMENT_REQUEST && !s.startsWith("//")) {
            throw OneM2MException.badRequest("tia of an enrolmentRequest must be the absolute URI (//SP-ID/...) of a MEFBase");
        }
        if (tpe != ENROLMENT_REQUEST && s.contains("/")) {
            throw OneM2MException.badRequest("tia must be an unstructured CSE-relative resource ID (no '/'), not " + s);
        }
        return s;
    }

    private static List<String> pointsOfAccess(Object v) {
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw OneM2MException.badRequest("tipa must list at least one pointOfAccess");
        }
        for (Object poa : l) {
            if (!(poa instanceof String s) || !NotificationTargets.isUrl(s) || s.chars().anyMatch(Character::isWhitespace)) {
                throw OneM2MException.badRequest("tipa holds " + poa + ", which is no pointOfAccess (<protocol>://<address>...)");
            }
        }
        return l.stream().map(String.class::cast).toList();
    }

    private static List<String> serializations(Object v) {
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw OneM2MException.badRequest("tist must list at least one serialization");
        }
        for (Object s : l) {
            if (!SERIALIZATIONS.contains(s)) {
                throw OneM2MException.badRequest("tist holds " + s + ": the serializations are xml, json and cbor");
            }
        }
        return l.stream().map(String.class::cast).toList();
    }
}
