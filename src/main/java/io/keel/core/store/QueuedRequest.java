package io.keel.core.store;

/** A request primitive waiting in a pollingChannel, serialized as JSON, until its AE fetches it or it expires. */
public record QueuedRequest(String id, String pollingChannel, long seq, long expiresMicros, String requestJson) {
}
