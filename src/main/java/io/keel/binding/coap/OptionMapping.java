package io.keel.binding.coap;

import static io.keel.binding.coap.OneM2MOptions.*;

import io.keel.primitive.ContentStatus;
import io.keel.primitive.IntEnum;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ParameterValues;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.option.IntegerOptionDefinition;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.StringOptionDefinition;

/**
 * TS-0008 6.2.2.4: the oneM2M options ⇄ primitive parameters, in the four directions of 6.1: server side request in
 * ({@link #applyRequestOptions}) and response out ({@link #writeResponseOptions}); client side request out
 * ({@link #writeRequestOptions}) and response in ({@link #readResponse}). Lists in one option are separated as in
 * the HTTP binding: '&' in RTURI, '+' in AUS and GTM.
 */
final class OptionMapping {
    private static final Pattern PLUS = Pattern.compile("\\+");
    private static final Pattern AMPERSAND = Pattern.compile("&");

    private OptionMapping() {
    }

    // ---------------------------------------------------------------- server side: CoAP request → request primitive

    /** Request options → request primitive; a malformed value is a 4000 naming the option. */
    static void applyRequestOptions(OptionSet o, RequestPrimitive req, Instant now) {
        req.from = string(o, FR);
        req.requestIdentifier = string(o, RQI);
        req.groupRequestIdentifier = string(o, GID);
        String rturi = string(o, RTURI);
        if (rturi != null) {
            req.responseTypeNotificationUris = ParameterValues.items(rturi, AMPERSAND); // present but empty: "send no notification"
        }
        String ot = string(o, OT);
        if (ot != null) {
            req.originatingTimestamp = ParameterValues.timestamp(label(OT), ot);
        }
        req.requestExpirationTimestamp = absRel(o, RQET, now);
        req.resultExpirationTimestamp = absRel(o, RSET, now);
        req.operationExecutionTime = absRel(o, OET, now);
        Long ec = uint(o, EC, 2);
        if (ec != null) {
            req.eventCategory = ParameterValues.eventCategory(label(EC), String.valueOf(ec));
        }
        Long ty = uint(o, TY, 2);
        if (ty != null) {
            req.resourceType = ty.intValue();
        }
        req.releaseVersionIndicator = string(o, RVI); // whether this CSE speaks it is the core's decision (4001)
        req.vendorInformation = string(o, VSI);
        String gtm = string(o, GTM);
        if (gtm != null) {
            req.groupRequestTargetMembers = ParameterValues.items(gtm, PLUS);
        }
        String aus = string(o, AUS);
        if (aus != null) {
            req.authorizationSignatures.addAll(ParameterValues.items(aus, PLUS));
        }
    }

    // ---------------------------------------------------------------- server side: response primitive → CoAP options

    /** Response options: oneM2M-RSC always, the others when set. */
    static void writeResponseOptions(ResponsePrimitive rsp, OptionSet o) {
        ResponseStatusCode rsc = rsp.responseStatusCode == null ? ResponseStatusCode.INTERNAL_SERVER_ERROR : rsp.responseStatusCode;
        o.addOption(new Option(RSC, rsc.code()));
        put(o, RQI, rsp.requestIdentifier);
        put(o, FR, rsp.from);
        put(o, RVI, rsp.releaseVersionIndicator);
        put(o, OT, format(rsp.originatingTimestamp));
        put(o, VSI, rsp.vendorInformation);
        put(o, RSET, format(rsp.resultExpirationTimestamp));
        put(o, EC, rsp.eventCategory);
        put(o, CTS, rsp.contentStatus == null ? null : rsp.contentStatus.value());
        put(o, CTO, rsp.contentOffset);
        put(o, ATI, rsp.assignedTokenIdentifiers);
        put(o, ASRI, rsp.authorizationSignatureRequestInformation == null ? null : rsp.authorizationSignatureRequestInformation.toString());
    }

    // ---------------------------------------------------------------- client side: request primitive → CoAP options

    /** Request options from the request primitive (Resource Type only for a Create). */
    static void writeRequestOptions(RequestPrimitive req, OptionSet o) {
        put(o, FR, req.from);
        put(o, RQI, req.requestIdentifier);
        put(o, GID, req.groupRequestIdentifier);
        put(o, RTURI, req.responseTypeNotificationUris == null ? null : String.join("&", req.responseTypeNotificationUris));
        put(o, OT, format(req.originatingTimestamp));
        put(o, RQET, format(req.requestExpirationTimestamp));
        put(o, RSET, format(req.resultExpirationTimestamp));
        put(o, OET, format(req.operationExecutionTime));
        put(o, EC, req.eventCategory);
        put(o, TY, req.operation == io.keel.primitive.Operation.CREATE ? req.resourceType : null);
        put(o, RVI, req.releaseVersionIndicator);
        put(o, VSI, req.vendorInformation);
        put(o, GTM, req.groupRequestTargetMembers == null ? null : String.join("+", req.groupRequestTargetMembers));
        put(o, AUS, req.authorizationSignatures.isEmpty() ? null : String.join("+", req.authorizationSignatures));
    }

    // ---------------------------------------------------------------- client side: CoAP response → response primitive

    /**
     * The response primitive from the response options: oneM2M-RSC gives the Response Status Code, or, when it is
     * absent or unknown, {@code fallback}. What a remote entity sent malformed in other options is left unset.
     */
    static ResponsePrimitive readResponse(OptionSet o, ResponseStatusCode fallback) {
        ResponsePrimitive rsp = new ResponsePrimitive();
        Long rsc = lenientUint(o, RSC);
        ResponseStatusCode code = rsc == null || rsc > Integer.MAX_VALUE ? null : ResponseStatusCode.of(rsc.intValue());
        rsp.responseStatusCode = code != null ? code : fallback;
        rsp.requestIdentifier = first(o, RQI);
        rsp.from = first(o, FR);
        rsp.releaseVersionIndicator = first(o, RVI);
        rsp.vendorInformation = first(o, VSI);
        rsp.assignedTokenIdentifiers = first(o, ATI);
        rsp.originatingTimestamp = lenientTimestamp(first(o, OT));
        rsp.resultExpirationTimestamp = lenientTimestamp(first(o, RSET));
        Long ec = lenientUint(o, EC);
        rsp.eventCategory = ec == null ? null : ec.intValue();
        Long cts = lenientUint(o, CTS);
        rsp.contentStatus = cts == null || (cts != 1 && cts != 2) ? null : IntEnum.of(ContentStatus.class, cts.intValue(), label(CTS));
        Long cto = lenientUint(o, CTO);
        rsp.contentOffset = cto == null ? null : cto.intValue();
        String asri = first(o, ASRI);
        rsp.authorizationSignatureRequestInformation = asri == null ? null : switch (asri) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
        return rsp;
    }

    // ---------------------------------------------------------------- helpers

    /** The one value of a string option, or null; repeated, it is a 4000 (no oneM2M option is repeatable). */
    private static String string(OptionSet o, StringOptionDefinition def) {
        Option option = single(o, def);
        return option == null ? null : ParameterValues.text(label(def), option.getStringValue());
    }

    /** The one value of a uint option, or null; longer than {@code maxBytes} it is a 4000. */
    private static Long uint(OptionSet o, IntegerOptionDefinition def, int maxBytes) {
        Option option = single(o, def);
        if (option == null) {
            return null;
        }
        if (option.getLength() > maxBytes) {
            throw OneM2MException.badRequest(label(def) + " must be a uint of at most " + maxBytes + " bytes, not "
                    + option.getLength());
        }
        return option.getLongValue();
    }

    private static Option single(OptionSet o, OptionDefinition def) {
        List<Option> options = o.getOthers(def);
        if (options.size() > 1) {
            throw OneM2MException.badRequest(label(def) + " may occur only once");
        }
        return options.isEmpty() ? null : options.get(0);
    }

    private static Instant absRel(OptionSet o, StringOptionDefinition def, Instant now) {
        String v = string(o, def);
        return v == null ? null : ParameterValues.absRelTimestamp(label(def), v, now);
    }

    private static String format(Instant t) {
        return t == null ? null : Timestamps.format(t);
    }

    private static void put(OptionSet o, StringOptionDefinition def, String value) {
        if (value != null) {
            o.addOption(new Option(def, value));
        }
    }

    private static void put(OptionSet o, IntegerOptionDefinition def, Integer value) {
        if (value != null) {
            o.addOption(new Option(def, value.longValue()));
        }
    }

    private static String first(OptionSet o, StringOptionDefinition def) {
        List<Option> options = o.getOthers(def);
        return options.isEmpty() ? null : options.get(0).getStringValue();
    }

    private static Long lenientUint(OptionSet o, IntegerOptionDefinition def) {
        List<Option> options = o.getOthers(def);
        return options.isEmpty() || options.get(0).getLength() > 4 ? null : options.get(0).getLongValue();
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
}
