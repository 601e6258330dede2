package io.keel.core;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;

/**
 * The checks every request primitive must pass before anything is looked up (TS-0004 7.3.2.1).
 * The binding runs them so that it answers such requests itself; the core runs them again for requests
 * that reach it by other paths.
 */
public final class RequestValidation {
    private RequestValidation() {
    }

    public static void checkEnvelope(RequestPrimitive req, Instant now) {
        if (req.requestIdentifier == null || req.requestIdentifier.isEmpty()) {
            throw OneM2MException.badRequest("request identifier (X-M2M-RI) is missing");
        }
        if (req.requestExpirationTimestamp != null && !req.requestExpirationTimestamp.isAfter(now)) {
            throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT, "the request expired (X-M2M-RET) before it was processed");
        }
        refuseContradictoryTimes(req);
        if (req.releaseVersionIndicator == null) {
            // A request without rvi comes from a Release 1 entity: the receiver adds rvi 1 (TS-0004 7.3.2.1).
            req.releaseVersionIndicator = ReleaseVersion.RELEASE_1;
        }
        if (!ReleaseVersion.isSupported(req.releaseVersionIndicator)) {
            throw new OneM2MException(ResponseStatusCode.RELEASE_VERSION_NOT_SUPPORTED, "release " + req.releaseVersionIndicator
                    + " is not supported; this CSE serves " + String.join(", ", ReleaseVersion.SUPPORTED));
        }
    }

    /**
     * A request whose times cannot all hold is never executed, also not in the background (TS-0004 7.3.2.1: the
     * request expiration, operation execution and result expiration times): executed after its own expiration
     * (X-M2M-OET after X-M2M-RET), or with a result that expires before the operation runs (X-M2M-OET after
     * X-M2M-RST) or before the request does (X-M2M-RST before X-M2M-RET).
     */
    private static void refuseContradictoryTimes(RequestPrimitive req) {
        Instant ret = req.requestExpirationTimestamp;
        Instant oet = req.operationExecutionTime;
        Instant rst = req.resultExpirationTimestamp;
        if (ret != null && oet != null && oet.isAfter(ret)) {
            throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT,
                    "the request expires (X-M2M-RET) before its operation execution time (X-M2M-OET)");
        }
        if (rst != null && oet != null && oet.isAfter(rst)) {
            throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT,
                    "the result expires (X-M2M-RST) before the operation execution time (X-M2M-OET)");
        }
        if (rst != null && ret != null && rst.isBefore(ret)) {
            throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT,
                    "the result expires (X-M2M-RST) before the request does (X-M2M-RET)");
        }
    }
}
