package io.keel.core.location;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A Location Server for unit tests (given to the CSE by {@code CoreFixture.withLocationServer}): answers what the test
 * queued, in order (a {@link NetworkLocationSource.Position} or a {@link NetworkLocationSource.Failure}), and records the
 * requests.
 */
public final class FakeLocationServer implements NetworkLocationSource {
    public static final String DERIVED = "http://ls.example.net/derived";
    static final Deque<Object> ANSWERS = new ArrayDeque<>();
    static final List<Request> REQUESTS = new ArrayList<>();

    @Override
    public Optional<String> serverFor(String target) {
        return target.endsWith("@operator.example") ? Optional.of(DERIVED) : Optional.empty();
    }

    /** A server of another operator is one this CSE is not provisioned with. */
    @Override
    public boolean reaches(String server) {
        return !server.startsWith("http://elsewhere.example");
    }

    @Override
    public Position locate(Request request) throws Failure {
        synchronized (ANSWERS) {
            REQUESTS.add(request);
            Object answer = ANSWERS.poll();
            if (answer instanceof Failure f) {
                throw f;
            }
            if (answer == null) {
                throw new Failure("5103", "nothing queued");
            }
            return (Position) answer;
        }
    }
}
