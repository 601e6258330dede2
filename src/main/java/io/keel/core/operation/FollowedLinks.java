package io.keel.core.operation;

import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkClosure;
import io.keel.core.semantic.LinkedDescriptor;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The descriptors that links of a semantic operation name on other CSEs, read as the originator through the
 * dispatcher ({@link RemoteDescriptors}), and those their relatedSemantics or m2m:resourceDescriptorLink triples name
 * in turn (TS-0004 7.3.3.18, 7.4.48.2.3 c: recursively), each once, level by level, within {@link LinkClosure}'s depth
 * and {@code maxNodes}. An address in a descriptor read from a CSE is read as that CSE would (SP-relative from
 * there). Each read has keel.semantics.query-timeout to answer.
 *
 * <p>What the originator may not read (4103) or what does not exist (4004) adds nothing, as for a descriptor of this
 * CSE, except to a validation, which needs every linked descriptor. Any other outcome (no answer in time, another
 * error, no descriptor that parses), and links beyond the bounds, are what {@link OnFailure} says.
 */
final class FollowedLinks {
    /** Marks a descriptor that could not be read, when that leaves it out. */
    private static final LinkedDescriptor UNAVAILABLE = new LinkedDescriptor(null, null, List.of(), null);

    private final RemoteDescriptors remote;
    private final long timeoutMillis;
    private final int maxNodes;

    /** What a descriptor that cannot be read makes of the operation. */
    enum OnFailure {
        /** It is left out and named among the unavailable ones (discovery: the answer is partial). */
        SKIP,
        /**
         * TARGET_NOT_REACHABLE (5103): a semantic query over part of its data basis would give a wrong answer (beyond
         * the bounds: 4000, as for too many descriptors in scope).
         */
        TARGET_NOT_REACHABLE,
        /**
         * LINKED_SEMANTICS_NOT_AVAILABLE (4119), also for a refusal or a link to nothing and beyond the bounds: semantic
         * validation (TS-0004 7.4.34.2.1 f, 7.4.48.2.3 c).
         */
        LINKED_SEMANTICS_NOT_AVAILABLE
    }

    FollowedLinks(RemoteDescriptors remote, long timeoutMillis, int maxNodes) {
        this.remote = remote;
        this.timeoutMillis = timeoutMillis;
        this.maxNodes = maxNodes;
    }

    /** Reading through {@code remote} within the CSE's semantic query timeout and content scan bound. */
    static FollowedLinks of(OperationContext ctx, RemoteDescriptors remote) {
        return new FollowedLinks(remote, ctx.search.semanticQuery().limits().queryTimeoutMillis(), ctx.cse.contentScanMax());
    }

    /** The same, reading descriptors of other CSEs through {@code dispatcher} as any other request. */
    static FollowedLinks of(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        return of(ctx, new RemoteDescriptors(dispatcher, ctx.search.semanticQuery().limits()));
    }

    /** The descriptors at {@code addresses} and all they link. */
    CompletableFuture<FetchedDescriptors> read(RequestPrimitive req, Collection<String> addresses, LinkMethod method,
                                               OnFailure onFailure) {
        Map<String, LinkedDescriptor> found = new LinkedHashMap<>();
        Set<String> unavailable = new LinkedHashSet<>();
        return level(req, new ArrayList<>(addresses), 0, new LinkedHashSet<>(), found, unavailable, method, onFailure)
                .thenApply(done -> new FetchedDescriptors(found, unavailable));
    }

    private CompletableFuture<Void> level(RequestPrimitive req, List<String> addresses, int depth, Set<String> seen,
                                          Map<String, LinkedDescriptor> found, Set<String> unavailable, LinkMethod method,
                                          OnFailure onFailure) {
        List<String> next = new ArrayList<>();
        for (String a : addresses) {
            if (seen.contains(a)) {
                continue;
            }
            if (depth <= LinkClosure.MAX_DEPTH && seen.size() < maxNodes) {
                seen.add(a);
                next.add(a);
            } else {
                beyondBounds(a, onFailure, unavailable);
            }
        }
        if (next.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<LinkedDescriptor>> each = next.stream().map(a -> one(req, a, onFailure)).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<String> further = new ArrayList<>();
            for (int i = 0; i < next.size(); i++) {
                LinkedDescriptor d = each.get(i).join();
                if (d == UNAVAILABLE) {
                    unavailable.add(next.get(i));
                } else if (d != null) {
                    found.put(next.get(i), d);
                    further.addAll(d.links(method));
                }
            }
            return level(req, further, depth + 1, seen, found, unavailable, method, onFailure);
        });
    }

    private void beyondBounds(String address, OnFailure onFailure, Set<String> unavailable) {
        String why = " is more than " + LinkClosure.MAX_DEPTH + " links away or beyond " + maxNodes
                + " linked descriptors (keel.discovery.content-scan-max)";
        switch (onFailure) {
            case SKIP -> unavailable.add(address);
            case TARGET_NOT_REACHABLE -> throw OneM2MException.badRequest("the linked descriptor " + address + why
                    + ": query a narrower target");
            case LINKED_SEMANTICS_NOT_AVAILABLE -> throw new OneM2MException(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE,
                    "the linked descriptor " + address + why);
        }
    }

    /** The descriptor at {@code address}; null when refused or absent. */
    private CompletableFuture<LinkedDescriptor> one(RequestPrimitive req, String address, OnFailure onFailure) {
        CompletableFuture<Map<?, ?>> asked;
        try {
            asked = remote.representation(req, address);
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((smd, failure) -> {
            if (failure == null && smd == null) {
                if (onFailure == OnFailure.LINKED_SEMANTICS_NOT_AVAILABLE) {
                    throw new OneM2MException(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, "the linked descriptor " + address
                            + " cannot be retrieved (it does not exist, or the originator may not retrieve it)");
                }
                return null;
            }
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause == null) {
                try {
                    return remote.descriptor(address, smd);
                } catch (OneM2MException unreadable) {
                    cause = unreadable;
                }
            }
            String why = cause instanceof TimeoutException ? "did not answer within " + timeoutMillis
                    + " ms (keel.semantics.query-timeout)" : String.valueOf(cause.getMessage());
            return switch (onFailure) {
                case SKIP -> UNAVAILABLE;
                case TARGET_NOT_REACHABLE -> throw cause instanceof OneM2MException e && e.rsc() == ResponseStatusCode.TARGET_NOT_REACHABLE
                        ? e : new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the linked descriptor " + address + " "
                        + why);
                case LINKED_SEMANTICS_NOT_AVAILABLE -> throw new OneM2MException(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE,
                        "the linked descriptor " + address + " cannot be retrieved: " + why);
            };
        });
    }
}
