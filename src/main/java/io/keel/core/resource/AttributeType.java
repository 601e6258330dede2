package io.keel.core.resource;

import io.keel.core.Identifiers;
import io.keel.core.access.SetOfAcrs;
import io.keel.core.access.token.TokenPermissions;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.Timestamps;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value types attributes are declared with, one per data type of TS-0004 6.3 (XML Schema built-ins 6.3.2, oneM2M
 * simple types 6.3.3, enumerations 6.3.4, complex types 6.3.5). {@link #normalize} checks a value from a request
 * against what the XML Schema type allows and returns it in the one form the core stores. JSON and CBOR carry numbers
 * as numbers and booleans as booleans; XML gives every scalar as text, which is read by the type's lexical rules
 * ({@code fromText}), white space collapsed for every type but xs:string.
 */
public enum AttributeType {
    /** xs:string: any text. */
    STRING {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s) {
                return s;
            }
            throw wrongType(sn, "a string");
        }
    },
    /**
     * App-ID: an xs:string (TS-0004 table 7.4.5.1-3) in the form of TS-0001 table 7.2-1, starting with R (or r) for a
     * registered one, N for a non-registered one.
     */
    APP_ID {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s && !s.isEmpty() && "RrN".indexOf(s.charAt(0)) >= 0) {
                return s;
            }
            throw wrongType(sn, "an App-ID: a string starting with 'R' or 'r' (registered) or 'N' (non-registered)");
        }
    },
    /** m2m:resourceName (TS-0004 table 6.3.3-1): (ALPHA / DIGIT) *(ALPHA / DIGIT / "-" / "." / "_"). */
    RESOURCE_NAME {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            String s = text(v, fromText);
            if (Identifiers.isResourceName(s)) {
                return s;
            }
            throw OneM2MException.badRequest("attribute " + sn + " must be a resourceName: a letter or digit, then letters,"
                    + " digits, '-', '.' or '_', at most 255 characters, not " + quoted(v));
        }
    },
    /** m2m:ID (TS-0004 table 6.3.3-1): a non-empty identifier without white space. */
    ID {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return uri(sn, v, fromText, false, "an ID");
        }
    },
    /** m2m:nhURI (parentID): an xs:anyURI that is empty for the CSEBase (TS-0004 table 6.3.6-1). */
    NH_URI {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return uri(sn, v, fromText, true, "a URI");
        }
    },
    /** xs:anyURI: a URI reference, without white space; Keel refuses the empty one, which XML cannot tell from none. */
    ANY_URI {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return uri(sn, v, fromText, false, "a URI");
        }
    },
    /** m2m:externalID (TS-0004 table 6.3.3-1; 3GPP TS 23.003): {@code <local identifier>@<domain identifier>}. */
    EXTERNAL_ID {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            String s = text(v, fromText);
            if (s != null && EXTERNAL_ID_SYNTAX.matcher(s).matches()) {
                return s;
            }
            throw wrongType(sn, "an external ID <local identifier>@<domain>, without white space");
        }
    },
    /** xs:nonNegativeInteger. */
    NON_NEGATIVE_INTEGER {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return bounded(sn, v, fromText, 0, Long.MAX_VALUE, "an xs:nonNegativeInteger (0 or more)");
        }
    },
    /** xs:positiveInteger. */
    POSITIVE_INTEGER {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return bounded(sn, v, fromText, 1, Long.MAX_VALUE, "an xs:positiveInteger (1 or more)");
        }
    },
    /** xs:integer (custom attributes of flexContainer specializations): any whole number Keel can hold (64 bits). */
    INTEGER {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return integer(sn, v, fromText);
        }
    },
    /**
     * xs:float and xs:double (custom attributes of flexContainer specializations): a JSON/CBOR number, or XML text in
     * the lexical form of xs:double (INF, -INF and NaN included); stored as a double.
     */
    FLOAT {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            String s = text(v, fromText);
            if (fromText && s != null) {
                switch (s) {
                    case "INF", "+INF" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-INF" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    case "NaN" -> {
                        return Double.NaN;
                    }
                    default -> {
                        if (XS_DECIMAL_OR_EXPONENT.matcher(s).matches()) {
                            return Double.parseDouble(s);
                        }
                    }
                }
            }
            throw wrongType(sn, "a number (xs:float)");
        }
    },
    /** xs:unsignedInt. */
    UNSIGNED_INT {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return bounded(sn, v, fromText, 0, 4_294_967_295L, "an xs:unsignedInt (0-4294967295)");
        }
    },
    /** m2m:triggerRecipientID (TS-0004 table 6.3.3-1): a port number. */
    TRIGGER_RECIPIENT_ID {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return bounded(sn, v, fromText, 0, 65_535, "a port number (0-65535)");
        }
    },
    /** xs:boolean: true or false; XML text also 1 or 0. */
    BOOLEAN {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return bool(sn, v, fromText);
        }
    },
    /** m2m:timestamp (TS-0004 6.3.3): {@code YYYYMMDDThhmmss}, optionally {@code ,} and one to six fraction digits. */
    TIMESTAMP {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            String s = text(v, fromText);
            if (s == null || !TIMESTAMP_SYNTAX.matcher(s).matches()) {
                throw OneM2MException.badRequest("attribute " + sn + " must be an m2m:timestamp YYYYMMDDThhmmss[,ffffff]"
                        + " (UTC, no zone), not " + quoted(v));
            }
            return Timestamps.parse(s, "attribute " + sn);
        }
    },
    /**
     * m2m:contentInfo (TS-0004 table 6.3.3-1): a media type, then an m2m:encodingType (6.3.4.2.28: 0–2), then
     * optionally an m2m:contentSecurity (6.3.4.2.38: 0–5), separated by ':'.
     */
    CONTENT_INFO {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            String s = text(v, fromText);
            if (s != null && CONTENT_INFO_SYNTAX.matcher(s).matches()) {
                return s;
            }
            throw OneM2MException.badRequest("attribute " + sn + " must be <type>/<subtype>:<encoding 0-2>[:<security 0-5>]"
                    + " (the encoding is mandatory), not " + quoted(v));
        }
    },
    /**
     * xs:duration that may be zero (a mgmtCmd's execDelay and execFrequency, TS-0004 table 7.4.16.1-3): its lexical form
     * ({@code PT30S}), kept as the equivalent Java duration text.
     */
    DURATION {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return ComplexValues.nonNegativeDuration(sn, v, fromText).toString();
        }
    },
    /** m2m:execModeType (TS-0004 6.3.4.2.14): 1 IMMEDIATEONCE, 2 IMMEDIATEREPEAT, 3 RANDOMONCE, 4 RANDOMREPEAT. */
    EXEC_MODE(n -> n >= 1 && n <= 4,
            "an execModeType: 1 (IMMEDIATEONCE), 2 (IMMEDIATEREPEAT), 3 (RANDOMONCE) or 4 (RANDOMREPEAT)"),
    /** m2m:resourceType (TS-0004 6.3.4.2.1). */
    RESOURCE_TYPE(AttributeType::isResourceType, "a resourceType of TS-0004 6.3.4.2.1"),
    /** m2m:cseTypeID (TS-0004 6.3.4.2.2): 1 IN, 2 MN, 3 ASN. */
    CSE_TYPE(n -> n >= 1 && n <= 3, "a cseTypeID: 1 (IN), 2 (MN) or 3 (ASN)"),
    /** m2m:operation (TS-0004 6.3.4.2.5): 1-5. */
    OPERATION(n -> n >= 1 && n <= 5, "an operation 1-5"),
    /** m2m:requestStatus (TS-0004 6.3.4.2.10): 1-5. */
    REQUEST_STATUS(n -> n >= 1 && n <= 5, "a requestStatus 1-5"),
    /** m2m:memberType (TS-0004 6.3.4.2.11): 0 (mixed), a resource type of its table, 20001-20003 (oldest, latest, mashup). */
    MEMBER_TYPE(AttributeType::isMemberType,
            "a memberType: 0 (mixed), a resource type of TS-0004 6.3.4.2.11 or 20001-20003"),
    /** m2m:consistencyStrategy (TS-0004 6.3.4.2.12): 1-3. */
    CONSISTENCY_STRATEGY(n -> n >= 1 && n <= 3,
            "a consistencyStrategy: 1 (abandon member), 2 (abandon group) or 3 (set mixed)"),
    /** m2m:pendingNotification (TS-0004 6.3.4.2.17): 1 sendLatest, 2 sendAllPending. */
    PENDING_NOTIFICATION(n -> n == 1 || n == 2, "a pendingNotification: 1 (sendLatest) or 2 (sendAllPending)"),
    /** m2m:notificationContentType (TS-0004 6.3.4.2.18): 1-5. */
    NOTIFICATION_CONTENT_TYPE(n -> n >= 1 && n <= 5, "a notificationContentType 1-5"),
    /** m2m:eventCat (TS-0004 table 6.3.3-1): a stdEventCat (6.3.4.2.4: 2, 3, 4) or a user category 100-999. */
    EVENT_CAT(n -> (n >= 2 && n <= 4) || (n >= 100 && n <= 999), "an eventCat: 2, 3, 4 or 100-999"),
    /** m2m:mgmtDefinition (TS-0004 6.3.4.2.22): 0 (self-defined) or 1001-1026. */
    MGMT_DEFINITION(n -> n == 0 || (n >= 1001 && n <= 1026), "a mgmtDefinition: 0 or 1001-1026"),
    /** m2m:batteryStatus (TS-0004 6.3.4.2.21): 1-7. */
    BATTERY_STATUS(n -> n >= 1 && n <= 7, "a batteryStatus 1-7"),
    /** m2m:logTypeId (TS-0004 6.3.4.2.23): 1-5. */
    LOG_TYPE_ID(n -> n >= 1 && n <= 5, "a logTypeId 1-5"),
    /** m2m:logStatus (TS-0004 6.3.4.2.24): 1-5. */
    LOG_STATUS(n -> n >= 1 && n <= 5, "a logStatus 1-5"),
    /** xs:long (the CMDH default times, TS-0004 D.12.5): a 64-bit integer, -1 meaning infinity there. */
    LONG {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return integer(sn, v, fromText);
        }
    },
    /** "list of m2m:eventCat" (TS-0004 D.12.6 limitsEventCategory): at least one. */
    LIST_OF_EVENT_CAT {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<Object> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                out.add(EVENT_CAT.normalizeScalar(sn, item, fromText));
            }
            return out;
        }
    },
    /** m2m:listOfEventCatWithDef (TS-0004 table 6.3.3-1): at least one eventCat or 0 (default). */
    LIST_OF_EVENT_CAT_WITH_DEF {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<Object> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                out.add(enumerated(sn, item, fromText, n -> n == 0 || (n >= 2 && n <= 4) || (n >= 100 && n <= 999),
                        "a list of eventCatWithDef: 0, 2, 3, 4 or 100-999"));
            }
            return out;
        }
    },
    /** m2m:listOfMinMax (TS-0004 table 6.3.3-1): two xs:long, min and max, -1 for infinity. */
    LIST_OF_MIN_MAX {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<?> l = list(sn, v, fromText, true);
            if (l.size() != 2) {
                throw wrongType(sn, "a listOfMinMax: two integers, min and max");
            }
            return List.of(integer(sn, l.get(0), fromText), integer(sn, l.get(1), fromText));
        }
    },
    /**
     * A list of xs:duration that may be zero (a locationPolicy's locationUpdatePeriod, TS-0004 table 7.4.10.1-3), each
     * kept as the equivalent Java duration text.
     */
    LIST_OF_DURATIONS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<Object> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                out.add(ComplexValues.nonNegativeDuration("attribute " + sn, item, fromText).toString());
            }
            return out;
        }
    },
    /** m2m:locationSource (TS-0004 6.3.4.2.3): 1 Network_based, 2 Device_based, 3 Sharing_based. */
    LOCATION_SOURCE(n -> n >= 1 && n <= 3,
            "a locationSource: 1 (Network_based), 2 (Device_based) or 3 (Sharing_based)"),
    /** m2m:locationInformationType (TS-0004 6.3.4.2.46): 1 Position fix, 2 Geofence event. */
    LOCATION_INFORMATION_TYPE(n -> n == 1 || n == 2, "a locationInformationType: 1 (Position fix) or 2 (Geofence event)"),
    /** m2m:geofenceEventCriteria (TS-0004 6.3.4.2.47): 1 Entering, 2 Leaving, 3 Inside, 4 Outside. */
    GEOFENCE_EVENT_CRITERIA(n -> n >= 1 && n <= 4,
            "a geofenceEventCriteria: 1 (Entering), 2 (Leaving), 3 (Inside) or 4 (Outside)"),
    /** m2m:locationUpdateEventCriteria (TS-0004 6.3.4.2.56): 0 Location_Change. */
    LOCATION_UPDATE_EVENT_CRITERIA(n -> n == 0, "a locationUpdateEventCriteria: 0 (Location_Change)"),
    /** "restricted list of xs:boolean" (TS-0004 D.12.6 limitsDelAggregation): false, true or both. */
    LIST_OF_BOOLEANS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<Object> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                out.add(bool(sn, item, fromText));
            }
            return out;
        }
    },
    /** m2m:actionStatus {acn, sus} (TS-0004 6.3.5.14), normalized by {@link ComplexValues#actionStatus}. */
    ACTION_STATUS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.actionStatus(sn, object(sn, v), fromText);
        }
    },
    /** m2m:backOffParameters (TS-0004 6.3.5.54), normalized by {@link ComplexValues#backOffParameters}. */
    BACK_OFF_PARAMETERS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.backOffParameters(sn, object(sn, v), fromText);
        }
    },
    /**
     * labels: m2m:labels (TS-0004 table 6.3.3-1), a list of at least one xs:token, which may hold single spaces inside
     * ({@code "To be deleted"}) but no leading, trailing or repeated spaces and no other white space. In XML the list
     * is separated by white space, so an XML label has none.
     */
    LABELS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                if (!(item instanceof String s) || !XS_TOKEN.matcher(s).matches()) {
                    throw OneM2MException.badRequest("attribute " + sn + " holds " + quoted(item)
                            + ", which is no label: a non-empty xs:token, single spaces between its words only");
                }
                out.add(s);
            }
            return out;
        }
    },
    /** m2m:acpType (accessControlPolicyIDs, TS-0004 table 6.3.3-1) and m2m:listOfURIs: at least one xs:anyURI. */
    LIST_OF_URIS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return uris(sn, v, fromText, true);
        }
    },
    /** "list of xs:anyURI" (nu, mid): may be empty. */
    LIST_OF_ANY_URI {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return uris(sn, v, fromText, false);
        }
    },
    /**
     * m2m:poaList (TS-0004 table 6.3.3-1): at least one m2m:pointOfAccess, a URI with the transport protocol, the IP
     * address or the FQDN in lower case, optionally a port and a path, without white space.
     */
    POA_LIST {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                if (!(item instanceof String s) || !isPointOfAccess(s)) {
                    throw OneM2MException.badRequest("attribute " + sn + " holds " + quoted(item) + ", which is no point of access:"
                            + " <protocol>://<IP address or lower-case FQDN>[:port][/path], e.g. http://10.0.0.1:8080/notify");
                }
                out.add(s);
            }
            return out;
        }
    },
    /** m2m:serializations (TS-0004 table 6.3.3-1): at least one of xml, json, cbor. */
    SERIALIZATIONS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, true)) {
                if (!(item instanceof String s) || !SERIALIZATION_NAMES.contains(s)) {
                    throw OneM2MException.badRequest("attribute " + sn + " holds " + quoted(item) + ": the serializations are xml, json and cbor");
                }
                out.add(s);
            }
            return out;
        }
    },
    /** "list of m2m:resourceType" (supportedResourceType). */
    RESOURCE_TYPE_LIST {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return resourceTypes(sn, v, fromText);
        }
    },
    LIST_OF_RELEASE_VERSIONS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText, false)) {
                if (!(item instanceof String s) || !ReleaseVersion.DEFINED.contains(s)) {
                    throw OneM2MException.badRequest("attribute " + sn + " holds an unknown release version: " + item);
                }
                out.add(s);
            }
            if (out.isEmpty()) {
                throw OneM2MException.badRequest("attribute " + sn + " must list at least one release version");
            }
            return out;
        }
    },
    /** eventNotificationCriteria (TS-0004 6.3.5.7), normalized by {@link ComplexValues#eventNotificationCriteria}. */
    EVENT_NOTIFICATION_CRITERIA {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.eventNotificationCriteria(sn, object(sn, v), fromText);
        }
    },
    /**
     * m2m:eventNotificationCriteriaSet (TS-0004 6.3.5.66): {encn: [eventNotificationCriteria, 1..n]}, each entry as
     * {@link #EVENT_NOTIFICATION_CRITERIA}; in XML a single encn element comes as one object.
     */
    EVENT_NOTIFICATION_CRITERIA_SET {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            Map<String, Object> set = object(sn, v);
            for (String k : set.keySet()) {
                if (!k.equals("encn")) {
                    throw OneM2MException.badRequest("unknown member " + sn + "." + k + " (encn is known)");
                }
            }
            Object entries = set.get("encn") instanceof Map<?, ?> one ? List.of(one) : set.get("encn");
            if (entries == null) {
                throw OneM2MException.badRequest(sn + ".encn is missing: at least one eventNotificationCriteria");
            }
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object entry : list(sn + ".encn", entries, false, true)) {
                out.add(EVENT_NOTIFICATION_CRITERIA.normalize(sn + ".encn[" + i++ + "]", entry, fromText));
            }
            return Map.of("encn", out);
        }
    },
    /** m2m:timeWindowType (TS-0004 6.3.4.2.61): 1 PERIODICWINDOW, 2 SLIDINGWINDOW. */
    TIME_WINDOW_TYPE(n -> n == 1 || n == 2, "a timeWindowType: 1 (PERIODICWINDOW) or 2 (SLIDINGWINDOW)"),
    /**
     * m2m:eventEvaluationMode (Release 4): 1 allEventsPresent, 2 allOrSomeEventsPresent, 3 allOrSomeEventsMissing, 4
     * allEventsMissing, 5 someEventsMissing.
     */
    EVENT_EVALUATION_MODE(n -> n >= 1 && n <= 5, "an eventEvaluationMode: 1 (allEventsPresent), 2"
            + " (allOrSomeEventsPresent), 3 (allOrSomeEventsMissing), 4 (allEventsMissing) or 5 (someEventsMissing)"),
    /** A positive xs:duration (a time window's size): zero or less is 4000. */
    POSITIVE_DURATION {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            return ComplexValues.duration("attribute " + sn, v, fromText).toString();
        }
    },
    /** batchNotify {num, dur} (TS-0004 6.3.5.6): both optional. */
    BATCH_NOTIFY {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.batchNotify(sn, object(sn, v), fromText);
        }
    },
    /**
     * m2m:scheduleEntries {sce: [m2m:scheduleEntry, 1..n]} (TS-0004 6.3.5.11): each entry in the format of TS-0004
     * table 7.4.9.1-4, checked by {@link io.keel.core.schedule.ScheduleEntry}; in XML one sce element per entry.
     */
    SCHEDULE_ENTRIES {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.scheduleEntries(sn, object(sn, v), fromText);
        }
    },
    /**
     * m2m:notificationTargetPolicyAction (TS-0004 6.3.4.2.32): 1 accept, 2 reject, 3 seek authorization from the
     * subscription creator, 4 inform the subscription creator.
     */
    NOTIFICATION_TARGET_POLICY_ACTION(n -> n >= 1 && n <= 4, "a notificationTargetPolicyAction: 1 (accept request),"
            + " 2 (reject request), 3 (seek authorization from the subscription creator) or 4 (inform the subscription creator)"),
    /** m2m:logicalOperator (TS-0004 6.3.4.2.33): 1 AND, 2 OR. */
    LOGICAL_OPERATOR(n -> n == 1 || n == 2, "a logicalOperator: 1 (AND) or 2 (OR)"),
    /** xs:token: non-empty, words separated by single spaces, no other white space. */
    TOKEN {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s && XS_TOKEN.matcher(s).matches()) {
                return s;
            }
            throw wrongType(sn, "an xs:token: words separated by single spaces");
        }
    },
    /** m2m:deletionContexts (TS-0004 6.3.5.37), normalized by {@link ComplexValues#deletionContexts}. */
    DELETION_CONTEXTS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.deletionContexts(sn, object(sn, v), fromText);
        }
    },
    /** rateLimit {mnn, tww} (TS-0004 6.3.5.31): both mandatory. */
    RATE_LIMIT {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.rateLimit(sn, object(sn, v), fromText);
        }
    },
    /**
     * m2m:geoCoordinates (Release 4; the location attribute loc): typ, a geometryType 1-6, and crd, the coordinates
     * of a geometry of that type as text; normalized by {@link ComplexValues#geoCoordinates}.
     */
    GEO_COORDINATES {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.geoCoordinates(sn, object(sn, v), fromText);
        }
    },
    /** specializationType (TS-0004 6.3.5.67): either {cnd: xs:anyURI} or {mgd: m2m:mgmtDefinition}. */
    SPECIALIZATION_TYPE {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.specializationType(sn, object(sn, v), fromText);
        }
    },
    /** m2m:roleID and m2m:tokenID (TS-0004 table 6.3.3-1): a name, '@', the issuer's FQDN in lower case. */
    GLOBAL_ID {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            String s = text(v, fromText);
            if (s != null && TokenPermissions.GLOBAL_ID.matcher(s).matches()) {
                return s;
            }
            throw wrongType(sn, "a name of letters, digits, '.', '_', '-', then '@' and a lower-case FQDN (1234abcd@issuer.example)");
        }
    },
    /** m2m:tokenPermissions (TS-0004 6.3.5.53), normalized by {@link TokenPermissions#normalize}. */
    TOKEN_PERMISSIONS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return TokenPermissions.normalize(sn, v, fromText);
        }
    },
    /** The setOfAcrs of an accessControlPolicy's pv and pvs (TS-0004 6.3.5.26, 6.3.5.27). */
    SET_OF_ACRS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return SetOfAcrs.normalize(sn, v, fromText);
        }
    },
    /**
     * An SDT list of simple values (TS-0023 custom attributes such as machineStates): a JSON/CBOR array of scalars, or
     * an xs:list in XML; may be empty.
     */
    LIST {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<?> l = list(sn, v, fromText, false);
            for (Object item : l) {
                if (item == null || item instanceof Map || item instanceof Collection) {
                    throw wrongType(sn, "a list of simple values");
                }
            }
            return List.copyOf(l);
        }
    },
    /** xs:anyType (the content of a contentInstance) and the CSE-made complex values of a {@code <request>}. */
    ANY {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return v;
        }
    };

    /** xs:token, non-empty: words of non-white-space characters separated by single spaces. */
    private static final Pattern XS_TOKEN = Pattern.compile("[^\\s]+( [^\\s]+)*");
    private static final Pattern CONTENT_INFO_SYNTAX =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+:[0-2](:[0-5])?");
    /** The lexical form of xs:double without its special values: digits, a fraction, an exponent. */
    private static final Pattern XS_DECIMAL_OR_EXPONENT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern TIMESTAMP_SYNTAX = Pattern.compile("\\d{8}T\\d{6}(,\\d{1,6})?");
    private static final Pattern EXTERNAL_ID_SYNTAX = Pattern.compile("[^\\s@]+@[^\\s@]+");
    /** protocol://host[:port][/path]: an IPv4 or bracketed IPv6 address, or an FQDN in lower case. */
    private static final Pattern POINT_OF_ACCESS = Pattern.compile(
            "[A-Za-z][A-Za-z0-9+.-]*://(\\[[0-9A-Fa-f:.]+\\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\\d{1,5})?([/?#]\\S*)?");
    private static final Pattern PORT = Pattern.compile("://(?:\\[[^\\]]*\\]|[^/?#\\[]*?):(\\d{1,5})(?:[/?#]|$)");
    private static final Set<String> SERIALIZATION_NAMES = Set.of("xml", "json", "cbor");
    /** The announced types of TS-0004 6.3.4.2.1, and those m2m:memberType (6.3.4.2.11) lists. */
    private static final Set<Long> ANNOUNCED_TYPES = Set.of(10001L, 10002L, 10003L, 10004L, 10005L, 10009L, 10010L, 10013L,
            10014L, 10016L, 10018L, 10024L, 10028L, 10029L, 10030L, 10033L, 10038L, 10039L, 10040L, 10041L, 10042L, 10046L);
    private static final Set<Long> ANNOUNCED_MEMBER_TYPES = Set.of(10001L, 10002L, 10003L, 10004L, 10009L, 10010L, 10013L,
            10014L, 10016L, 10018L, 10024L, 10028L, 10029L, 10030L, 10033L, 10038L, 10039L, 10040L, 10041L, 10042L, 10046L);

    /** Checks and normalizes a non-null value. */
    Object normalize(String sn, Object v, boolean fromText) {
        if (v instanceof Map || v instanceof Collection) {
            throw wrongType(sn, "a single value");
        }
        return normalizeScalar(sn, v, fromText);
    }

    /** An enumeration's allowed numbers, or null for the types that check values themselves. */
    private final LongPredicate allowed;
    /** What an enumeration's value must be, as the error names it. */
    private final String expected;

    AttributeType() {
        this(null, null);
    }

    /** An enumeration (an integer type of TS-0004 6.3.4.2): {@code allowed} numbers, described as {@code expected}. */
    AttributeType(LongPredicate allowed, String expected) {
        this.allowed = allowed;
        this.expected = expected;
    }

    Object normalizeScalar(String sn, Object v, boolean fromText) {
        if (allowed != null) {
            return enumerated(sn, v, fromText, allowed, expected);
        }
        throw new IllegalStateException(name() + " is not scalar");
    }

    static OneM2MException wrongType(String sn, String expected) {
        return OneM2MException.badRequest("attribute " + sn + " must be " + expected);
    }

    private static String quoted(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    /** XML Schema's white space collapse at the ends (inner white space is then refused by the types that collapse). */
    /** A value as the text a type checks: a string, trimmed of XML white space when it came as XML; null otherwise. */
    static String text(Object v, boolean fromText) {
        return v instanceof String t ? (fromText ? collapse(t) : t) : null;
    }

    private static String collapse(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isXmlSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isXmlSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * An integer: a JSON/CBOR integer, or XML text in xs:integer's lexical form (an optional sign, decimal digits).
     * Values beyond a Java long are 4000 too: Keel stores 64 bits.
     */
    static long integer(String sn, Object v, boolean fromText) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        BigInteger big = null;
        if (v instanceof BigInteger b) {
            big = b;
        } else if (fromText && v instanceof String s && collapse(s).matches("[+-]?\\d+")) {
            big = new BigInteger(collapse(s));
        }
        if (big == null) {
            throw wrongType(sn, "an integer" + (fromText ? "" : " number"));
        }
        if (big.bitLength() >= Long.SIZE) {
            throw OneM2MException.badRequest("attribute " + sn + " is too large: this CSE holds integers up to " + Long.MAX_VALUE);
        }
        return big.longValue();
    }

    static long bounded(String sn, Object v, boolean fromText, long min, long max, String expected) {
        long n;
        try {
            n = integer(sn, v, fromText);
        } catch (OneM2MException e) {
            throw wrongType(sn, expected);
        }
        if (n < min || n > max) {
            throw OneM2MException.badRequest("attribute " + sn + " must be " + expected + ", not " + n);
        }
        return n;
    }

    static long enumerated(String sn, Object v, boolean fromText, LongPredicate allowed, String expected) {
        long n;
        try {
            n = integer(sn, v, fromText);
        } catch (OneM2MException e) {
            throw wrongType(sn, expected);
        }
        if (!allowed.test(n)) {
            throw OneM2MException.badRequest("attribute " + sn + " must be " + expected + ", not " + n);
        }
        return n;
    }

    static boolean bool(String sn, Object v, boolean fromText) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (fromText && v instanceof String s) {
            switch (collapse(s)) {
                case "true", "1" -> {
                    return true;
                }
                case "false", "0" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw wrongType(sn, fromText ? "an xs:boolean: true, false, 1 or 0" : "a boolean: true or false");
    }

    /** xs:anyURI and the types made from it: without white space or control characters. */
    private static List<String> uris(String sn, Object v, boolean fromText, boolean atLeastOne) {
        List<String> out = new ArrayList<>();
        for (Object item : list(sn, v, fromText, atLeastOne)) {
            out.add(uri(sn, item, fromText, false, "a list of URIs"));
        }
        return out;
    }

    static String uri(String sn, Object v, boolean fromText, boolean emptyAllowed, String expected) {
        String s = text(v, fromText);
        if (s == null || (s.isEmpty() && !emptyAllowed) || s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw OneM2MException.badRequest("attribute " + sn + " must be " + expected + (emptyAllowed ? "" : ", non-empty")
                    + " and without white space, not " + quoted(v));
        }
        return s;
    }

    static boolean isPointOfAccess(String s) {
        if (!POINT_OF_ACCESS.matcher(s).matches()) {
            return false;
        }
        Matcher port = PORT.matcher(s);
        return !port.find() || Integer.parseInt(port.group(1)) <= 65_535;
    }

    static boolean isResourceType(long n) {
        // 1-51 (TS-0004 6.3.4.2.1) and the Release-4 types 58-66, which ResourceTypes counts as defined too.
        return (n >= 1 && n <= 51) || (n >= 58 && n <= 66) || ANNOUNCED_TYPES.contains(n);
    }

    static boolean isMemberType(long n) {
        return n == 0 || (n >= 1 && n <= 51 && n != 45) || (n >= 58 && n <= 66) || ANNOUNCED_MEMBER_TYPES.contains(n)
                || (n >= 20001 && n <= 20003);
    }

    /** A list of resource types: a JSON/CBOR array, or XML's xs:list. */
    static List<Long> resourceTypes(String sn, Object v, boolean fromText) {
        List<Long> out = new ArrayList<>();
        for (Object item : list(sn, v, fromText, false)) {
            out.add((Long) RESOURCE_TYPE.normalizeScalar(sn, item, fromText));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String sn, Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw wrongType(sn, "an object");
    }

    /**
     * A list from JSON/CBOR arrays, or from XML's space-separated text (xs:list) or repeated elements.
     * @param atLeastOne the list types of TS-0004 table 6.3.3-1 that "shall contain at least one member"
     */
    static List<?> list(String sn, Object v, boolean fromText, boolean atLeastOne) {
        List<?> l;
        if (v instanceof List<?> given) {
            l = given;
        } else if (fromText && v instanceof String s) {
            l = s.isBlank() ? List.of() : List.of(collapse(s).split("[ \t\n\r]+"));
        } else {
            throw wrongType(sn, "a list");
        }
        if (atLeastOne && l.isEmpty()) {
            throw OneM2MException.badRequest("attribute " + sn + " must hold at least one entry (to remove it, set it to null)");
        }
        return l;
    }
}
