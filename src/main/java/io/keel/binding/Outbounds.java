package io.keel.binding;

import io.keel.core.Outbound;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's one {@link Outbound}: each request goes to the binding that serves the scheme of its point of access
 * ({@code http}, {@code ws}, {@code mqtt}, {@code coap}, ...). A binding registers its schemes when it starts, which
 * may be after the CSE; a point of access whose scheme no binding serves is unreachable (5103).
 */
public final class Outbounds implements Outbound {
    private final Map<String, Outbound> byScheme = new ConcurrentHashMap<>();

    /** Registers a binding for schemes such as {@code http} and {@code https}; returns this. */
    public Outbounds register(Outbound binding, String... schemes) {
        for (String scheme : schemes) {
            if (byScheme.putIfAbsent(scheme.toLowerCase(Locale.ROOT), binding) != null) {
                throw new IllegalStateException("two bindings for scheme " + scheme);
            }
        }
        return this;
    }

    @Override
    public boolean reaches(String pointOfAccess) {
        return binding(pointOfAccess) != null;
    }

    /** The first connection a binding holds open to the entity. */
    @Override
    public String connectionTo(String entityId) {
        for (Outbound binding : distinct()) {
            String connection = binding.connectionTo(entityId);
            if (connection != null) {
                return connection;
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization) {
        Outbound binding = binding(url);
        return binding == null ? unreachable(url) : binding.send(request, url, serialization);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive request, Serialization serialization, Hop hop) {
        Outbound binding = binding(hop.pointOfAccess());
        return binding == null ? unreachable(hop.pointOfAccess()) : binding.forward(request, serialization, hop);
    }

    private Outbound binding(String pointOfAccess) {
        int colon = pointOfAccess == null ? -1 : pointOfAccess.indexOf(':');
        return colon <= 0 ? null : byScheme.get(pointOfAccess.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    private static CompletableFuture<ResponsePrimitive> unreachable(String pointOfAccess) {
        return CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                "no binding of this CSE can reach " + pointOfAccess));
    }

    /** Closes every registered binding once. */
    @Override
    public void close() {
        distinct().forEach(Outbound::close);
    }

    /** Each registered binding once, however many schemes it serves. */
    private Set<Outbound> distinct() {
        Set<Outbound> bindings = Collections.newSetFromMap(new IdentityHashMap<>());
        bindings.addAll(byScheme.values());
        return bindings;
    }
}
