package io.keel.primitive;

import io.keel.primitive.FilterCriteria.AttributeCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Request and response primitives as the members of {@code m2m:rqp} and {@code m2m:rsp} (TS-0004 6.4.1, 6.4.2,
 * short names of table 8.2.2-1, filterCriteria 6.3.5.8, responseTypeInfo 6.3.5.30), both ways. Members read from a
 * message are checked like the HTTP binding checks its header and query fields: an unknown member or a value of the
 * wrong type is a 4000 naming the member (8.5.1). Scalars may come typed (JSON, CBOR) or as text (XML, 8.3); a list
 * may come as an array, as repeated XML elements, or as one xs:list text.
 */
public final class PrimitiveMaps {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> REQUEST_MEMBERS = Set.of("op", "to", "fr", "rqi", "ty", "pc", "rids", "ot", "rqet",
            "rset", "oet", "rt", "rp", "rcn", "ec", "da", "gid", "fc", "drt", "tkns", "tids", "tqi", "ltids", "grtm", "asi",
            "aus", "auri", "sqi", "rvi", "vsi", "prpi", "msu", "omr");
    private static final Set<String> FILTER_MEMBERS = Set.of("crb", "cra", "dgb", "dga", "ms", "us", "sts", "stb", "exb", "exa",
            "lbl", "lbq", "ty", "chty", "pty", "clbl", "palb", "sza", "szb", "cty", "atr", "catr", "patr", "fu", "lim",
            "smf", "fo", "cfs", "cfq", "lvl", "ofst", "arp", "gmty", "geom", "gsf");

    private PrimitiveMaps() {
    }

    // ---------------------------------------------------------------- request primitive → members

    /** Every parameter the request carries, times in their absolute form. */
    public static Map<String, Object> request(RequestPrimitive req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", req.operation.value());
        m.put("to", req.to);
        put(m, "fr", req.from);
        m.put("rqi", req.requestIdentifier);
        put(m, "ty", req.resourceType);
        put(m, "pc", req.content);
        list(m, "rids", req.roleIds);
        put(m, "ot", req.originatingTimestamp);
        put(m, "rqet", req.requestExpirationTimestamp);
        put(m, "rset", req.resultExpirationTimestamp);
        put(m, "oet", req.operationExecutionTime);
        if (req.responseType != null || req.responseTypeNotificationUris != null) {
            Map<String, Object> rt = new LinkedHashMap<>();
            rt.put("rtv", (req.responseType == null ? ResponseTypeValue.BLOCKING_REQUEST : req.responseType).value());
            if (req.responseTypeNotificationUris != null) {
                rt.put("nu", List.copyOf(req.responseTypeNotificationUris));
            }
            m.put("rt", rt);
        }
        put(m, "rp", req.resultPersistence);
        put(m, "rcn", req.resultContent);
        put(m, "ec", req.eventCategory);
        put(m, "da", req.deliveryAggregation);
        put(m, "gid", req.groupRequestIdentifier);
        if (req.filterCriteria != null) {
            m.put("fc", filterCriteria(req.filterCriteria));
        }
        put(m, "drt", req.desiredIdResultType);
        list(m, "tkns", req.tokens);
        list(m, "tids", req.tokenIds);
        put(m, "tqi", req.tokenRequestIndicator);
        list(m, "ltids", req.localTokenIds);
        if (req.groupRequestTargetMembers != null) {
            m.put("grtm", List.copyOf(req.groupRequestTargetMembers));
        }
        put(m, "asi", req.authorizationSignatureIndicator);
        list(m, "aus", req.authorizationSignatures);
        put(m, "auri", req.authorizationRelationshipIndicator);
        put(m, "sqi", req.semanticQueryIndicator);
        put(m, "rvi", req.releaseVersionIndicator);
        put(m, "vsi", req.vendorInformation);
        put(m, "prpi", req.primitiveProfileIdentifier);
        put(m, "msu", req.m2mServiceUser);
        list(m, "omr", req.ontologyMappingResources);
        return m;
    }

    private static Map<String, Object> filterCriteria(FilterCriteria fc) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "crb", fc.createdBefore);
        put(m, "cra", fc.createdAfter);
        put(m, "dgb", fc.generatedBefore);
        put(m, "dga", fc.generatedAfter);
        put(m, "ms", fc.modifiedSince);
        put(m, "us", fc.unmodifiedSince);
        put(m, "sts", fc.stateTagSmaller);
        put(m, "stb", fc.stateTagBigger);
        put(m, "exb", fc.expireBefore);
        put(m, "exa", fc.expireAfter);
        list(m, "lbl", fc.labels);
        put(m, "lbq", fc.labelsQuery);
        list(m, "ty", fc.resourceTypes);
        list(m, "chty", fc.childResourceTypes);
        list(m, "pty", fc.parentResourceTypes);
        list(m, "clbl", fc.childLabels);
        list(m, "palb", fc.parentLabels);
        put(m, "sza", fc.sizeAbove);
        put(m, "szb", fc.sizeBelow);
        list(m, "cty", fc.contentTypes);
        conditions(m, "atr", fc.attributes);
        conditions(m, "catr", fc.childAttributes);
        conditions(m, "patr", fc.parentAttributes);
        put(m, "fu", fc.filterUsage);
        put(m, "lim", fc.limit);
        list(m, "smf", fc.semanticsFilter);
        put(m, "fo", fc.filterOperation);
        put(m, "cfs", fc.contentFilterSyntax);
        put(m, "cfq", fc.contentFilterQuery);
        put(m, "lvl", fc.level);
        put(m, "ofst", fc.offset);
        put(m, "arp", fc.applyRelativePath);
        put(m, "gmty", fc.geometryType);
        put(m, "geom", fc.geometry);
        put(m, "gsf", fc.geoSpatialFunction);
        return m;
    }

    private static void conditions(Map<String, Object> m, String name, List<AttributeCondition> conditions) {
        if (!conditions.isEmpty()) {
            List<Object> items = new ArrayList<>();
            for (AttributeCondition c : conditions) {
                items.add(Map.of("nm", c.name(), "val", c.value()));
            }
            m.put(name, items);
        }
    }

    // ---------------------------------------------------------------- members → request primitive

    /**
     * The request primitive of {@code m2m:rqp} members. op, to and rqi are mandatory (TS-0004 7.2.1.1); relative
     * times are taken from {@code now}.
     *
     * @param contentSerialization how the message was serialized: XML content carries its scalars as text
     */
    public static RequestPrimitive request(Map<?, ?> m, Serialization contentSerialization, Instant now) {
        for (Object key : m.keySet()) {
            if (!REQUEST_MEMBERS.contains(String.valueOf(key))) {
                throw OneM2MException.badRequest("unknown request primitive parameter " + key + " (TS-0004 table 8.2.2-1)");
            }
        }
        RequestPrimitive req = new RequestPrimitive();
        // rqi first: whatever else is wrong, the error response can echo it
        req.requestIdentifier = text(m, "rqi");
        Object op = required(m, "op");
        req.operation = Operation.of(ParameterValues.intInRange("op", scalar("op", op), 1, 5));
        req.to = text(m, "to");
        if (req.to == null || req.to.isBlank()) {
            throw OneM2MException.badRequest("the request primitive has no to");
        }
        if (req.requestIdentifier == null || req.requestIdentifier.isEmpty()) {
            throw OneM2MException.badRequest("the request primitive has no rqi");
        }
        req.from = text(m, "fr");
        req.resourceType = value(m, "ty", (n, v) -> ParameterValues.nonNegativeInt(n, v));
        if (m.containsKey("pc") && m.get("pc") != null) {
            if (!(m.get("pc") instanceof Map<?, ?>)) {
                throw OneM2MException.badRequest("pc must hold one element (e.g. m2m:cin), not a single value or a list");
            }
            req.content = m.get("pc");
            req.contentSerialization = contentSerialization;
        }
        req.roleIds.addAll(texts(m, "rids"));
        req.originatingTimestamp = value(m, "ot", ParameterValues::timestamp);
        req.requestExpirationTimestamp = value(m, "rqet", (n, v) -> ParameterValues.absRelTimestamp(n, v, now));
        req.resultExpirationTimestamp = value(m, "rset", (n, v) -> ParameterValues.absRelTimestamp(n, v, now));
        req.operationExecutionTime = value(m, "oet", (n, v) -> ParameterValues.absRelTimestamp(n, v, now));
        if (m.get("rt") != null) {
            Map<?, ?> rt = object(m, "rt");
            only(rt, "rt", Set.of("rtv", "nu"));
            req.responseType = value(rt, "rtv", (n, v) -> ParameterValues.enumValue(ResponseTypeValue.class, "rt/" + n, v));
            if (req.responseType == null) {
                throw OneM2MException.badRequest("rt has no rtv");
            }
            if (rt.containsKey("nu")) {
                req.responseTypeNotificationUris = texts(rt, "nu");
            }
        }
        req.resultPersistence = value(m, "rp", (n, v) -> ParameterValues.absRelTimestamp(n, v, now));
        req.resultContent = value(m, "rcn", (n, v) -> ParameterValues.enumValue(ResultContent.class, n, v));
        req.eventCategory = value(m, "ec", ParameterValues::eventCategory);
        req.deliveryAggregation = value(m, "da", ParameterValues::bool);
        req.groupRequestIdentifier = text(m, "gid");
        if (m.get("fc") != null) {
            req.filterCriteria = filterCriteria(object(m, "fc"), now);
        }
        req.desiredIdResultType = value(m, "drt", (n, v) -> ParameterValues.enumValue(DesiredIdResultType.class, n, v));
        req.tokens.addAll(texts(m, "tkns"));
        req.tokenIds.addAll(texts(m, "tids"));
        req.tokenRequestIndicator = value(m, "tqi", ParameterValues::bool);
        req.localTokenIds.addAll(texts(m, "ltids"));
        if (m.containsKey("grtm")) {
            req.groupRequestTargetMembers = texts(m, "grtm");
        }
        req.authorizationSignatureIndicator = value(m, "asi", ParameterValues::bool);
        req.authorizationSignatures.addAll(texts(m, "aus"));
        req.authorizationRelationshipIndicator = value(m, "auri", ParameterValues::bool);
        req.semanticQueryIndicator = value(m, "sqi", ParameterValues::bool);
        req.releaseVersionIndicator = text(m, "rvi");
        req.vendorInformation = text(m, "vsi");
        req.primitiveProfileIdentifier = text(m, "prpi");
        req.m2mServiceUser = text(m, "msu");
        req.ontologyMappingResources.addAll(texts(m, "omr"));
        return req;
    }

    private static FilterCriteria filterCriteria(Map<?, ?> m, Instant now) {
        only(m, "fc", FILTER_MEMBERS);
        FilterCriteria fc = new FilterCriteria();
        fc.createdBefore = value(m, "crb", ParameterValues::timestamp);
        fc.createdAfter = value(m, "cra", ParameterValues::timestamp);
        fc.generatedBefore = value(m, "dgb", ParameterValues::timestamp);
        fc.generatedAfter = value(m, "dga", ParameterValues::timestamp);
        fc.modifiedSince = value(m, "ms", ParameterValues::timestamp);
        fc.unmodifiedSince = value(m, "us", ParameterValues::timestamp);
        fc.stateTagSmaller = value(m, "sts", ParameterValues::nonNegativeLong);
        fc.stateTagBigger = value(m, "stb", ParameterValues::nonNegativeLong);
        fc.expireBefore = value(m, "exb", ParameterValues::timestamp);
        fc.expireAfter = value(m, "exa", ParameterValues::timestamp);
        fc.labels.addAll(texts(m, "lbl"));
        fc.labelsQuery = text(m, "lbq");
        fc.resourceTypes.addAll(values(m, "ty", ParameterValues::nonNegativeInt));
        fc.childResourceTypes.addAll(values(m, "chty", ParameterValues::nonNegativeInt));
        fc.parentResourceTypes.addAll(values(m, "pty", ParameterValues::nonNegativeInt));
        fc.childLabels.addAll(texts(m, "clbl"));
        fc.parentLabels.addAll(texts(m, "palb"));
        fc.sizeAbove = value(m, "sza", ParameterValues::nonNegativeLong);
        fc.sizeBelow = value(m, "szb", ParameterValues::nonNegativeLong);
        fc.contentTypes.addAll(texts(m, "cty"));
        fc.attributes.addAll(conditions(m, "atr"));
        fc.childAttributes.addAll(conditions(m, "catr"));
        fc.parentAttributes.addAll(conditions(m, "patr"));
        fc.filterUsage = value(m, "fu", (n, v) -> ParameterValues.enumValue(FilterUsage.class, n, v));
        fc.limit = value(m, "lim", ParameterValues::nonNegativeInt);
        fc.semanticsFilter.addAll(texts(m, "smf"));
        fc.filterOperation = value(m, "fo", (n, v) -> ParameterValues.enumValue(FilterOperation.class, n, v));
        fc.contentFilterSyntax = value(m, "cfs", (n, v) -> ParameterValues.intInRange(n, v, 1, 1));
        fc.contentFilterQuery = text(m, "cfq");
        fc.level = value(m, "lvl", (n, v) -> ParameterValues.intInRange(n, v, 1, Integer.MAX_VALUE));
        fc.offset = value(m, "ofst", (n, v) -> ParameterValues.intInRange(n, v, 1, Integer.MAX_VALUE));
        fc.applyRelativePath = text(m, "arp");
        fc.geometryType = value(m, "gmty", (n, v) -> ParameterValues.intInRange(n, v, 1, 6));
        fc.geometry = text(m, "geom");
        fc.geoSpatialFunction = value(m, "gsf", (n, v) -> ParameterValues.intInRange(n, v, 1, 3));
        return fc;
    }

    /** atr, catr, patr: m2m:attribute items, {@code {"nm": short name, "val": value}}. */
    private static List<AttributeCondition> conditions(Map<?, ?> m, String name) {
        List<AttributeCondition> out = new ArrayList<>();
        if (m.get(name) == null) {
            return out;
        }
        List<?> items = m.get(name) instanceof List<?> l ? l : List.of(m.get(name));
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> a) || !(a.get("nm") instanceof String nm) || nm.isBlank() || !a.containsKey("val")) {
                throw OneM2MException.badRequest("fc/" + name + " items are attributes {nm, val}");
            }
            Object val = a.get("val");
            if (val instanceof Map<?, ?> || val instanceof List<?>) {
                throw OneM2MException.badRequest("fc/" + name + " " + nm + ": val must be a single value");
            }
            out.add(new AttributeCondition(nm, val == null ? "" : String.valueOf(val)));
        }
        return out;
    }

    // ---------------------------------------------------------------- response primitive ⇄ members

    /** A response primitive as {@code m2m:rsp} members. */
    public static Map<String, Object> response(ResponsePrimitive rsp) {
        Map<String, Object> m = new LinkedHashMap<>();
        ResponseStatusCode rsc = rsp.responseStatusCode == null ? ResponseStatusCode.INTERNAL_SERVER_ERROR : rsp.responseStatusCode;
        m.put("rsc", rsc.code());
        m.put("rqi", rsp.requestIdentifier);
        put(m, "pc", rsp.content);
        put(m, "to", rsp.to);
        put(m, "fr", rsp.from);
        put(m, "ot", rsp.originatingTimestamp);
        put(m, "rset", rsp.resultExpirationTimestamp);
        put(m, "ec", rsp.eventCategory);
        put(m, "cnst", rsp.contentStatus);
        put(m, "cnot", rsp.contentOffset);
        put(m, "ati", rsp.assignedTokenIdentifiers);
        put(m, "tqf", rsp.tokenRequestInformation);
        put(m, "asri", rsp.authorizationSignatureRequestInformation);
        put(m, "rvi", rsp.releaseVersionIndicator);
        put(m, "vsi", rsp.vendorInformation);
        put(m, "msu", rsp.m2mServiceUser);
        return m;
    }

    /**
     * A response primitive from the members of {@code m2m:rsp}. What another entity sent is taken leniently, as the
     * HTTP binding reads response headers: a missing or unknown rsc is a 4000 (the caller cannot know the outcome),
     * a malformed optional member is left unset.
     */
    public static ResponsePrimitive response(Map<?, ?> m) {
        Object rsc = m.get("rsc");
        String code = rsc instanceof Number || rsc instanceof String ? String.valueOf(rsc) : null;
        ResponseStatusCode status = code != null && code.matches("[0-9]{4}") ? ResponseStatusCode.of(Integer.parseInt(code)) : null;
        if (status == null) {
            throw OneM2MException.badRequest("the response primitive has no known rsc: " + rsc);
        }
        ResponsePrimitive p = new ResponsePrimitive(status, m.get("pc"));
        p.requestIdentifier = lenient(m, "rqi", String::valueOf);
        p.from = lenient(m, "fr", String::valueOf);
        p.to = lenient(m, "to", String::valueOf);
        p.originatingTimestamp = lenient(m, "ot", v -> ParameterValues.timestamp("ot", v));
        p.resultExpirationTimestamp = lenient(m, "rset", v -> ParameterValues.timestamp("rset", v));
        p.eventCategory = lenient(m, "ec", v -> ParameterValues.eventCategory("ec", v));
        Integer cnst = lenient(m, "cnst", v -> ParameterValues.intInRange("cnst", v, 1, 2));
        p.contentStatus = cnst == null ? null : IntEnum.of(ContentStatus.class, cnst, "cnst");
        p.contentOffset = lenient(m, "cnot", v -> ParameterValues.nonNegativeInt("cnot", v));
        p.assignedTokenIdentifiers = lenient(m, "ati", String::valueOf);
        p.authorizationSignatureRequestInformation = lenient(m, "asri", v -> ParameterValues.bool("asri", v));
        p.releaseVersionIndicator = lenient(m, "rvi", String::valueOf);
        p.vendorInformation = lenient(m, "vsi", String::valueOf);
        p.m2mServiceUser = lenient(m, "msu", String::valueOf);
        return p;
    }

    /** Whether members are a response primitive's: it has rsc and no op (TS-0004 8.4.3, example 1). */
    public static boolean isResponse(Map<?, ?> m) {
        return m.containsKey("rsc") && !m.containsKey("op");
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface Parse<T> {
        T parse(String name, String text);
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value instanceof Instant t) {
            m.put(name, Timestamps.format(t));
        } else if (value instanceof IntEnum e) {
            m.put(name, e.value());
        } else if (value != null) {
            m.put(name, value);
        }
    }

    private static void list(Map<String, Object> m, String name, List<?> values) {
        if (!values.isEmpty()) {
            m.put(name, List.copyOf(values));
        }
    }

    private static Object required(Map<?, ?> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            throw OneM2MException.badRequest("the request primitive has no " + name);
        }
        return v;
    }

    private static void only(Map<?, ?> m, String parent, Set<String> names) {
        for (Object key : m.keySet()) {
            if (!names.contains(String.valueOf(key))) {
                throw OneM2MException.badRequest("unknown member " + parent + "/" + key);
            }
        }
    }

    private static Map<?, ?> object(Map<?, ?> m, String name) {
        if (!(m.get(name) instanceof Map<?, ?> o)) {
            throw OneM2MException.badRequest(name + " must be an object of its members, not a single value or a list");
        }
        return o;
    }

    /** A scalar as text: numbers and booleans as written, a string as it is; anything else is a 4000. */
    private static String scalar(String name, Object v) {
        if (v instanceof String s) {
            return ParameterValues.text(name, s.strip());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw OneM2MException.badRequest(name + " must be a single value, not " + (v instanceof List<?> ? "a list" : "an object"));
    }

    private static String text(Map<?, ?> m, String name) {
        Object v = m.get(name);
        return v == null ? null : scalar(name, v);
    }

    private static <T> T value(Map<?, ?> m, String name, Parse<T> parse) {
        Object v = m.get(name);
        return v == null ? null : parse.parse(name, scalar(name, v));
    }

    /** A list member: an array or repeated elements, or one xs:list text (items separated by white space). */
    private static List<String> texts(Map<?, ?> m, String name) {
        Object v = m.get(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> items) {
            for (Object item : items) {
                out.add(scalar(name, item));
            }
        } else {
            String text = scalar(name, v);
            for (String item : WHITESPACE.split(text)) {
                if (!item.isEmpty()) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    private static <T> List<T> values(Map<?, ?> m, String name, Parse<T> parse) {
        List<T> out = new ArrayList<>();
        for (String item : texts(m, name)) {
            out.add(parse.parse(name, item));
        }
        return out;
    }

    private static <T> T lenient(Map<?, ?> m, String name, Function<String, T> parse) {
        Object v = m.get(name);
        if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
            return null;
        }
        try {
            return parse.apply(String.valueOf(v));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
