package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.ops.KeelMetrics;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bounded work: what arrives while every worker is busy and the queue is full is answered at once, not queued. */
class MqttWorkersTest {

    @Test
    void aFullQueueSaysNoInsteadOfGrowing() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MqttWorkers workers = new MqttWorkers(1, 1)) {
            assertTrue(workers.offer(() -> {
                running.countDown();
                await(release);
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            CountDownLatch queuedRan = new CountDownLatch(1);
            assertTrue(workers.offer(queuedRan::countDown), "one may wait in the queue");
            assertFalse(workers.offer(() -> { }), "a second may not");
            assertEquals(1, workers.waiting());
            release.countDown();
            assertTrue(queuedRan.await(10, TimeUnit.SECONDS), "the queued one runs once the worker is free");
            CountDownLatch later = new CountDownLatch(1);
            assertTrue(workers.offer(later::countDown), "taken again once there is room");
            assertTrue(later.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void ts0010_6_4_3_aRefusedRequestIsAnswered5000OnItsResponseTopic() {
        List<String> topics = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        MqttRequests requests = new MqttRequests(null, new KeelMetrics(), null, "id-in", false, (topic, payload) -> {
            topics.add(topic);
            payloads.add(payload);
            return CompletableFuture.completedFuture(null);
        });
        String request = "{\"op\":2,\"to\":\"cse-in\",\"fr\":\"Cae\",\"rqi\":\"busy-1\",\"rvi\":\"3\"}";
        requests.refuseBusy(MqttTopics.parse("/oneM2M/req/Cae/id-in/json"), request.getBytes(StandardCharsets.UTF_8),
                "this CSE has 1000 MQTT requests waiting already; try again later");

        assertEquals(List.of("/oneM2M/resp/Cae/id-in/json"), topics);
        ResponsePrimitive rsp = PrimitiveCodec.decodeResponse(payloads.get(0), Serialization.JSON);
        assertEquals(ResponseStatusCode.INTERNAL_SERVER_ERROR, rsp.responseStatusCode);
        assertEquals("busy-1", rsp.requestIdentifier);
        assertEquals("Cae", rsp.to);
        assertEquals("/id-in", rsp.from);
        assertTrue(String.valueOf(rsp.content).contains("try again later"), String.valueOf(rsp.content));
    }

    @Test
    void ts0010_6_5_3_aRefusedCborRequestIsAnsweredInCbor() {
        List<String> topics = new ArrayList<>();
        MqttRequests requests = new MqttRequests(null, new KeelMetrics(), null, "id-in", false, (topic, payload) -> {
            topics.add(topic);
            assertEquals("busy-2", PrimitiveCodec.decodeResponse(payload, Serialization.CBOR).requestIdentifier);
            return CompletableFuture.completedFuture(null);
        });
        io.keel.primitive.RequestPrimitive req = new io.keel.primitive.RequestPrimitive();
        req.operation = io.keel.primitive.Operation.RETRIEVE;
        req.to = "cse-in";
        req.from = "Cae";
        req.requestIdentifier = "busy-2";
        req.releaseVersionIndicator = "3";
        requests.refuseBusy(MqttTopics.parse("/oneM2M/req/Cae/id-in/cbor"), PrimitiveCodec.encode(req, Serialization.CBOR), "busy");
        assertEquals(List.of("/oneM2M/resp/Cae/id-in/cbor"), topics);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
