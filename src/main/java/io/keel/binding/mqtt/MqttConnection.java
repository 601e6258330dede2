package io.keel.binding.mqtt;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * This CSE's one session with its MQTT server (TS-0010 6.3): client id {@code C::<CSE-ID>} (6.3.3), clean session
 * false, no will. It connects in the background and stays connected: after a failed connect or a lost connection it
 * tries again with a growing pause (up to {@code keel.mqtt.reconnect-max}) and subscribes again, so a restarted server
 * without persistence still delivers. One WARNING per outage, one INFO when it is over, not one per try.
 */
final class MqttConnection implements MqttLink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttConnection.class.getName());
    private static final long FIRST_RETRY_MILLIS = 250;

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService retries;
    private final Set<String> filters = new CopyOnWriteArraySet<>();
    private final BiConsumer<String, byte[]> messages;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private long retryMillis = FIRST_RETRY_MILLIS;
    private boolean outage;
    private volatile boolean closed;

    /** @param messages gets each message of the subscribed topics, on the client's thread: it must not block */
    MqttConnection(MqttSettings settings, String clientId, BiConsumer<String, byte[]> messages) {
        this.settings = settings;
        this.messages = messages;
        try {
            client = new MqttAsyncClient(settings.url().toString(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("keel.mqtt.url " + settings.url() + ": " + e.getMessage(), e);
        }
        options = options(settings);
        // Answers published while the connection is down go out once it is back.
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(10_000);
        buffer.setDeleteOldestMessages(true);
        buffer.setPersistBuffer(false);
        client.setBufferOpts(buffer);
        client.setCallback(new Callback());
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-mqtt-connect");
            t.setDaemon(true);
            return t;
        });
    }

    /** TS-0010 6.3.3: MQTT 3.1.1, clean session false, no will; credentials and TLS as configured. */
    private static MqttConnectOptions options(MqttSettings settings) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false); // ours: it also covers a server that is down when the CSE starts
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setMaxInflight(1000);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        options.setSocketFactory(settings.tls() ? NoDelaySockets.tls(tls(settings).getSocketFactory()) : NoDelaySockets.plain());
        return options;
    }

    /**
     * Leaves the server for good (TS-0010 6.3.3): connects as {@code clientId} with clean session true, which deletes
     * the session the server keeps for it (subscriptions, queued messages), and disconnects. Not while this CSE is
     * connected with that id: the caller uses it for a session it no longer has.
     */
    static void leaveForGood(MqttSettings settings, String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(settings.url().toString(), clientId, new MemoryPersistence());
        try {
            MqttConnectOptions clean = options(settings);
            clean.setCleanSession(true);
            client.connect(clean).waitForCompletion(15_000);
            client.disconnect(2_000).waitForCompletion(5_000);
        } finally {
            client.close(true);
        }
    }

    /** Runs {@code first}, then starts connecting; subscribes to {@code subscriptions} at each connect. */
    void start(List<String> subscriptions, Runnable first) {
        filters.addAll(subscriptions);
        retries.execute(() -> {
            first.run();
            connect();
        });
    }

    /** Completes when the first connection is made (tests, logs); the binding works without waiting for it. */
    CompletableFuture<Void> connected() {
        return firstConnect;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Subscribes now (when connected) and at every later connect. */
    @Override
    public void subscribe(String filter) {
        if (filters.add(filter) && client.isConnected()) {
            subscribe(List.of(filter));
        }
    }

    /**
     * Publishes; the future completes when the server has it (QoS 1) or it is sent (QoS 0), and fails when it cannot
     * be sent.
     */
    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(topic, payload, settings.qos(), false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connectedNow();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lost("cannot connect to", e);
                }
            });
        } catch (MqttException e) {
            lost("cannot connect to", e);
        }
    }

    private synchronized void connectedNow() {
        retryMillis = FIRST_RETRY_MILLIS;
        subscribe(List.copyOf(filters));
        if (outage) {
            outage = false;
            LOG.info(() -> "MQTT: connected to " + settings.url() + " again");
        } else {
            LOG.info(() -> "MQTT: connected to " + settings.url() + " as " + client.getClientId());
        }
        firstConnect.complete(null);
    }

    private synchronized void lost(String what, Throwable e) {
        if (closed) {
            return;
        }
        if (!outage) {
            outage = true;
            LOG.warning(() -> "MQTT: " + what + " " + settings.url() + " (" + reason(e) + "); trying again until it answers");
        }
        long wait = retryMillis;
        retryMillis = Math.min(retryMillis * 2, settings.reconnectMaxMillis());
        retries.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    private void subscribe(List<String> list) {
        if (list.isEmpty()) {
            return;
        }
        int[] qos = new int[list.size()];
        java.util.Arrays.fill(qos, settings.qos());
        try {
            client.subscribe(list.toArray(String[]::new), qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.fine(() -> "MQTT: subscribed to " + list);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warning(() -> "MQTT: the server refused the subscription to " + list + ": " + reason(e));
                }
            });
        } catch (MqttException e) {
            LOG.warning(() -> "MQTT: cannot subscribe to " + list + ": " + reason(e));
        }
    }

    /** Why a connect failed, in words an operator can act on: credentials and certificates name their settings. */
    static String reason(Throwable e) {
        if (e instanceof MqttException m && (m.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || m.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED)) {
            return "the server refused the user name or password (keel.mqtt.username, keel.mqtt.password): " + m.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                Throwable root = t;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                return "the server's certificate is not trusted (keel.mqtt.tls.truststore): " + root.getMessage();
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static SSLContext tls(MqttSettings s) {
        try {
            KeyManagerFactory keys = null;
            if (s.keyStore() != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(s.keyStore(), s.keyStorePassword(), s.keyStoreType()), s.keyStorePassword().toCharArray());
            }
            TrustManagerFactory trust = null;
            if (s.trustStore() != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(s.trustStore(), s.trustStorePassword(), s.trustStoreType()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("MQTT over TLS: cannot use the key or trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String password, String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** Stops reconnecting and leaves the server; the session (clean session false) stays there for the next start. */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "MQTT: disconnecting", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "MQTT: closing the client", e);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            lost("lost the connection to", cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.accept(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
