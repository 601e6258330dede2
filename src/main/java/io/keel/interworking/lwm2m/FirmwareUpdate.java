package io.keel.interworking.lwm2m;

import io.keel.core.management.ActionOutcome;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.server.registration.Registration;

/**
 * A firmware {@code ud} over the Firmware Update object /5 (LwM2M 1.0 E.6, pull mode): Write the package URI
 * (/5/0/1), wait until the client reports the package downloaded (State /5/0/3 = 2), Execute Update (/5/0/2), wait
 * for its Update Result (/5/0/5). The client is read every poll interval; the whole procedure has the action timeout.
 */
final class FirmwareUpdate {
    /** /5/0/3 State. */
    private static final long IDLE = 0;
    private static final long DOWNLOADED = 2;
    /** /5/0/5 Update Result: 0 initial, 1 success, 2… failures. */
    private static final long INITIAL = 0;
    private static final long UPDATED = 1;

    private final DeviceRequests requests;
    private final ScheduledExecutorService timer;
    private final long pollMillis;
    private final long timeoutMillis;

    FirmwareUpdate(DeviceRequests requests, ScheduledExecutorService timer, long pollMillis, long timeoutMillis) {
        this.requests = requests;
        this.timer = timer;
        this.pollMillis = pollMillis;
        this.timeoutMillis = timeoutMillis;
    }

    CompletionStage<ActionOutcome> run(Registration reg, String packageUri) {
        if (packageUri == null || packageUri.isBlank()) {
            return CompletableFuture.completedFuture(ActionOutcome.failure("the firmware has no URL to update from"));
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        return requests.write(reg, 5, 0, 1, packageUri).thenCompose(written -> {
            if (!written.isSuccess()) {
                return CompletableFuture.completedFuture(ActionOutcome.failure("Write /5/0/1 (package URI) answered "
                        + written.getCode() + DeviceRequests.describe(written)));
            }
            return awaitDownload(reg, deadline);
        });
    }

    private CompletionStage<ActionOutcome> awaitDownload(Registration reg, long deadline) {
        return poll(reg, deadline, v -> DOWNLOADED == number(v.get(3)) || number(v.get(5)) > UPDATED).thenCompose(v -> {
            if (number(v.get(5)) > UPDATED) {
                return CompletableFuture.completedFuture(ActionOutcome.failure("download failed: " + result(number(v.get(5)))));
            }
            return requests.execute(reg, "/5/0/2").thenCompose(executed -> {
                if (!executed.isSuccess()) {
                    return CompletableFuture.completedFuture(ActionOutcome.failure("Execute /5/0/2 (update) answered "
                            + executed.getCode() + DeviceRequests.describe(executed)));
                }
                return poll(reg, deadline, after -> number(after.get(5)) != INITIAL && number(after.get(3)) == IDLE
                        || number(after.get(5)) > UPDATED).thenApply(after -> {
                    long result = number(after.get(5));
                    String version = after.get(7) == null ? "" : " to version " + after.get(7);
                    return result == UPDATED
                            ? new ActionOutcome(true, "firmware updated" + version, after.get(7) == null ? Map.of() : Map.of("vr", String.valueOf(after.get(7))))
                            : ActionOutcome.failure("update failed: " + result(result));
                });
            });
        });
    }

    /** Reads /5/0 until {@code done} holds for what the client reports, or the deadline passes (6021). */
    private CompletableFuture<Map<Integer, Object>> poll(Registration reg, long deadline,
                                                         java.util.function.Predicate<Map<Integer, Object>> done) {
        return requests.read(reg, 5, 0).thenCompose(values -> {
            if (done.test(values)) {
                return CompletableFuture.completedFuture(values);
            }
            if (System.currentTimeMillis() + pollMillis > deadline) {
                return CompletableFuture.failedFuture(new OneM2MException(ResponseStatusCode.MGMT_SESSION_ESTABLISHMENT_TIMEOUT,
                        "the firmware update of " + reg.getEndpoint() + " did not finish within " + timeoutMillis
                                + " ms (state " + values.get(3) + ", result " + values.get(5) + ")"));
            }
            CompletableFuture<Map<Integer, Object>> later = new CompletableFuture<>();
            timer.schedule(() -> poll(reg, deadline, done).whenComplete((v, e) -> {
                if (e != null) {
                    later.completeExceptionally(e);
                } else {
                    later.complete(v);
                }
            }), pollMillis, TimeUnit.MILLISECONDS);
            return later;
        });
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    /** /5/0/5 Update Result codes (LwM2M 1.0 E.6). */
    static String result(long code) {
        return switch ((int) code) {
            case 2 -> "not enough flash memory (2)";
            case 3 -> "out of RAM (3)";
            case 4 -> "connection lost during download (4)";
            case 5 -> "integrity check failure (5)";
            case 6 -> "unsupported package type (6)";
            case 7 -> "invalid URI (7)";
            case 8 -> "firmware update failed (8)";
            case 9 -> "unsupported protocol (9)";
            default -> "update result " + code;
        };
    }
}
