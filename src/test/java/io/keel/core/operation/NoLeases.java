package io.keel.core.operation;

import io.keel.core.store.RequestLeases;
import java.util.List;

/** {@link RequestLeases} with nothing abandoned: these tests run no non-blocking request. */
final class NoLeases implements RequestLeases {
    @Override
    public void claim(String ri, String instance, long nowMicros) {
    }

    @Override
    public void release(String ri) {
    }

    @Override
    public void renew(String instance, long heartbeatMicros) {
    }

    @Override
    public List<String> abandoned(long beforeMicros) {
        return List.of();
    }
}
