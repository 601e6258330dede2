package io.keel.binding.http;

import io.keel.primitive.ContentStatus;
import io.keel.primitive.IntEnum;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ParameterValues;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TS-0009 6.4: the X-M2M-* header fields (and Authorization) ⇄ primitive parameters, for the four use cases of 6.1:
 * server side request in ({@link #applyRequestHeaders}) and response out ({@link #responseHeaders}); client side
 * request out ({@link #requestHeaders}) and response in ({@link #readResponse}). Header names are matched
 * case-insensitively (5.1) through {@link Headers}; written names use the canonical spelling below.
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
    public static final String IF_MATCH = PreconditionHeaders.IF_MATCH;
    public static final String IF_NONE_MATCH = PreconditionHeaders.IF_NONE_MATCH;
    public static final String IF_MODIFIED_SINCE = PreconditionHeaders.IF_MODIFIED_SINCE;
    public static final String IF_UNMODIFIED_SINCE = PreconditionHeaders.IF_UNMODIFIED_SINCE;

    /** HTTP authentication schemes of TS-0009 7.1 (RFC 7235, RFC 6750): credentials, not oneM2M Tokens. */
    private static final List<String> HTTP_AUTH_SCHEMES = List.of("Basic", "Bearer");
    private static final Pattern PLUS = Pattern.compile("\\+");
    private static final Pattern AMPERSAND = Pattern.compile("&");

    private HeaderMapping() {
    }

    // ---------------------------------------------------------------- server side: HTTP request → request primitive

    /**
     * Server side (6.1 use case 2): request header fields → request primitive parameters, plus the RFC 7232
     * preconditions. Response-only fields (X-M2M-RSC, -CTS, -CTO, -ATI, -ASRI) are ignored in a request.
     */
    public static void applyRequestHeaders(Headers h, RequestPrimitive req, Instant now) {
        req.from = h.single(ORIGIN);
        req.requestIdentifier = h.single(RI);
        req.groupRequestIdentifier = h.single(GID);
        String rtu = h.single(RTU);
        if (rtu != null) {
            req.responseTypeNotificationUris = ParameterValues.items(rtu, AMPERSAND); // present but empty: "send no notification"
        }
        String ot = h.single(OT);
        if (ot != null) {
            req.originatingTimestamp = ParameterValues.timestamp(OT, ot);
        }
        req.resultExpirationTimestamp = absRel(h, RST, now);
        req.requestExpirationTimestamp = absRel(h, RET, now);
        req.operationExecutionTime = absRel(h, OET, now);
        String ec = h.single(EC);
        if (ec != null) {
            req.eventCategory = ParameterValues.eventCategory(EC, ec);
        }
        req.releaseVersionIndicator = h.single(RVI); // whether this CSE speaks it is the core's decision (4001)
        req.vendorInformation = h.single(VSI);
        String as = h.single(AS);
        if (as != null) {
            req.authorizationSignatures.addAll(ParameterValues.items(as, PLUS));
        }
        req.primitiveProfileIdentifier = h.single(PRPI);
        req.m2mServiceUser = h.single(MSU);
        String omr = h.single(OMR);
        if (omr != null) {
            req.ontologyMappingResources.addAll(ParameterValues.items(omr, PLUS));
        }
        String authorization = h.single(AUTHORIZATION);
        if (authorization != null && !isHttpAuthentication(authorization)) {
            req.tokens.addAll(ParameterValues.items(authorization, PLUS));
        }
        req.preconditions = PreconditionHeaders.read(h);
    }

    /** The same, for a plain name → values map (e.g. built by a servlet filter). */
    public static void applyRequestHeaders(Map<String, ? extends Collection<String>> headers, RequestPrimitive req, Instant now) {
        applyRequestHeaders(Headers.of(headers), req, now);
    }

    /** True for {@code Basic …} and {@code Bearer …} (scheme names are case-insensitive, RFC 7235 2.1). */
    static boolean isHttpAuthentication(String authorization) {
        String scheme = authorization.split("[ \t]", 2)[0];
        return HTTP_AUTH_SCHEMES.stream().anyMatch(scheme::equalsIgnoreCase);
    }

    // ---------------------------------------------------------------- server side: response primitive → HTTP response

    /** Server side (6.1 use case 3): response header fields, X-M2M-RSC always, the others when set. */
    public static Map<String, String> responseHeaders(ResponsePrimitive rsp) {
        Map<String, String> h = new LinkedHashMap<>();
        ResponseStatusCode rsc = rsp.responseStatusCode == null ? ResponseStatusCode.INTERNAL_SERVER_ERROR : rsp.responseStatusCode;
        h.put(RSC, String.valueOf(rsc.code()));
        put(h, RI, rsp.requestIdentifier);
        put(h, ORIGIN, rsp.from);
        put(h, RVI, rsp.releaseVersionIndicator);
        put(h, OT, format(rsp.originatingTimestamp));
        put(h, VSI, rsp.vendorInformation);
        put(h, RST, format(rsp.resultExpirationTimestamp));
        put(h, EC, rsp.eventCategory);
        put(h, CTS, rsp.contentStatus == null ? null : rsp.contentStatus.value());
        put(h, CTO, rsp.contentOffset);
        put(h, ATI, rsp.assignedTokenIdentifiers);
        put(h, ASRI, rsp.authorizationSignatureRequestInformation);
        put(h, MSU, rsp.m2mServiceUser);
        return h;
    }

    // ---------------------------------------------------------------- client side: request primitive → HTTP request

    /**
     * Client side (6.1 use case 1): request header fields from the request primitive. A value that cannot be sent
     * in a header (CR, LF or another control character) is a 4000 naming the header.
     */
    public static Map<String, String> requestHeaders(RequestPrimitive req) {
        Map<String, String> h = new LinkedHashMap<>();
        put(h, ORIGIN, req.from);
        put(h, RI, req.requestIdentifier);
        put(h, GID, req.groupRequestIdentifier);
        put(h, RTU, req.responseTypeNotificationUris == null ? null : String.join("&", req.responseTypeNotificationUris));
        put(h, OT, format(req.originatingTimestamp));
        put(h, RST, format(req.resultExpirationTimestamp));
        put(h, RET, format(req.requestExpirationTimestamp));
        put(h, OET, format(req.operationExecutionTime));
        put(h, EC, req.eventCategory);
        put(h, RVI, req.releaseVersionIndicator);
        put(h, VSI, req.vendorInformation);
        put(h, AS, req.authorizationSignatures.isEmpty() ? null : String.join("+", req.authorizationSignatures));
        put(h, PRPI, req.primitiveProfileIdentifier);
        put(h, MSU, req.m2mServiceUser);
        put(h, OMR, req.ontologyMappingResources.isEmpty() ? null : String.join("+", req.ontologyMappingResources));
        put(h, AUTHORIZATION, req.tokens.isEmpty() ? null : String.join("+", req.tokens));
        for (Map.Entry<String, String> e : h.entrySet()) {
            checkSendable(e.getKey(), e.getValue());
        }
        return h;
    }

    // ---------------------------------------------------------------- client side: HTTP response → response primitive

    /**
     * Client side (6.1 use case 4): the response primitive from the status and header fields. X-M2M-RSC gives the
     * Response Status Code; when it is absent, not an integer or not a known code, the HTTP status decides
     * ({@link HttpStatusMapping#fallbackRsc}). What a remote entity sent malformed in other fields is left unset.
     */
    public static ResponsePrimitive readResponse(int httpStatus, Headers h) {
        ResponsePrimitive rsp = new ResponsePrimitive();
        Integer rsc = lenientInt(h.first(RSC));
        ResponseStatusCode code = rsc == null ? null : ResponseStatusCode.of(rsc);
        rsp.responseStatusCode = code != null ? code : HttpStatusMapping.fallbackRsc(httpStatus);
        rsp.requestIdentifier = h.first(RI);
        rsp.from = h.first(ORIGIN);
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
        rsp.authorizationSignatureRequestInformation = lenientBoolean(h.first(ASRI));
        return rsp;
    }

    /** The same, for a plain name → values map (e.g. java.net.http.HttpHeaders#map()). */
    public static ResponsePrimitive readResponse(int httpStatus, Map<String, ? extends Collection<String>> headers) {
        return readResponse(httpStatus, Headers.of(headers));
    }

    // ---------------------------------------------------------------- helpers

    private static Instant absRel(Headers h, String name, Instant now) {
        String v = h.single(name);
        return v == null ? null : ParameterValues.absRelTimestamp(name, v, now);
    }

    private static String format(Instant t) {
        return t == null ? null : Timestamps.format(t);
    }

    private static void put(Map<String, String> h, String name, Object value) {
        if (value != null) {
            h.put(name, value.toString());
        }
    }

    /** RFC 7230 3.2: a field value is visible characters, spaces and tabs; CR/LF would split the header. */
    private static void checkSendable(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw OneM2MException.badRequest(name + " cannot be sent: its value holds a control character");
            }
        }
    }

    private static Instant lenientTimestamp(String v) {
        if (v == null || !Timestamps.isTimestamp(v)) {
            return null;
        }
        try {
            return ParameterValues.timestamp("", v);
        } catch (OneM2MException e) { // shaped like a timestamp but not a date, e.g. month 13
            return null;
        }
    }

    private static Integer lenientInt(String v) {
        return v != null && v.matches("-?[0-9]{1,9}") ? Integer.valueOf(v) : null;
    }

    private static Boolean lenientBoolean(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
