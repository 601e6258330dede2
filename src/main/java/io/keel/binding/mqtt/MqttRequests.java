package io.keel.binding.mqtt;

import io.keel.binding.Intake;
import io.keel.binding.mqtt.MqttTopics.Kind;
import io.keel.binding.mqtt.MqttTopics.Topic;
import io.keel.ops.KeelMetrics;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * The receiving side (TS-0010 6.4.3, 6.4.4): a request read from {@code /oneM2M/req/<originator>/<receiver>/<type>}
 * (or {@code reg_req}) is executed once through the {@link Intake} and answered on
 * {@code /oneM2M/resp/<originator>/<receiver>/<type>} (or {@code reg_resp}) in the request's serialization (6.5.3),
 * with To and From. A payload that is no request primitive is answered 4000 on the same response topic.
 *
 * <p>Who the originator is: the MQTT server authenticates clients and restricts the topics they may publish to
 * (TS-0010 7.2), so the topic's originator is the one to believe. A request whose From names someone else is refused
 * (4000), except an AE's registration (whose AE-ID is not known yet, 6.4.4) and a request a CSE passes on for another
 * originator (TS-0004 7.3.2.6: the From of a forwarded request stays the original one). With
 * {@code keel.mqtt.broker-authenticates} the originator counts as authenticated, as an HTTP-authenticated one does.
 */
final class MqttRequests {
    private static final Logger LOG = Logger.getLogger(MqttRequests.class.getName());
    static final String BINDING = "mqtt";

    private final Intake intake;
    private final KeelMetrics metrics;
    private final RecentRequests recent;
    private final String spRelativeCseId;
    private final boolean brokerAuthenticates;
    private final BiFunction<String, byte[], CompletableFuture<Void>> publisher;

    /**
     * @param cseId     this CSE's CSE-ID without the slash ({@code id-in})
     * @param publisher publishes an answer on a topic
     */
    MqttRequests(Intake intake, KeelMetrics metrics, RecentRequests recent, String cseId, boolean brokerAuthenticates,
                 BiFunction<String, byte[], CompletableFuture<Void>> publisher) {
        this.intake = intake;
        this.metrics = metrics;
        this.recent = recent;
        this.spRelativeCseId = "/" + cseId;
        this.brokerAuthenticates = brokerAuthenticates;
        this.publisher = publisher;
    }

    /**
     * A request that arrives while every worker is busy and {@code keel.mqtt.queue} requests wait already: answered
     * 5000 on its response topic at once, not executed. The originator is not at fault (so no 4xxx), and TS-0004 has no
     * code for "busy, try again": 5000 with an m2m:dbg that says so. Decoded here only to echo its rqi.
     */
    void refuseBusy(Topic topic, byte[] payload, String reason) {
        if (topic.serialization() == null) {
            receive(topic, payload); // answered 4000 without executing anything
            return;
        }
        Serialization s = topic.serialization();
        String answerTopic = MqttTopics.topic(topic.kind().answer(), topic.originator(), topic.receiver(), s);
        ResponsePrimitive rsp;
        try {
            RequestPrimitive req = PrimitiveCodec.decodeRequest(payload, s, Instant.now());
            rsp = withAddresses(ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR, reason).echo(req), req);
        } catch (OneM2MException e) {
            rsp = PrimitiveCodec.errorResponse(e);
            rsp.to = partialFrom(e);
        }
        metrics.refused(BINDING, rsp.responseStatusCode.code());
        answer(answerTopic, rsp, s, topic.originator());
    }

    /** A request message on a req or reg_req topic; answered asynchronously. */
    void receive(Topic topic, byte[] payload) {
        Serialization s = topic.serialization() == null ? Serialization.JSON : topic.serialization();
        String answerTopic = MqttTopics.topic(topic.kind().answer(), topic.originator(), topic.receiver(), s);
        if (topic.serialization() == null) {
            answer(answerTopic, ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, "the topic ends with no payload type"
                    + " oneM2M knows: json, xml or cbor (TS-0010 6.5.4)"), s, topic.originator());
            return;
        }
        RequestPrimitive req;
        try {
            req = PrimitiveCodec.decodeRequest(payload, s, Instant.now());
        } catch (OneM2MException e) {
            ResponsePrimitive rsp = PrimitiveCodec.errorResponse(e);
            rsp.to = partialFrom(e);
            metrics.refused(BINDING, rsp.responseStatusCode.code());
            answer(answerTopic, rsp, s, topic.originator());
            return;
        }
        req.binding = BINDING;
        OneM2MException wrongOriginator = checkOriginator(topic, req);
        if (wrongOriginator != null) {
            ResponsePrimitive rsp = ResponsePrimitive.error(wrongOriginator.rsc(), wrongOriginator.getMessage()).echo(req);
            metrics.refused(BINDING, rsp.responseStatusCode.code());
            answer(answerTopic, withAddresses(rsp, req), s, topic.originator());
            return;
        }
        req.originatorAuthenticated = brokerAuthenticates && topic.kind() == Kind.REQ;
        recent.answer(topic.originator(), req.requestIdentifier, () -> intake.handle(req))
                .thenAccept(rsp -> answer(answerTopic, withAddresses(rsp, req), s, topic.originator()));
    }

    /**
     * TS-0010 7.2: on a req topic the From must be the topic's originator, in any of its forms ({@code Cae},
     * {@code /id-in/Cae}), an entity below it ({@code /id-mn/Cae} from {@code id-mn}), or anyone when the topic's
     * originator is a CSE passing a request on (TS-0001 7.2: AE-IDs start with C or S, CSE-IDs are the rest).
     */
    OneM2MException checkOriginator(Topic topic, RequestPrimitive req) {
        if (topic.kind() != Kind.REQ || req.from == null || req.from.isEmpty() || registersAnAe(req)) {
            return null; // reg_req: the topic names a Credential-ID, not an ID (6.4.4)
        }
        String from = req.from.startsWith(spRelativeCseId + "/") ? req.from.substring(spRelativeCseId.length() + 1) : req.from;
        String level = MqttTopics.level(from);
        String originator = topic.originator();
        boolean aeTopic = originator.startsWith("C") || originator.startsWith("S");
        if (level.equals(originator) || level.startsWith(originator + ":") || !aeTopic) {
            return null;
        }
        return OneM2MException.badRequest("the request comes from " + originator + " (its topic " + "/oneM2M/req/"
                + originator + "/" + topic.receiver() + "), not from " + req.from + " as fr says (TS-0010 7.2)");
    }

    private static boolean registersAnAe(RequestPrimitive req) {
        return req.operation == Operation.CREATE && req.resourceType != null && req.resourceType == 2;
    }

    /** The response carries To (the originator) and From (this CSE) as TS-0010 6.5.2 shows. */
    private ResponsePrimitive withAddresses(ResponsePrimitive rsp, RequestPrimitive req) {
        rsp.to = req.from;
        rsp.from = spRelativeCseId;
        return rsp;
    }

    private static String partialFrom(OneM2MException e) {
        return e instanceof PrimitiveCodec.InvalidRequest invalid ? invalid.partial().from : null;
    }

    private void answer(String topic, ResponsePrimitive rsp, Serialization s, String originator) {
        if (rsp.from == null) {
            rsp.from = spRelativeCseId;
        }
        byte[] payload;
        try {
            payload = PrimitiveCodec.encode(rsp, s);
        } catch (RuntimeException e) {
            LOG.warning(() -> "MQTT: cannot serialize the answer " + rsp.requestIdentifier + " for " + originator + ": " + e);
            return;
        }
        publisher.apply(topic, payload).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warning(() -> "MQTT: the answer " + rsp.requestIdentifier + " to " + originator + " was not published: " + e.getMessage());
            }
        });
    }
}
