package io.keel.binding.mqtt;

import io.keel.binding.mqtt.MqttTopics.Kind;
import io.keel.binding.mqtt.MqttTopics.Topic;
import io.keel.core.Outbound;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What this CSE sends over MQTT (TS-0010 6.4.2, 6.6), always through the one server it is connected to (a point of
 * access naming another server is unreachable, 5103: TS-0010 6.3.3 has an entity reach every other through its own
 * server).
 * <ul>
 * <li>To an entity whose pointOfAccess is {@code mqtt://host:port[/prefix]}: the request is published on
 * {@code [prefix]/oneM2M/req/<this CSE>/<receiver>/<type>} and its answer awaited on
 * {@code [prefix]/oneM2M/resp/<this CSE>/<receiver>/<type>}, matched by receiver and rqi, until the timeout (4008).
 * The receiver is the request's To (a Notify for an AE) or the next hop's CSE-ID (a forwarded request).</li>
 * <li>To a notificationURI {@code mqtt://host:port/<topic>}: the Notify is published on that topic. TS-0010 names no
 * answer topic for it, so the server's acknowledgement counts as delivery (2000).</li>
 * </ul>
 */
final class MqttSender implements Outbound {
    private static final Logger LOG = Logger.getLogger(MqttSender.class.getName());

    private final MqttLink connection;
    private final MqttAddress server;
    private final String spRelativeCseId;
    private final String originatorLevel;
    private final long timeoutMillis;
    private final Map<String, CompletableFuture<ResponsePrimitive>> awaited = new ConcurrentHashMap<>();

    /**
     * @param server        the server {@code connection} goes to
     * @param cseId         this CSE's CSE-ID without the slash, its originator level in topics
     * @param timeoutMillis how long the receiver of a notification has to answer
     */
    MqttSender(MqttLink connection, MqttAddress server, String cseId, long timeoutMillis) {
        this.connection = connection;
        this.server = server;
        this.spRelativeCseId = "/" + cseId;
        this.originatorLevel = MqttTopics.level(cseId);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean reaches(String pointOfAccess) {
        return pointOfAccess.regionMatches(true, 0, "mqtt://", 0, 7) || pointOfAccess.regionMatches(true, 0, "mqtts://", 0, 8);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive req, String url, Serialization serialization) {
        try {
            MqttAddress target = usable(url);
            // A notificationURI reaches Delivery as the Notify's To; a pointOfAccess is the address of the AE in To.
            if (url.equals(req.to) && !target.path().isEmpty()) {
                return publishNotification(req, target, serialization);
            }
            return request(req, target, receiverLevel(req.to), serialization, timeoutMillis);
        } catch (OneM2MException e) {
            return unreachable(e.getMessage());
        }
    }

    @Override
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive req, Serialization serialization, Hop hop) {
        try {
            MqttAddress target = usable(hop.pointOfAccess());
            if (hop.cseId() == null) {
                throw OneM2MException.badRequest("the CSE-ID of the next hop at " + hop.pointOfAccess()
                        + " is unknown, and an MQTT request topic names its receiver (TS-0010 6.4.2)");
            }
            return request(req, target, receiverLevel(hop.cseId()), serialization, hop.timeoutMillis());
        } catch (OneM2MException e) {
            return unreachable(e.getMessage());
        }
    }

    /** An answer on {@code /oneM2M/resp/<this CSE>/<receiver>/<type>}. */
    void answered(Topic topic, byte[] payload) {
        if (topic.serialization() == null) {
            LOG.fine(() -> "MQTT: an answer of unknown type from " + topic.receiver() + " is ignored");
            return;
        }
        ResponsePrimitive rsp;
        try {
            rsp = PrimitiveCodec.decodeResponse(payload, topic.serialization());
        } catch (OneM2MException e) {
            LOG.info(() -> "MQTT: " + topic.receiver() + " answered with no response primitive: " + e.getMessage());
            return;
        }
        CompletableFuture<ResponsePrimitive> waiting = awaited.remove(key(topic.receiver(), rsp.requestIdentifier));
        if (waiting == null) {
            LOG.fine(() -> "MQTT: an answer from " + topic.receiver() + " to " + rsp.requestIdentifier + " that nobody awaits (late?)");
            return;
        }
        waiting.complete(rsp);
    }

    private MqttAddress usable(String url) {
        MqttAddress target = MqttAddress.parse(url);
        if (!target.sameServer(server)) {
            throw OneM2MException.badRequest(url + " is on another MQTT server; this CSE is a client of " + server
                    + " (keel.mqtt.url) only");
        }
        if (!connection.isConnected()) {
            throw OneM2MException.badRequest("this CSE is not connected to its MQTT server " + server + " at the moment");
        }
        return target;
    }

    private CompletableFuture<ResponsePrimitive> publishNotification(RequestPrimitive req, MqttAddress target, Serialization s) {
        return connection.publish(target.path(), PrimitiveCodec.encode(req, s)).handle((ok, e) -> e == null
                ? new ResponsePrimitive(ResponseStatusCode.OK, null)
                : failed("cannot publish to " + target + ": " + e.getMessage()));
    }

    private CompletableFuture<ResponsePrimitive> request(RequestPrimitive req, MqttAddress target, String receiver,
                                                         Serialization s, long timeout) {
        String prefix = target.topicPrefix();
        if (!prefix.isEmpty()) {
            connection.subscribe(prefix + MqttTopics.responseFilter(originatorLevel));
        }
        String key = key(receiver, req.requestIdentifier);
        CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
        if (awaited.putIfAbsent(key, answer) != null) {
            return unreachable("a request " + req.requestIdentifier + " to " + receiver + " is awaiting its answer already");
        }
        String topic = prefix + MqttTopics.topic(Kind.REQ, originatorLevel, receiver, s);
        connection.publish(topic, PrimitiveCodec.encode(req, s)).whenComplete((ok, e) -> {
            if (e != null) {
                answer.complete(failed("cannot publish to " + topic + ": " + e.getMessage()));
            }
        });
        return answer.completeOnTimeout(ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT, "no answer from "
                                + receiver + " on " + prefix + MqttTopics.topic(Kind.RESP, originatorLevel, receiver, s)
                                + " within " + timeout + " ms"), timeout, TimeUnit.MILLISECONDS)
                .whenComplete((rsp, e) -> awaited.remove(key, answer));
    }

    /** To as a topic level: an AE of this CSE by its AE-ID-Stem, as it subscribes (TS-0010 7.4). */
    private String receiverLevel(String to) {
        if (to == null || to.isEmpty()) {
            throw OneM2MException.badRequest("the request names no receiver (To), which its MQTT topic needs");
        }
        String id = to.startsWith(spRelativeCseId + "/") ? to.substring(spRelativeCseId.length() + 1) : to;
        return MqttTopics.level(id);
    }

    private static String key(String receiver, String rqi) {
        return receiver + "\u0000" + rqi;
    }

    private static ResponsePrimitive failed(String reason) {
        LOG.warning(() -> "MQTT: " + reason);
        return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, reason);
    }

    private static CompletableFuture<ResponsePrimitive> unreachable(String reason) {
        return CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, reason));
    }

    /** The connection belongs to the binding, which closes it after the CSE. */
    @Override
    public void close() {
        awaited.values().forEach(a -> a.complete(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                "the CSE is stopping")));
    }
}
