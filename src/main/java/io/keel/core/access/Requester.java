package io.keel.core.access;

import java.time.Instant;

/**
 * Who asks, from where and when: what access control rules are matched against.
 *
 * @param originator the originator in its CSE-relative form
 * @param address the client's IP address as the binding saw it, or null
 * @param time the CSE clock at the request
 */
public record Requester(String originator, String address, Instant time) {
}
