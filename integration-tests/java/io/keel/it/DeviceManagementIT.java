package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the device management tests: the CSE deployed with the {@link RecordingManagementAdapter}, whose reports of
 * the actions it is handed arrive at {@link #device}, and a receiver of notifications at {@link #subscriber}.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeviceManagementIT {
    protected static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    protected URL base;

    protected OneM2MClient cse;
    /** What the adapter reports: one POST per action or cancellation it was handed. */
    protected NotificationReceiver device;
    protected NotificationReceiver subscriber;

    @Deployment(testable = false)
    public static WebArchive keelWithTestAdapter() {
        return RecordingManagementAdapter.war();
    }

    @BeforeEach
    void setUpDevices() {
        cse = new OneM2MClient(base);
        device = new NotificationReceiver();
        subscriber = new NotificationReceiver();
        System.setProperty(RecordingManagementAdapter.REPORTS, device.url("/device"));
    }

    @AfterEach
    void tearDownDevices() {
        System.clearProperty(RecordingManagementAdapter.REPORTS);
        device.close();
        subscriber.close();
    }

    /** A {@code <node>} under the CSEBase whose nodeID starts with the behaviour of its device; returns its ri. */
    protected String node(String behaviour) {
        String ni = OneM2MClient.unique(behaviour + "-");
        Reply r = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + ni + "\",\"ni\":\"" + ni + "\"}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:nod").path("ri").asText();
    }

    /** The resource at the (CSE-relative) address, as JSON under its root element. */
    protected JsonNode get(String ri, String root) {
        Reply r = cse.get("/" + ri).send();
        assertEquals(200, r.status(), r.text());
        return r.json().path(root);
    }

    /** Subscribes the {@link #subscriber} to the resource for the given event types; returns the subscription's ri. */
    protected String subscribe(String ri, String net) {
        Reply r = cse.create("/" + ri, 23, "{\"m2m:sub\":{\"nu\":[\"" + subscriber.url() + "\"],\"enc\":{\"net\":" + net + "}}}")
                .send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:sub").path("ri").asText();
    }

    /**
     * The adapter's next report about the target resource, of the kind (perform, cancel); reports about other
     * resources (an action of an earlier test that reached the device late) are passed over.
     */
    protected JsonNode report(String kind, String ri) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            JsonNode report = device.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).json();
            if (ri.equals(report.path("ri").asText())) {
                assertEquals(kind, report.path("kind").asText(), report.toString());
                return report;
            }
        }
    }

    /** Within the time given, the adapter reports nothing about the target resource. */
    protected void expectNoReport(String ri, Duration during) {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode report;
            try {
                report = device.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).json();
            } catch (AssertionError nothingArrived) {
                return;
            }
            assertFalse(ri.equals(report.path("ri").asText()), "the adapter was handed " + report);
        }
    }
}
