package io.keel.serialization;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.PrimitiveMaps;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.time.Instant;
import java.util.Map;

/**
 * Whole primitives as messages (TS-0004 clause 8), the payload of the WebSocket and MQTT bindings: JSON and
 * CBOR carry the members as a bare object (8.4.2: not under {@code m2m:rqp}/{@code m2m:rsp}), XML under the root
 * element {@code m2m:rqp} or {@code m2m:rsp} (8.3, table 8.2.2-2). Decoding never throws anything but a
 * {@link OneM2MException}; a request that cannot be read is an {@link InvalidRequest} that still knows what it could
 * read of rqi, fr and to, so that the error response reaches the originator.
 */
public final class PrimitiveCodec {
    public static final String REQUEST_ROOT = "m2m:rqp";
    public static final String RESPONSE_ROOT = "m2m:rsp";

    private PrimitiveCodec() {
    }

    /** A decoded message: a request or a response primitive (a WebSocket carries both ways). */
    public sealed interface Message permits Request, Response {
    }

    public record Request(RequestPrimitive primitive) implements Message {
    }

    public record Response(ResponsePrimitive primitive) implements Message {
    }

    /** A request message that is not a valid request primitive; {@link #partial} holds rqi, fr, to where readable. */
    public static final class InvalidRequest extends OneM2MException {
        private static final long serialVersionUID = 1L;
        private final transient RequestPrimitive partial;

        InvalidRequest(OneM2MException cause, RequestPrimitive partial) {
            super(cause.rsc(), cause.getMessage());
            this.partial = partial;
        }

        public RequestPrimitive partial() {
            return partial;
        }
    }

    public static byte[] encode(RequestPrimitive req, Serialization s) {
        return encode(REQUEST_ROOT, PrimitiveMaps.request(req), s);
    }

    public static byte[] encode(ResponsePrimitive rsp, Serialization s) {
        return encode(RESPONSE_ROOT, PrimitiveMaps.response(rsp), s);
    }

    private static byte[] encode(String root, Map<String, Object> members, Serialization s) {
        return ContentCodec.encode(s == Serialization.XML ? Map.of(root, members) : members, s);
    }

    /** A request message; relative times are taken from {@code now}. */
    public static RequestPrimitive decodeRequest(byte[] message, Serialization s, Instant now) {
        if (decode(message, s, now) instanceof Request r) {
            return r.primitive();
        }
        throw OneM2MException.badRequest("the message is a response primitive, not a request primitive");
    }

    /** A response message, e.g. the answer of an entity this CSE sent a request to. */
    public static ResponsePrimitive decodeResponse(byte[] message, Serialization s) {
        if (decode(message, s, Instant.EPOCH) instanceof Response r) {
            return r.primitive();
        }
        throw OneM2MException.badRequest("the message is a request primitive, not a response primitive");
    }

    /** Either primitive: a response has rsc and no op (TS-0004 8.4.3), an XML one its root element. */
    public static Message decode(byte[] message, Serialization s, Instant now) {
        Map<String, Object> tree = ContentCodec.decode(message, s);
        Map<?, ?> members = tree;
        boolean response;
        if (s == Serialization.XML) {
            String root = tree.keySet().iterator().next();
            if (!REQUEST_ROOT.equals(root) && !RESPONSE_ROOT.equals(root)) {
                throw OneM2MException.badRequest("an XML primitive has the root element m2m:rqp or m2m:rsp, not " + root);
            }
            if (!(tree.get(root) instanceof Map<?, ?> m)) {
                throw OneM2MException.badRequest(root + " has no members");
            }
            members = m;
            response = RESPONSE_ROOT.equals(root);
        } else {
            if (members.size() == 1 && (members.containsKey(REQUEST_ROOT) || members.containsKey(RESPONSE_ROOT))) {
                throw OneM2MException.badRequest("a " + s.token().toUpperCase() + " primitive is not wrapped in m2m:rqp"
                        + " or m2m:rsp (TS-0004 8.4.2)");
            }
            response = PrimitiveMaps.isResponse(members);
        }
        if (response) {
            return new Response(PrimitiveMaps.response(members));
        }
        try {
            return new Request(PrimitiveMaps.request(members, s, now));
        } catch (OneM2MException e) {
            throw new InvalidRequest(e, partial(members));
        }
    }

    /** rqi, fr, to and rvi of a request that is invalid otherwise, each only where it is a plain value. */
    private static RequestPrimitive partial(Map<?, ?> members) {
        RequestPrimitive p = new RequestPrimitive();
        p.requestIdentifier = plain(members.get("rqi"));
        p.from = plain(members.get("fr"));
        p.to = plain(members.get("to"));
        p.releaseVersionIndicator = plain(members.get("rvi"));
        return p;
    }

    private static String plain(Object v) {
        return v instanceof String || v instanceof Number ? String.valueOf(v) : null;
    }

    /** The error response to a message that could not be decoded: 4000 with the reason, echoing what it could. */
    public static ResponsePrimitive errorResponse(OneM2MException e) {
        RequestPrimitive echo = e instanceof InvalidRequest invalid ? invalid.partial() : new RequestPrimitive();
        ResponsePrimitive rsp = ResponsePrimitive.error(e.rsc() == null ? ResponseStatusCode.BAD_REQUEST : e.rsc(), e.getMessage());
        return rsp.echo(echo);
    }
}
