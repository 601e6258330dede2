package io.keel.binding.mqtt;

import io.keel.binding.Intake;
import io.keel.binding.Outbounds;
import io.keel.binding.mqtt.MqttTopics.Kind;
import io.keel.binding.mqtt.MqttTopics.Topic;
import io.keel.core.Settings;
import io.keel.ops.KeelMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The MQTT binding (TS-0010), on when {@code keel.mqtt.url} is set: this CSE as a client of an existing MQTT server.
 * {@link #create} registers its outgoing side for {@code mqtt}/{@code mqtts} before the CSE starts (so the first
 * registration with an MQTT registrar finds it), {@link #start} subscribes once the CSE can take requests, and
 * {@link #close} leaves the server before the CSE stops.
 */
public final class MqttBinding implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttBinding.class.getName());
    private static final int REMEMBERED_REQUESTS = 100_000;

    private final MqttSettings settings;
    private final MqttConnection connection;
    private final MqttSender sender;
    private final String cseId;
    private final String receiverLevel;
    private final MqttWorkers workers;
    private volatile boolean overloaded;
    private volatile MqttRequests requests;

    private MqttBinding(MqttSettings settings, String cseId, long notificationTimeoutMillis) {
        this.settings = settings;
        this.cseId = cseId;
        this.receiverLevel = MqttTopics.level(cseId);
        this.connection = new MqttConnection(settings, "C::" + cseId, this::arrived);
        this.sender = new MqttSender(connection, MqttAddress.ofServer(settings.url()), cseId, notificationTimeoutMillis);
        this.workers = new MqttWorkers(settings.workers(), settings.queue());
    }

    /**
     * The binding when {@code keel.mqtt.url} is set, its outgoing side registered with {@code outbounds}; else null.
     */
    public static MqttBinding create(Settings settings, Outbounds outbounds) {
        MqttSettings mqtt = MqttSettings.of(settings);
        if (mqtt == null) {
            return null;
        }
        MqttBinding binding = new MqttBinding(mqtt, settings.cseId(), settings.getLong("keel.notification.timeout", 5_000));
        outbounds.register(binding.sender, "mqtt", "mqtts");
        return binding;
    }

    /**
     * Connects (in the background, again and again until the server answers) and subscribes to the requests for this
     * CSE (TS-0010 6.4.3), initial registrations (6.4.4) and the answers to what it sends (6.5.4).
     */
    public void start(Intake intake, KeelMetrics metrics) {
        requests = new MqttRequests(intake, metrics,
                new RecentRequests(Duration.ofMillis(settings.duplicateWindowMillis()), REMEMBERED_REQUESTS, Clock.systemUTC()),
                cseId, settings.brokerAuthenticates(), connection::publish);
        connection.start(List.of(MqttTopics.requestFilter(Kind.REQ, receiverLevel),
                MqttTopics.requestFilter(Kind.REG_REQ, receiverLevel), MqttTopics.responseFilter(receiverLevel)));
        LOG.info(() -> "MQTT binding: server " + settings.url() + ", requests for " + receiverLevel);
    }

    /** Completes once the first connection to the server is made. */
    public CompletableFuture<Void> connected() {
        return connection.connected();
    }

    /** A message of a subscribed topic; a point of access's topic prefix, if any, is ahead of {@code /oneM2M/}. */
    private void arrived(String topic, byte[] payload) {
        int root = topic.indexOf(MqttTopics.ROOT);
        Topic t = root < 0 ? null : MqttTopics.parse(topic.substring(root));
        if (t == null) {
            LOG.fine(() -> "MQTT: ignoring a message on " + topic + ", which is no oneM2M topic");
            return;
        }
        switch (t.kind()) {
            case REQ, REG_REQ -> {
                if (t.receiver().equals(receiverLevel) && requests != null) {
                    MqttRequests r = requests;
                    if (workers.offer(() -> r.receive(t, payload))) {
                        overloaded = false;
                    } else if (!workers.stopping()) {
                        busy(r, t, payload);
                    }
                }
            }
            case RESP -> {
                // Dropped when the workers are swamped: the request it answers ends with 4008 as with a lost answer.
                if (t.originator().equals(receiverLevel) && !workers.offer(() -> sender.answered(t, payload))) {
                    LOG.fine(() -> "MQTT: no worker free for the answer on " + topic);
                }
            }
            case REG_RESP -> { } // this CSE registers with its own CSE-ID, never with a Credential-ID
        }
    }

    /** Every worker busy, the queue full: refused at once (one WARNING per such episode, each counted in metrics). */
    private void busy(MqttRequests r, Topic t, byte[] payload) {
        if (!overloaded) {
            overloaded = true;
            LOG.warning(() -> "MQTT: " + settings.queue() + " requests wait for a worker already (keel.mqtt.queue);"
                    + " refusing more with 5000 until one is free");
        }
        r.refuseBusy(t, payload, "this CSE has " + settings.queue() + " MQTT requests waiting already; try again later");
    }

    /** Leaves the server; requests still running are answered if the connection is still there. */
    @Override
    public void close() {
        workers.close();
        connection.close();
    }
}
