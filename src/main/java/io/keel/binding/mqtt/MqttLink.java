package io.keel.binding.mqtt;

import java.util.concurrent.CompletableFuture;

/** What the sending side needs of the connection to the MQTT server. */
interface MqttLink {
    boolean isConnected();

    /** Completes when the server has the message; fails when it cannot be sent. */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    /** Subscribes now and after every reconnect. */
    void subscribe(String filter);
}
