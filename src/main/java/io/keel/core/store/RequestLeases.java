package io.keel.core.store;

import java.util.List;

/** Which CSE instance on the database runs which pending non-blocking request, and whether it is still alive. */
public interface RequestLeases {
    /** Records that this instance runs the pending non-blocking request, alive as of {@code nowMicros}. */
    void claim(String ri, String instance, long nowMicros);

    /** The request is done: no instance runs it any more. */
    void release(String ri);

    /** Renews the claims of an instance; with 0 it lets go of them (an orderly stop). */
    void renew(String instance, long heartbeatMicros);

    /** Requests whose runner has not renewed its claim since {@code beforeMicros}. */
    List<String> abandoned(long beforeMicros);
}
