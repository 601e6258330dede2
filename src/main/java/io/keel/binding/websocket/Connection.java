package io.keel.binding.websocket;

import io.keel.core.Identifiers;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.PrimitiveCodec;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection as TS-0020 5.1 has it: request and response primitives both ways, each a whole message
 * in the subprotocol's serialization and frame kind. Requests read from it go to the CSE and are answered on it;
 * requests the CSE sends over it are matched with their responses by rqi, within a timeout, and a connection that
 * closes completes every request still in flight with 5103, so that nothing is lost silently.
 */
final class Connection {
    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /** The binding label of requests and metrics. */
    static final String BINDING = "ws";
    private static final int AE = 2;

    private final Subprotocol protocol;
    private final Frames frames;
    private final String remoteAddress;
    private final Admission admission;
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> cse;
    private final IntConsumer refusals;
    private final Connections registry;
    private final Timer timer;
    private final Map<String, CompletableFuture<ResponsePrimitive>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    /**
     * @param cse      handles a request read from the connection (the binding's {@link io.keel.binding.Intake})
     * @param refusals counts a request refused before it reached the CSE, by its rsc
     */
    Connection(Subprotocol protocol, Frames frames, String remoteAddress, Admission admission,
               Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> cse, IntConsumer refusals,
               Connections registry, Timer timer) {
        this.protocol = protocol;
        this.frames = frames;
        this.remoteAddress = remoteAddress;
        this.admission = admission;
        this.cse = cse;
        this.refusals = refusals;
        this.registry = registry;
        this.timer = timer;
    }

    Subprotocol protocol() {
        return protocol;
    }

    boolean isOpen() {
        return open;
    }

    /** A whole message read from the connection; {@code binary} tells its frame kind. */
    void onMessage(byte[] message, boolean binary) {
        PrimitiveCodec.Message primitive;
        try {
            primitive = PrimitiveCodec.decode(message, protocol.serialization(), Instant.now());
        } catch (OneM2MException e) {
            answer(refused(PrimitiveCodec.errorResponse(e)));
            return;
        } catch (RuntimeException e) {
            answer(refused(ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST,
                    "the message is no " + protocol.serialization().token() + " primitive")));
            return;
        }
        if (binary != protocol.binary()) {
            // What it says is readable, but it came in the frame kind the subprotocol does not use.
            String kind = protocol.binary() ? "binary" : "text";
            ResponsePrimitive rsp = ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, protocol.token()
                    + " carries primitives in " + kind + " frames (TS-0020 table 6.2.2.9-1)");
            if (primitive instanceof PrimitiveCodec.Request r) {
                rsp.echo(r.primitive());
            }
            answer(refused(rsp));
            return;
        }
        if (primitive instanceof PrimitiveCodec.Request r) {
            request(r.primitive());
        } else if (primitive instanceof PrimitiveCodec.Response r) {
            response(r.primitive());
        }
    }

    private void request(RequestPrimitive req) {
        req.binding = BINDING;
        req.originatorAddress = remoteAddress;
        try {
            admission.admit(req);
        } catch (OneM2MException e) {
            answer(refused(ResponsePrimitive.error(e.rsc(), e.getMessage()).echo(req)));
            return;
        }
        cse.apply(req).thenAccept(rsp -> {
            if (rsp.responseStatusCode != null && rsp.responseStatusCode.code() >= 2000 && rsp.responseStatusCode.code() < 3000) {
                bindOriginator(req, rsp);
            }
            answer(rsp);
        });
    }

    /**
     * The entity a request the CSE accepted came from is reachable over this connection from now on: its {@code fr},
     * or the AE-ID its registration was given (TS-0020 6.4).
     */
    private void bindOriginator(RequestPrimitive req, ResponsePrimitive rsp) {
        if (req.operation == Operation.CREATE && req.resourceType != null && req.resourceType == AE
                && rsp.content instanceof Map<?, ?> c && c.get("m2m:ae") instanceof Map<?, ?> ae
                && ae.get("aei") instanceof String aei) {
            registry.bind(aei, this);
        } else if (req.from != null && !req.from.equals("C") && !req.from.equals("S")) {
            registry.bind(req.from, this);
        }
    }

    private void response(ResponsePrimitive rsp) {
        CompletableFuture<ResponsePrimitive> waiting = rsp.requestIdentifier == null ? null : inFlight.remove(rsp.requestIdentifier);
        if (waiting == null) {
            LOG.fine(() -> "a response (rqi " + rsp.requestIdentifier + ") to no request in flight on this connection; ignored");
        } else {
            waiting.complete(rsp);
        }
    }

    /**
     * Sends a request primitive and completes with its response: 4008 when none comes in time, 5103 when the
     * connection is closed or closes first. Never fails exceptionally.
     */
    CompletableFuture<ResponsePrimitive> request(RequestPrimitive req, long timeoutMillis) {
        CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
        if (req.requestIdentifier == null) {
            req.requestIdentifier = "ws-" + Identifiers.random(16);
        }
        String rqi = req.requestIdentifier;
        if (inFlight.putIfAbsent(rqi, answer) != null) {
            answer.complete(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    "a request with rqi " + rqi + " is already in flight on this connection"));
            return answer;
        }
        if (!open) {
            complete(rqi, unreachable("the WebSocket connection is closed"));
            return answer;
        }
        Runnable cancel = timer.schedule(() -> complete(rqi, ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT,
                "no response on the WebSocket connection within " + timeoutMillis + " ms")), timeoutMillis);
        answer.whenComplete((rsp, e) -> cancel.run());
        byte[] message;
        try {
            message = PrimitiveCodec.encode(req, protocol.serialization());
        } catch (RuntimeException e) {
            complete(rqi, unreachable("the request cannot be serialized as " + protocol.token() + ": " + e.getMessage()));
            return answer;
        }
        frames.send(message).whenComplete((sent, e) -> {
            if (e != null) {
                complete(rqi, unreachable("the request could not be written to the WebSocket connection: " + e.getMessage()));
            }
        });
        return answer;
    }

    /** The connection is gone: nothing more is sent on it, and what waits for an answer on it gets 5103. */
    void closed(String reason) {
        open = false;
        registry.remove(this);
        for (String rqi : inFlight.keySet()) {
            complete(rqi, unreachable("the WebSocket connection closed before the response came (" + reason + ")"));
        }
    }

    /** Closes the connection from this side (the CSE stops). */
    void close(String reason) {
        frames.close(reason);
        closed(reason);
    }

    private void complete(String rqi, ResponsePrimitive rsp) {
        CompletableFuture<ResponsePrimitive> waiting = inFlight.remove(rqi);
        if (waiting != null) {
            waiting.complete(rsp);
        }
    }

    private ResponsePrimitive refused(ResponsePrimitive rsp) {
        refusals.accept(rsp.responseStatusCode.code());
        return rsp;
    }

    private void answer(ResponsePrimitive rsp) {
        byte[] message;
        try {
            message = PrimitiveCodec.encode(rsp, protocol.serialization());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "the response to " + rsp.requestIdentifier + " cannot be serialized: " + e.getMessage());
            ResponsePrimitive error = ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                    "the response could not be serialized as " + protocol.token());
            error.requestIdentifier = rsp.requestIdentifier;
            message = PrimitiveCodec.encode(error, protocol.serialization());
        }
        frames.send(message).whenComplete((sent, e) -> {
            if (e != null) {
                LOG.fine(() -> "the response to " + rsp.requestIdentifier + " was not delivered: " + e.getMessage());
            }
        });
    }

    private static ResponsePrimitive unreachable(String reason) {
        return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, reason);
    }
}
