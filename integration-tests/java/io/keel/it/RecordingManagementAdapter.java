package io.keel.it;

import io.keel.core.management.ActionOutcome;
import io.keel.core.management.ManagementAction;
import io.keel.core.management.ManagementAdapter;
import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A management adapter for the integration tests, deployed inside the CSE by {@link #war()}: target/keel.war with this
 * class and its {@code META-INF/services} entry added (the CSE finds adapters with a ServiceLoader). The nodeID
 * ({@code ni}) of a node says how its "device" behaves:
 * <ul>
 * <li>{@code ok-…}: carries out every action at once, successfully;</li>
 * <li>{@code fail-…}: refuses every action (execResult 2, STATUS_REQUEST_DENIED);</li>
 * <li>{@code offline-…}: cannot be reached (6020 MGMT_SESSION_CANNOT_BE_ESTABLISHED);</li>
 * <li>{@code silent-…}: never answers; a cancellation succeeds;</li>
 * <li>{@code stubborn-…}: never answers; a cancellation fails;</li>
 * <li>anything else: no adapter manages the node.</li>
 * </ul>
 * Each action (and cancellation) is reported as a JSON POST {@code {"kind": "perform"|"cancel", "ni", "ri", "mgd",
 * "action", "arguments"}} to the URL of the system property {@value #REPORTS} when a test sets it (the CSE runs in the
 * test's JVM), e.g. a {@link NotificationReceiver}'s.
 */
public final class RecordingManagementAdapter implements ManagementAdapter {
    /** The system property naming where the adapter reports what it was handed. */
    public static final String REPORTS = "keel.it.management.reports";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The CSE's WAR with this adapter in it. */
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, BuiltWar.file())
                .addClass(RecordingManagementAdapter.class)
                .addAsResource(new StringAsset(RecordingManagementAdapter.class.getName() + "\n"),
                        "META-INF/services/" + ManagementAdapter.class.getName());
    }

    @Override
    public boolean manages(Resource node) {
        String ni = String.valueOf(node.get("ni"));
        return ni.startsWith("ok-") || ni.startsWith("fail-") || ni.startsWith("offline-") || ni.startsWith("silent-")
                || ni.startsWith("stubborn-");
    }

    @Override
    public CompletionStage<ActionOutcome> perform(ManagementAction action) {
        report("perform", action);
        String ni = action.nodeId();
        if (ni.startsWith("ok-")) {
            return CompletableFuture.completedFuture(ActionOutcome.success("done"));
        }
        if (ni.startsWith("fail-")) {
            return CompletableFuture.completedFuture(new ActionOutcome(false, "the device refused", Map.of("exr", 2L)));
        }
        if (ni.startsWith("offline-")) {
            return CompletableFuture.failedFuture(new OneM2MException(ResponseStatusCode.MGMT_SESSION_CANNOT_BE_ESTABLISHED,
                    "device " + ni + " is offline"));
        }
        return new CompletableFuture<>(); // silent, stubborn: never answers
    }

    @Override
    public CompletionStage<ActionOutcome> cancel(ManagementAction action) {
        report("cancel", action);
        return CompletableFuture.completedFuture(action.nodeId().startsWith("stubborn-")
                ? ActionOutcome.failure("the device would not stop") : ActionOutcome.success("cancelled"));
    }

    private static void report(String kind, ManagementAction action) {
        String url = System.getProperty(REPORTS);
        if (url == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("ni", action.nodeId());
        body.put("ri", action.targetRi());
        body.put("mgd", action.mgd());
        body.put("action", action.action());
        body.put("arguments", action.arguments());
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ContentCodec.toJson(body))).build(), HttpResponse.BodyHandlers.discarding());
    }
}
