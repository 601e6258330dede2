package io.keel.binding.coap;

import io.keel.binding.http.QueryMapping;
import io.keel.binding.http.RequestTargetMapping;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.ParameterValues;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.Serialization;
import io.keel.serialization.ContentCodec;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;

/**
 * TS-0008 6.2: a CoAP request ⇄ a request primitive. Method and Operation (6.2.1, table 6.2.1-1), Uri-Path and To,
 * Uri-Query and the parameters of 6.2.2.3 (the HTTP binding's query fields, plus {@code op} and {@code tkns}), the
 * oneM2M options (6.2.2.4), payload and Content (6.2.3).
 */
public final class RequestMapping {
    /** Uri-Query: the Operation of a non-blocking request, which always travels as a POST (6.3.2-6.3.4). */
    private static final String OPERATION = "op=";
    /** Uri-Query: one of the Tokens (TS-0004 short name tkns), carried here as HTTP carries them in Authorization. */
    private static final String TOKENS = "tkns=";

    private RequestMapping() {
    }

    // ---------------------------------------------------------------- server side

    /** A CoAP request → request primitive; what is malformed is a oneM2M error (4000, 4005, 4015) with the reason. */
    public static void read(Request request, RequestPrimitive req, Instant now) {
        OptionSet o = request.getOptions();
        OptionMapping.applyRequestOptions(o, req, now);
        List<String> query = new ArrayList<>();
        Operation op = null;
        for (String option : o.getUriQuery()) {
            if (option.startsWith(OPERATION)) {
                if (op != null) {
                    throw OneM2MException.badRequest("query field op may occur only once");
                }
                op = Operation.of(ParameterValues.intInRange("query field op", option.substring(OPERATION.length()), 1, 5));
            } else if (option.startsWith(TOKENS)) {
                req.tokens.add(ParameterValues.text("query field tkns", option.substring(TOKENS.length())));
            } else {
                query.add(option);
            }
        }
        req.operation = operation(request.getCode(), op, req.resourceType != null);
        if (req.operation == Operation.CREATE && req.resourceType == null) {
            throw OneM2MException.badRequest("a Create (op=1) needs the resource type in the oneM2M-TY option (267)");
        }
        if (req.operation != Operation.CREATE) {
            req.resourceType = null; // oneM2M-TY names what a Create makes; elsewhere it means nothing
        }
        req.to = RequestTargetMapping.toParameter(o.getUriPath());
        QueryMapping.applyUriQuery(query, req.operation, req, now);
        byte[] payload = request.getPayload();
        if (payload != null && payload.length > 0) {
            if (req.operation == Operation.RETRIEVE || req.operation == Operation.DELETE) {
                throw OneM2MException.badRequest("a " + request.getCode() + " request carries no payload in this binding");
            }
            if (!o.hasContentFormat()) {
                throw new OneM2MException(io.keel.primitive.ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                        "a request with a payload needs a Content-Format option");
            }
            Serialization s = ContentFormats.serializationOf(o.getContentFormat());
            req.content = ContentCodec.decode(payload, s);
            req.contentSerialization = s;
        }
        req.responseSerializationOpen = !o.hasAccept() && (payload == null || payload.length == 0);
    }

    /**
     * 6.2.1: GET, PUT and DELETE are Retrieve, Update and Delete; a POST is the Operation its Uri-Query names (a
     * non-blocking request), else Create with oneM2M-TY and Notify without.
     */
    private static Operation operation(Code code, Operation named, boolean hasResourceType) {
        if (named != null && code != Code.POST) {
            throw OneM2MException.badRequest("query field op is only sent with POST (TS-0008 6.3.2), not with " + code);
        }
        return switch (code) {
            case GET -> Operation.RETRIEVE;
            case PUT -> Operation.UPDATE;
            case DELETE -> Operation.DELETE;
            case POST -> named != null ? named : hasResourceType ? Operation.CREATE : Operation.NOTIFY;
            default -> throw OneM2MException.notAllowed("CoAP method " + code + " has no oneM2M operation (TS-0008 6.2.1)");
        };
    }

    // ---------------------------------------------------------------- client side

    /**
     * A request primitive → a confirmable CoAP request to {@code base} (a {@code coap://host:port} point of access,
     * or a notification URL with its own path and query): the To parameter and the query fields are added when
     * {@code withTarget}, as when a request is forwarded to another CSE.
     */
    public static Request write(RequestPrimitive req, URI base, boolean withTarget, Serialization serialization) {
        // 6.3.2-6.3.4: a non-blocking or flex-blocking request is a POST naming its Operation.
        boolean nonBlocking = req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH
                || req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH || req.responseType == ResponseTypeValue.FLEX_BLOCKING;
        Request request = new Request(nonBlocking ? Code.POST : method(req.operation), Type.CON);
        request.setURI(base);
        OptionSet o = request.getOptions();
        if (withTarget) {
            o.clearUriPath();
            for (String segment : basePath(base)) {
                o.addUriPath(segment);
            }
            for (String segment : RequestTargetMapping.uriPath(req.to)) {
                o.addUriPath(segment);
            }
            for (String q : QueryMapping.uriQuery(req)) {
                o.addUriQuery(q);
            }
        }
        if (nonBlocking) {
            o.addUriQuery(OPERATION + req.operation.value());
        }
        for (String token : req.tokens) {
            o.addUriQuery(TOKENS + token);
        }
        OptionMapping.writeRequestOptions(req, o);
        int format = ContentFormats.plain(serialization);
        o.setAccept(format);
        // A Retrieve has no payload: its Content (atrl) travels in the query, as over HTTP.
        if (req.content != null && req.operation != Operation.RETRIEVE) {
            o.setContentFormat(format);
            request.setPayload(ContentCodec.encode(req.content, serialization));
        }
        return request;
    }

    private static Code method(Operation op) {
        return switch (op) {
            case CREATE, NOTIFY -> Code.POST;
            case RETRIEVE -> Code.GET;
            case UPDATE -> Code.PUT;
            case DELETE -> Code.DELETE;
        };
    }

    /** The path of a point of access such as {@code coap://host:port/base}, which the To's segments follow. */
    private static List<String> basePath(URI base) {
        List<String> out = new ArrayList<>();
        String path = base.getPath();
        if (path != null) {
            for (String s : path.split("/")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
