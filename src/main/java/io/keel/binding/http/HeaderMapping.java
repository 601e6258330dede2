package io.keel.binding.http;

import io.keel.primitive.ContentStatus;
import io.keel.primitive.IntEnum;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Preconditions;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TS-0009 6.4: the X-M2M-* header fields ⇄ primitive parameters, in both directions and for both sides (server:
 * request in, response out; client: request out, response in). Header names are matched case-insensitively (5.1).
 */
public final class HeaderMapping {
    public static final String ORIGIN = "X-M2M-Origin";
    public static final String RI = "X-M2M-RI";
    public static final String GID = "X-M2M-GID";
    public static final String RTU = "X-M2M-RTU";
    public static final String OT = "X-M2M-OT";
    public static final String RST = "X-M2M-RST";
    public static final String RET = "X-M2M-RET";
    public static final String OET = "X-M2M-OET";
    public static final String EC = "X-M2M-EC";
    public static final String RSC = "X-M2M-RSC";
    public static final String ATI = "X-M2M-ATI";
    public static final String CTS = "X-M2M-CTS";
    public static final String CTO = "X-M2M-CTO";
    public static final String RVI = "X-M2M-RVI";
    public static final String VSI = "X-M2M-VSI";
    public static final String AS = "X-M2M-AS";
    public static final String ASRI = "X-M2M-ASRI";
    public static final String OMR = "X-M2M-OMR";
    public static final String MSU = "X-M2M-MSU";
    public static final String PRPI = "X-M2M-PRPI";
    public static final String AUTHORIZATION = "Authorization";
    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";
    public static final String IF_MODIFIED_SINCE = "If-Modified-Since";
    public static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";
    private static final java.util.regex.Pattern ENTITY_TAG = java.util.regex.Pattern.compile("\\*|(W/)?\"[\\x21\\x23-\\x7e]*\"");

    private HeaderMapping() {
    }

    /** Server side: request headers → request primitive parameters. */
    public static void applyRequestHeaders(Map<String, List<String>> rawHeaders, RequestPrimitive req, Instant now) {
        Headers h = new Headers(rawHeaders);
        req.from = h.single(ORIGIN);
        req.requestIdentifier = h.single(RI);
        req.groupRequestIdentifier = h.single(GID);
        String rtu = h.single(RTU);
        if (rtu != null) {
            req.responseTypeNotificationUris = split(rtu, "&");
        }
        String ot = h.single(OT);
        if (ot != null) {
            req.originatingTimestamp = Timestamps.parse(ot, OT);
        }
        req.resultExpirationTimestamp = absRel(h, RST, now);
        req.requestExpirationTimestamp = absRel(h, RET, now);
        req.operationExecutionTime = absRel(h, OET, now);
        String ec = h.single(EC);
        if (ec != null) {
            req.eventCategory = eventCategory(ec);
        }
        req.releaseVersionIndicator = h.single(RVI);
        req.vendorInformation = h.single(VSI);
        String as = h.single(AS);
        if (as != null) {
            req.authorizationSignatures.addAll(split(as, "+"));
        }
        req.primitiveProfileIdentifier = h.single(PRPI);
        req.m2mServiceUser = h.single(MSU);
        String omr = h.single(OMR);
        if (omr != null) {
            req.ontologyMappingResources.addAll(split(omr, "+"));
        }
        Preconditions preconditions = new Preconditions(entityTags(h, IF_MATCH), entityTags(h, IF_NONE_MATCH),
                httpDate(h.first(IF_MODIFIED_SINCE)), httpDate(h.first(IF_UNMODIFIED_SINCE)));
        req.preconditions = preconditions.isEmpty() ? null : preconditions;
        String authorization = h.single(AUTHORIZATION);
        // Basic and Bearer are HTTP authentication (TS-0009 7.1), not oneM2M Tokens (6.4.19).
        if (authorization != null && !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            req.tokens.addAll(split(authorization, "+"));
        }
    }

    /** Server side: response primitive → response headers (X-M2M-RSC always). */
    public static Map<String, String> responseHeaders(ResponsePrimitive rsp) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(RSC, String.valueOf(rsp.responseStatusCode == null ? ResponseStatusCode.INTERNAL_SERVER_ERROR.code()
                : rsp.responseStatusCode.code()));
        put(h, RI, rsp.requestIdentifier);
        put(h, RVI, rsp.releaseVersionIndicator);
        put(h, OT, rsp.originatingTimestamp == null ? null : Timestamps.format(rsp.originatingTimestamp));
        put(h, VSI, rsp.vendorInformation);
        put(h, RST, rsp.resultExpirationTimestamp == null ? null : Timestamps.format(rsp.resultExpirationTimestamp));
        put(h, EC, rsp.eventCategory == null ? null : rsp.eventCategory.toString());
        put(h, CTS, rsp.contentStatus == null ? null : String.valueOf(rsp.contentStatus.value()));
        put(h, CTO, rsp.contentOffset == null ? null : rsp.contentOffset.toString());
        put(h, ATI, rsp.assignedTokenIdentifiers);
        put(h, ASRI, rsp.authorizationSignatureRequestInformation == null ? null : rsp.authorizationSignatureRequestInformation.toString());
        put(h, MSU, rsp.m2mServiceUser);
        return h;
    }

    /** Client side: request primitive → request headers. */
    public static Map<String, String> requestHeaders(RequestPrimitive req) {
        Map<String, String> h = new LinkedHashMap<>();
        put(h, ORIGIN, req.from);
        put(h, RI, req.requestIdentifier);
        put(h, GID, req.groupRequestIdentifier);
        put(h, RTU, req.responseTypeNotificationUris == null ? null : String.join("&", req.responseTypeNotificationUris));
        put(h, OT, req.originatingTimestamp == null ? null : Timestamps.format(req.originatingTimestamp));
        put(h, RST, req.resultExpirationTimestamp == null ? null : Timestamps.format(req.resultExpirationTimestamp));
        put(h, RET, req.requestExpirationTimestamp == null ? null : Timestamps.format(req.requestExpirationTimestamp));
        put(h, OET, req.operationExecutionTime == null ? null : Timestamps.format(req.operationExecutionTime));
        put(h, EC, req.eventCategory == null ? null : req.eventCategory.toString());
        put(h, RVI, req.releaseVersionIndicator);
        put(h, VSI, req.vendorInformation);
        put(h, AS, req.authorizationSignatures.isEmpty() ? null : String.join("+", req.authorizationSignatures));
        put(h, PRPI, req.primitiveProfileIdentifier);
        put(h, MSU, req.m2mServiceUser);
        put(h, OMR, req.ontologyMappingResources.isEmpty() ? null : String.join("+", req.ontologyMappingResources));
        put(h, AUTHORIZATION, req.tokens.isEmpty() ? null : String.join("+", req.tokens));
        return h;
    }

    /** Client side: HTTP status and response headers → response primitive (X-M2M-RSC, else the status's closest code). */
    public static ResponsePrimitive readResponse(int httpStatus, Map<String, List<String>> rawHeaders) {
        Headers h = new Headers(rawHeaders);
        ResponsePrimitive rsp = new ResponsePrimitive();
        String rsc = h.first(RSC);
        ResponseStatusCode code = null;
        if (rsc != null && rsc.trim().matches("\\d{1,5}")) {
            code = ResponseStatusCode.of(Integer.parseInt(rsc.trim()));
        }
        rsp.responseStatusCode = code != null ? code : HttpStatusMapping.fallbackRsc(httpStatus);
        rsp.requestIdentifier = h.first(RI);
        rsp.releaseVersionIndicator = h.first(RVI);
        rsp.vendorInformation = h.first(VSI);
        rsp.m2mServiceUser = h.first(MSU);
        rsp.assignedTokenIdentifiers = h.first(ATI);
        rsp.originatingTimestamp = lenientTimestamp(h.first(OT));
        rsp.resultExpirationTimestamp = lenientTimestamp(h.first(RST));
        rsp.eventCategory = lenientInt(h.first(EC));
        Integer cts = lenientInt(h.first(CTS));
        rsp.contentStatus = cts == null || (cts != 1 && cts != 2) ? null : IntEnum.of(ContentStatus.class, cts, CTS);
        rsp.contentOffset = lenientInt(h.first(CTO));
        String asri = h.first(ASRI);
        rsp.authorizationSignatureRequestInformation = asri == null ? null : Boolean.valueOf(asri.trim());
        return rsp;
    }

    private static Instant absRel(Headers h, String name, Instant now) {
        String v = h.single(name);
        return v == null ? null : Timestamps.parseAbsRel(v, now, name);
    }

    /** A list of entity tags (RFC 7232 2.3), or {@code *}; malformed → 4000. */
    private static List<String> entityTags(Headers h, String name) {
        List<String> values = h.all(name);
        if (values == null) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (String value : values) {
            for (String tag : value.split(",")) {
                String t = tag.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (!ENTITY_TAG.matcher(t).matches()) {
                    throw OneM2MException.badRequest(name + " holds a malformed entity tag: " + t);
                }
                tags.add(t);
            }
        }
        return tags;
    }

    /** An HTTP-date; RFC 7232 says an invalid one is ignored. */
    private static Instant httpDate(String v) {
        if (v == null) {
            return null;
        }
        try {
            return java.time.ZonedDateTime.parse(v.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static int eventCategory(String v) {
        try {
            int ec = Integer.parseInt(v.trim());
            if (ec == 2 || ec == 3 || ec == 4 || (ec >= 100 && ec <= 999)) {
                return ec;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OneM2MException.badRequest(EC + " must be 2, 3, 4 or 100-999: " + v);
    }

    private static List<String> split(String value, String separator) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(java.util.regex.Pattern.quote(separator), -1)) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static void put(Map<String, String> h, String name, String value) {
        if (value != null) {
            h.put(name, value);
        }
    }

    private static Instant lenientTimestamp(String v) {
        return v != null && Timestamps.isTimestamp(v.trim()) ? Timestamps.parse(v.trim(), "") : null;
    }

    private static Integer lenientInt(String v) {
        return v != null && v.trim().matches("-?\\d{1,9}") ? Integer.valueOf(v.trim()) : null;
    }

    /** Header values by case-insensitive name. */
    private static final class Headers {
        private final Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Headers(Map<String, List<String>> raw) {
            raw.forEach((k, v) -> byName.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }

        /** The header's value; the same header given twice with different values is a 4000. */
        String single(String name) {
            List<String> values = byName.get(name);
            if (values == null || values.isEmpty()) {
                return null;
            }
            if (new LinkedHashSet<>(values).size() > 1) {
                throw OneM2MException.badRequest(name + " is given more than once with different values");
            }
            return values.get(0).trim();
        }

        List<String> all(String name) {
            return byName.get(name);
        }

        String first(String name) {
            List<String> values = byName.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
