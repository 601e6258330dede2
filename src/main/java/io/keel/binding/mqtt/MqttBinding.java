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
 * {@link #close} disconnects before the CSE stops, keeping the session for the next start. A start that finds the
 * session of a server the CSE no longer uses deletes it there ({@link MqttSessionRecord}, TS-0010 6.3.3).
 */
public final class MqttBinding implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttBinding.class.getName());
    private static final int REMEMBERED_REQUESTS = 100_000;
    /** In the data directory: the server holding this CSE's session (see {@link MqttSessionRecord}). */
    private static final String SESSION_FILE = "mqtt-session";

    private final MqttSettings settings;
    private final MqttConnection connection;
    private final MqttSender sender;
    private final String cseId;
    private final String receiverLevel;
    private final MqttWorkers workers;
    private final MqttSessionRecord sessions;
    private final MqttSessionRecord.Session session;
    /** Deletes a session of this CSE at a server it no longer uses, before the first connect (or does nothing). */
    private final Runnable leaveFirst;
    private volatile boolean overloaded;
    private volatile MqttRequests requests;

    private MqttBinding(MqttSettings settings, String cseId, long notificationTimeoutMillis, MqttSessionRecord sessions,
                        Runnable leaveFirst) {
        this.settings = settings;
        this.leaveFirst = leaveFirst;
        this.cseId = cseId;
        this.receiverLevel = MqttTopics.level(cseId);
        this.sessions = sessions;
        this.session = new MqttSessionRecord.Session(settings.url().toString(), clientId(cseId));
        this.connection = new MqttConnection(settings, session.clientId(), this::arrived);
        this.sender = new MqttSender(connection, MqttAddress.ofServer(settings.url()), cseId, notificationTimeoutMillis);
        this.workers = new MqttWorkers(settings.workers(), settings.queue());
    }

    /**
     * The binding when {@code keel.mqtt.url} is set, its outgoing side registered with {@code outbounds}; else null.
     */
    public static MqttBinding create(Settings settings, Outbounds outbounds) {
        MqttSettings mqtt = MqttSettings.of(settings);
        MqttSessionRecord sessions = new MqttSessionRecord(settings.dataDir().resolve(SESSION_FILE));
        MqttSessionRecord.Session abandoned = sessions.abandoned(mqtt == null ? null
                : new MqttSessionRecord.Session(mqtt.url().toString(), clientId(settings.cseId())));
        Runnable leave = abandoned == null ? () -> { } : () -> leave(settings, sessions, abandoned);
        if (mqtt == null) {
            if (abandoned != null) {
                Thread leaving = new Thread(leave, "keel-mqtt-leave");
                leaving.setDaemon(true);
                leaving.start(); // without holding up the start
            }
            return null;
        }
        MqttBinding binding = new MqttBinding(mqtt, settings.cseId(), settings.getLong("keel.notification.timeout", 5_000),
                sessions, leave);
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
        connection.connected().thenRun(() -> sessions.record(session));
        // Before the first connect: should the old session have the same client id at what is the same server under
        // another name, deleting it afterwards would throw this connection off.
        connection.start(List.of(MqttTopics.requestFilter(Kind.REQ, receiverLevel),
                MqttTopics.requestFilter(Kind.REG_REQ, receiverLevel), MqttTopics.responseFilter(receiverLevel)), leaveFirst);
        LOG.info(() -> "MQTT binding: server " + settings.url() + ", requests for " + receiverLevel);
    }

    /** TS-0010 6.3.2: a CSE's client id is its CSE-ID with C:: in front. */
    private static String clientId(String cseId) {
        return "C::" + cseId;
    }

    /**
     * TS-0010 6.3.3: the CSE left the server of its recorded session for good (see {@link MqttSessionRecord}): delete
     * the session there, once; on failure it is tried again at the next start.
     */
    private static void leave(Settings settings, MqttSessionRecord sessions, MqttSessionRecord.Session old) {
        try {
            MqttConnection.leaveForGood(MqttSettings.of(settings, old.url()), old.clientId());
            sessions.forget(old);
            LOG.info(() -> "MQTT: left " + old.url() + " for good: the session of " + old.clientId()
                    + " there is deleted (TS-0010 6.3.3)");
        } catch (Exception e) {
            LOG.warning(() -> "MQTT: cannot leave " + old.url() + " for good (" + MqttConnection.reason(e) + "); the session of "
                    + old.clientId() + " stays there. Trying again at the next start; delete "
                    + settings.dataDir().resolve(SESSION_FILE) + " to stop that");
        }
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
                        // Over once the queue is half empty again, not at the first free place: one WARNING per episode.
                        if (overloaded && workers.waiting() <= settings.queue() / 2) {
                            overloaded = false;
                            LOG.info("MQTT: the request queue has room again");
                        }
                    } else if (!workers.stopping()) {
                        busy(r, t, payload);
                    }
                }
            }
            case RESP -> {
                if (t.originator().equals(receiverLevel)) {
                    Runnable answered = () -> sender.answered(t, payload);
                    // With the queue full, taken here (decode and hand over, short): the workers may be the ones
                    // waiting for these answers (verifications, forwarded requests), so dropping them would prolong
                    // the overload until their timeouts.
                    if (!workers.offer(answered) && !workers.stopping()) {
                        answered.run();
                    }
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
