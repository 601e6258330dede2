package io.keel.it;

import io.keel.binding.http.HttpSender;
import io.keel.core.Outbound;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import io.keel.serialization.ContentCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared scenarios over the HTTP binding (TS-0009), the reference the other bindings are held to: primitives go
 * out through Keel's own HTTP client mapping, notifications come to a real HTTP receiver.
 */
class HttpScenariosIT extends KeelIT implements PrimitiveScenarios {
    private static HttpSender http;
    private static NotificationReceiver receiver;

    @BeforeAll
    static void start() {
        http = new HttpSender(10_000, 4, null);
        receiver = new NotificationReceiver();
    }

    @AfterAll
    static void stop() {
        http.close();
        receiver.close();
    }

    @Override
    public ResponsePrimitive exchange(RequestPrimitive request) throws Exception {
        String cse = base.toString().replaceAll("/$", "");
        return http.forward(request, Serialization.JSON, new Outbound.Hop(cse, null, 10_000)).get(15, TimeUnit.SECONDS);
    }

    @Override
    public List<String> aePointOfAccess(String originator) {
        return List.of(receiver.url("/" + originator));
    }

    @Override
    public RequestPrimitive requestReceivedBy(String originator, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            NotificationReceiver.Received r;
            try {
                r = receiver.next(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
            } catch (AssertionError none) {
                return null;
            }
            if (r.target().startsWith("/" + originator)) {
                RequestPrimitive notify = new RequestPrimitive();
                notify.operation = Operation.NOTIFY;
                notify.from = r.header("X-M2M-Origin");
                notify.requestIdentifier = r.header("X-M2M-RI");
                notify.content = ContentCodec.decode(r.body(), Serialization.JSON);
                return notify;
            }
        }
        return null;
    }
}
