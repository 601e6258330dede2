package io.keel.interworking.lwm2m;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The requests the bridge sends to a registered client, as futures that always complete: with the client's answer,
 * or exceptionally with the oneM2M code of why there was none (TS-0004 7.3.4.3: 6021 when the client did not answer
 * in time, 6020 when no request could reach it).
 */
final class DeviceRequests {
    private final LeshanServer server;
    private final long timeoutMillis;

    DeviceRequests(LeshanServer server, long timeoutMillis) {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    /** The client's present registration, or a 6020 when it has none (deregistered, expired, never came). */
    Registration registration(String endpoint) {
        Registration reg = server.getRegistrationService().getByEndpoint(endpoint);
        if (reg == null) {
            throw new OneM2MException(ResponseStatusCode.MGMT_SESSION_CANNOT_BE_ESTABLISHED,
                    "the LwM2M client " + endpoint + " is not registered with the bridge");
        }
        return reg;
    }

    CompletableFuture<LwM2mResponse> execute(Registration reg, String path) {
        return send(reg, new ExecuteRequest(path), "Execute " + path);
    }

    CompletableFuture<LwM2mResponse> write(Registration reg, int objectId, int instanceId, int resourceId, String value) {
        return send(reg, new WriteRequest(objectId, instanceId, resourceId, value),
                "Write /" + objectId + "/" + instanceId + "/" + resourceId);
    }

    /** The values of an object instance. */
    CompletableFuture<Map<Integer, Object>> read(Registration reg, int objectId, int instanceId) {
        return send(reg, new ReadRequest(objectId, instanceId), "Read /" + objectId + "/" + instanceId)
                .thenApply(rsp -> {
                    if (!rsp.isSuccess()) {
                        throw new OneM2MException(ResponseStatusCode.MGMT_CONVERSION_ERROR, "Read /" + objectId + "/"
                                + instanceId + " answered " + rsp.getCode() + describe(rsp));
                    }
                    return Lwm2mValues.of(((ReadResponse) rsp).getContent());
                });
    }

    <T extends LwM2mResponse> CompletableFuture<LwM2mResponse> send(Registration reg, DownlinkRequest<T> request, String what) {
        CompletableFuture<LwM2mResponse> answer = new CompletableFuture<>();
        try {
            server.send(reg, request, timeoutMillis, answer::complete, e -> answer.completeExceptionally(translate(e, reg, what)));
        } catch (RuntimeException e) {
            answer.completeExceptionally(translate(e, reg, what));
        }
        return answer;
    }

    private OneM2MException translate(Exception e, Registration reg, String what) {
        if (e instanceof TimeoutException) {
            return new OneM2MException(ResponseStatusCode.MGMT_SESSION_ESTABLISHMENT_TIMEOUT,
                    "the LwM2M client " + reg.getEndpoint() + " did not answer " + what + " within " + timeoutMillis + " ms");
        }
        return new OneM2MException(ResponseStatusCode.MGMT_SESSION_CANNOT_BE_ESTABLISHED,
                what + " could not reach the LwM2M client " + reg.getEndpoint() + ": " + e.getMessage());
    }

    static String describe(LwM2mResponse rsp) {
        return rsp.getErrorMessage() == null ? "" : " (" + rsp.getErrorMessage() + ")";
    }
}
