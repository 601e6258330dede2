package io.keel.core;

import io.keel.core.access.AccessPolicy;
import io.keel.core.notification.ResourceChangeEvents;
import io.keel.core.operation.CreateOperation;
import io.keel.core.operation.DeleteOperation;
import io.keel.core.operation.DiscoveryOperation;
import io.keel.core.operation.SemanticFanOutOperation;
import io.keel.core.operation.SemanticValidationOperation;
import io.keel.core.operation.SemanticQueryOperation;
import io.keel.core.operation.FanOutOperation;
import io.keel.core.operation.GroupRequests;
import io.keel.core.operation.NotifyOperation;
import io.keel.core.operation.OperationContext;
import io.keel.core.operation.OperationHandler;
import io.keel.core.operation.OperationHandler.Prepared;
import io.keel.core.operation.RetrieveOperation;
import io.keel.core.operation.UpdateOperation;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.PreconditionFailedException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.TokenRequestRefusal;
import io.keel.primitive.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the core (TS-0004 7.2.2.2, the Receiver CSE's actions): checks what every request must satisfy
 * (7.3.2.1), runs non-blocking requests in the background, routes each request once — to a resource here, a group's
 * members, or another CSE — and hands it to its operation; turns every outcome, a bug included, into a response
 * primitive.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private final ResourceStore store;
    private final Router router;
    private final ResourceChangeEvents events;
    private final TypeRegistry types;
    private final Clock clock;
    private final CreateOperation create;
    private final RetrieveOperation retrieve;
    private final DiscoveryOperation discovery;
    private final SemanticQueryOperation semanticQuery;
    private final UpdateOperation update;
    private final DeleteOperation delete;
    private final NotifyOperation notify;
    private final FanOutOperation fanOut;
    private final SemanticFanOutOperation semanticFanOut;
    private final SemanticValidationOperation semanticValidation;
    private final NonBlockingRequests nonBlocking;
    private final Consumer<RequestOutcome> outcomes;
    private final ReleaseView releases;
    private final GroupRequests groupRequests;
    private final Forwarding forwarding;
    private final AccessPolicy access;
    private static final com.fasterxml.jackson.databind.ObjectMapper ASSIGNMENTS = new com.fasterxml.jackson.databind.ObjectMapper();
    private final String adminOriginator;
    private final String cseId;
    private final String spId;

    /** @param outcomes told about every request answered, for metrics; called on the thread that completes it */
    public Dispatcher(ResourceStore store, Router router, TypeRegistry types, OperationContext ctx, Clock clock,
                      NonBlockingRequests nonBlocking, Consumer<RequestOutcome> outcomes) {
        this(store, router, types, ctx, clock, nonBlocking, outcomes, Forwarding.none(ctx.cse(), clock));
    }

    /** @param forwarding passes requests for other CSEs on (TS-0004 7.3.2.6) */
    public Dispatcher(ResourceStore store, Router router, TypeRegistry types, OperationContext ctx, Clock clock,
                      NonBlockingRequests nonBlocking, Consumer<RequestOutcome> outcomes, Forwarding forwarding) {
        this.forwarding = forwarding;
        this.access = ctx.access();
        this.store = store;
        this.router = router;
        this.types = types;
        this.clock = clock;
        this.nonBlocking = nonBlocking;
        this.outcomes = outcomes;
        this.releases = new ReleaseView(types);
        this.adminOriginator = ctx.cse().adminOriginator();
        this.cseId = ctx.cse().cseId();
        this.spId = ctx.cse().spId();
        this.events = ctx.notifications().events();
        this.groupRequests = new GroupRequests(GroupRequests.KEEP, GroupRequests.MAX_ENTRIES);
        this.create = new CreateOperation(ctx);
        this.retrieve = new RetrieveOperation(ctx, this::handle);
        this.discovery = new DiscoveryOperation(ctx, this::handle);
        this.semanticQuery = new SemanticQueryOperation(ctx, this::handle);
        this.update = new UpdateOperation(ctx, this::handle);
        this.delete = new DeleteOperation(ctx, this::handle);
        this.notify = new NotifyOperation(ctx);
        this.fanOut = new FanOutOperation(ctx, this::handle, nonBlocking::partiallyCompleted);
        this.semanticFanOut = new SemanticFanOutOperation(ctx, this::handle);
        this.semanticValidation = new SemanticValidationOperation(ctx, this::handle);
        types.semanticDescriptor().validatesElsewhereWith(new io.keel.core.operation.ValidationRequests(ctx, this::handle));
    }

    /** What deletes resources, also for the expiry sweeper and expirationCounters. */
    public DeleteOperation deletes() {
        return delete;
    }

    /**
     * Completes at once for most requests; a long-polling Retrieve of pcu and a Notify passed on to an AE complete
     * when their answer arrives, holding no thread meanwhile.
     */
    public CompletableFuture<ResponsePrimitive> handle(RequestPrimitive req) {
        long started = System.nanoTime();
        CompletableFuture<ResponsePrimitive> rsp;
        try {
            checkCommon(req);
            if (req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH
                    || req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH) {
                if (needsRegisteredOriginator(req)) {
                    store.read(tx -> {
                        checkOriginator(tx.tree(), req); // Recv-1.0 before Recv-2.0: not accepted at all
                        return null;
                    });
                }
                rsp = CompletableFuture.completedFuture(nonBlocking.accept(req, this::blocking));
            } else {
                rsp = blocking(req);
            }
        } catch (RuntimeException e) {
            rsp = CompletableFuture.completedFuture(failure(req, e));
        }
        return rsp.thenApply(r -> {
            if (req.resultExpirationTimestamp != null && r.responseStatusCode.code() >= 2000
                    && req.resultExpirationTimestamp.isBefore(clock.now())) {
                return ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT,
                        "the result expired (X-M2M-RST) before it could be returned; the operation was executed");
            }
            return r;
        }).exceptionally(e -> failure(req, e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e))
                .thenApply(r -> {
                    // An acknowledgement always says when it was built (TS-0004 table 7.3.2.3-1); other answers when asked.
                    if (req.originatingTimestamp != null || r.responseStatusCode.code() < 2000) {
                        r.originatingTimestamp = clock.now();
                    }
                    r.content = releases.fit(r.content, req.releaseVersionIndicator);
                    // A request that leaves its response's serialization open gets the originator's (TS-0004 7.3.3.12).
                    r.serialization = req.originatorSerialization;
                    r.echo(req);
                    outcomes.accept(RequestOutcome.of(req, r, System.nanoTime() - started, types));
                    return r;
                });
    }

    /**
     * Runs a request as a blocking one, not before its operation execution time (X-M2M-OET) and not after its
     * request expiration time (X-M2M-RET): an expired request is 4008 and nothing is executed.
     */
    private CompletableFuture<ResponsePrimitive> blocking(RequestPrimitive req) {
        try {
            if (router.isRemote(req.to)) {
                // Before the operation execution time is awaited: the hosting CSE waits for it, not a transit CSE.
                return forwarded(req);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(req, e));
        }
        long wait = req.operationExecutionTime == null ? 0 : Duration.between(clock.now(), req.operationExecutionTime).toMillis();
        if (wait > 0) {
            return CompletableFuture.supplyAsync(() -> req, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(this::blocking);
        }
        try {
            if (req.requestExpirationTimestamp != null && !req.requestExpirationTimestamp.isAfter(clock.now())) {
                throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT, "the request expired (X-M2M-RET) before it was executed");
            }
            OperationHandler operation = operationOf(req);
            operation.checkParameters(req);
            Prepared early = operation.beforeRoute(req);
            if (early != null) {
                return early.finish();
            }
            Prepared prepared = store.read(tx -> {
                // One query for the target and its ancestors, which the originator check, routing and access control
                // would read one by one.
                tx.tree().prefetch(router.structuredNames(req.to));
                if (needsRegisteredOriginator(req)) {
                    checkOriginator(tx.tree(), req);
                }
                Route route = router.route(tx.tree(), req.to);
                groupRequests.record(req, route, clock.now());
                if (route instanceof Route.Local local && types.typeOf(local.resource()).childTypes().contains(ResourceTypes.SUBSCRIPTION)) {
                    events.operationMonitored(tx, local.resource(), req); // whatever the outcome (TS-0001 table 9.6.8-3)
                }
                if (route instanceof Route.FanOut group) {
                    return fanOut.prepare(tx, req, group);
                }
                if (route instanceof Route.Virtual v && v.child().semanticFanOut()) {
                    return semanticFanOut.prepare(tx, req, v.parent());
                }
                if (route instanceof Route.Virtual v && v.child().validatesSemantics()) {
                    return semanticValidation.prepare(tx, req, v);
                }
                return operation.prepare(tx, req, route);
            });
            return prepared.finish().thenApply(r -> withAssignedTokens(req, r));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(req, e));
        }
    }

    /**
     * A successful answer to a request with tokens names the Local-Token-IDs this CSE assigned them (TS-0003 7.3.2.3 step
     * 8.1): the Assigned Token Identifiers (ati), an m2m:dynAuthLocalTokenIdAssignments in its JSON form.
     */
    private ResponsePrimitive withAssignedTokens(RequestPrimitive req, ResponsePrimitive r) {
        if (req.tokens.isEmpty() || r.responseStatusCode.code() >= 3000 || r.assignedTokenIdentifiers != null) {
            return r;
        }
        // TS-0003 7.3.2.2 step 5: the tokens a decision point issued asking for signatures ask the originator for them.
        r.authorizationSignatureRequestInformation = access.authorizationSignatureRequest(req);
        try {
            Map<String, Object> ati = access.assignedTokenIdentifiers(req);
            r.assignedTokenIdentifiers = ati == null ? null : ASSIGNMENTS.writeValueAsString(ati);
        } catch (OneM2MException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // The tokens were accepted for the operation; one that expired since gets no Local-Token-ID.
        }
        return r;
    }

    private OperationHandler operationOf(RequestPrimitive req) {
        return switch (req.operation) {
            case CREATE -> create;
            case RETRIEVE -> Boolean.TRUE.equals(req.semanticQueryIndicator) ? semanticQuery : req.isDiscovery() ? discovery : retrieve;
            case UPDATE -> update;
            case DELETE -> delete;
            case NOTIFY -> notify;
        };
    }

    /**
     * A request for another CSE (TS-0004 7.3.2.8: this CSE is a transit CSE): the originator is checked as for any
     * request (7.3.2.1), then the request goes to the next hop the router finds (7.3.2.6).
     */
    private CompletableFuture<ResponsePrimitive> forwarded(RequestPrimitive req) {
        Route.Remote remote = store.read(tx -> {
            if (needsRegisteredOriginator(req)) {
                checkOriginator(tx.tree(), req);
            }
            return (Route.Remote) router.route(tx, req.to);
        });
        return forwarding.forward(req, remote, isRegistration(req));
    }

    private static ResponsePrimitive failure(RequestPrimitive req, Throwable e) {
        if (e instanceof OneM2MException o) {
            if (o instanceof TokenRequestRefusal t) {
                // TS-0009 6.5: with the Token Request Information, no debugging information.
                ResponsePrimitive rsp = new ResponsePrimitive(o.rsc(), null);
                rsp.tokenRequestInformation = t.information();
                return rsp;
            }
            ResponsePrimitive rsp = ResponsePrimitive.error(o.rsc(), o.getMessage());
            if (o instanceof io.keel.primitive.SignatureRequest) {
                rsp.authorizationSignatureRequestInformation = true; // TS-0003 7.3.2.7.1 step 4
            }
            if (o instanceof PreconditionFailedException) {
                rsp.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.PRECONDITION_FAILED;
            }
            return rsp;
        }
        LOG.log(Level.SEVERE, "request " + req.requestIdentifier + " failed", e);
        return ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                "internal error while processing request " + req.requestIdentifier + "; the CSE log has the details");
    }

    /** What every request must satisfy, whatever it addresses (TS-0004 7.3.2.1). */
    private void checkCommon(RequestPrimitive req) {
        if (req.operation == null) {
            throw OneM2MException.badRequest("operation is missing");
        }
        RequestValidation.checkEnvelope(req, clock.now());
        if ((req.from == null || req.from.isEmpty()) && !isRegistration(req)) {
            throw OneM2MException.badRequest("originator (X-M2M-Origin) is missing");
        }
        if (req.responseType == ResponseTypeValue.NO_RESPONSE) {
            // noResponse (TS-0004 6.3.4.2.6) exists for 3GPP interworking (TS-0026) only;
            // an HTTP request always has one.
            throw OneM2MException.badRequest("response type 5 (noResponse) is defined for 3GPP interworking only, not for HTTP");
        }
        String unsupported = unsupportedParameter(req);
        if (unsupported != null) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, unsupported + " is not supported by this CSE");
        }
    }

    /**
     * A parameter this CSE does not support, or a value asking for a feature it lacks (TS-0004 7.3.2.1: 5001):
     * semantic queries outside a Retrieve, delivery aggregation (CMDH), primitive
     * profiles, service users, ontology mapping. An indicator set to false asks for nothing and passes.
     */
    private static String unsupportedParameter(RequestPrimitive req) {
        if (Boolean.TRUE.equals(req.semanticQueryIndicator) && req.operation != Operation.RETRIEVE) {
            return "semantic query (sqi) in anything but a Retrieve (TS-0004 7.3.3.19)";
        }
        if (Boolean.TRUE.equals(req.deliveryAggregation)) {
            return "delivery aggregation (da)";
        }
        if (req.primitiveProfileIdentifier != null || req.m2mServiceUser != null || !req.ontologyMappingResources.isEmpty()) {
            return "primitive profiles, service users and ontology mapping (X-M2M-PRPI, X-M2M-MSU, X-M2M-OMR)";
        }
        return null;
    }

    /**
     * Whether the originator must be a registered AE (TS-0004 7.3.2.1, outside a security association): not when the
     * binding authenticated it (HTTP authentication, TS-0009 7.1, checks the claimed originator itself), nor for the
     * admin originator, nor for a registration.
     */
    private boolean needsRegisteredOriginator(RequestPrimitive req) {
        return !req.originatorAuthenticated && req.from != null && !req.from.isEmpty()
                && !req.from.equals(adminOriginator) && !isRegistration(req);
    }

    /**
     * TS-0004 7.3.2.1 for a request outside a security association: a CSE-ID as originator is 4107; an AE-ID that no
     * AE registered here has is 4106 (also an AE of another CSE, {@code /id-mn/Cae}, or an S-AE-ID in its SP-relative
     * form {@code /Sae}: such requests come forwarded through a security association, which this check skips); a registered AE that gives its AE-ID in another form than its AE-ID-Stem
     * ({@code /id-in/Cae}) is 4000. An originator in no ID form at all is left to access control.
     */
    private void checkOriginator(ResourceTree tree, RequestPrimitive req) {
        String from = req.from;
        if (!from.startsWith("/")) {
            if (from.startsWith("C") || from.startsWith("S")) {
                Resource ae = registeredAe(tree, from);
                if (ae == null) {
                    throw new OneM2MException(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                            "originator " + from + " is no AE registered with this CSE");
                }
                if (req.responseSerializationOpen) {
                    req.originatorSerialization = firstSerialization(ae);
                }
            }
            return;
        }
        String spRelative = from;
        boolean ownSp = true;
        if (from.startsWith("//")) {
            int slash = from.indexOf('/', 2);
            ownSp = slash > 0 && from.substring(2, slash).equalsIgnoreCase(spId);
            spRelative = slash < 0 ? "/" : from.substring(slash);
        }
        String[] ids = spRelative.substring(1).split("/", -1);
        String stem = ids[ids.length - 1];
        boolean ownCse = ids.length == 1 || ids[0].equals(cseId);
        if (ownSp && ownCse && ids.length <= 2 && registeredAe(tree, stem) != null) {
            throw OneM2MException.badRequest("originator " + from + ": an AE registered with this CSE gives its AE-ID-Stem "
                    + stem + " as originator");
        }
        // "/S..." is the SP-relative form of an S-AE-ID (TS-0001 table 7.2-1), not a CSE-ID, unless it is ours.
        boolean spRelativeSAeId = ids.length == 1 && stem.startsWith("S") && !stem.equals(cseId);
        if (ids.length == 1 && !spRelativeSAeId) {
            throw new OneM2MException(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED,
                    "originator " + from + " is a CSE, which needs a security association (an authenticated connection)");
        }
        throw new OneM2MException(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                "originator " + from + " is no AE registered with this CSE");
    }

    /** The AE registered here with this AE-ID-Stem (an AE's ri is its stem), or null. */
    private Resource registeredAe(ResourceTree tree, String stem) {
        Resource r = stem.isEmpty() ? null : tree.find(stem);
        return r != null && types.require(r.ty).isRegistration() ? r : null;
    }

    /** The first serialization in an AE's contentSerialization, or null when it names none. */
    private static Serialization firstSerialization(Resource ae) {
        if (ae.get("csz") instanceof List<?> csz && !csz.isEmpty()) {
            for (Serialization s : Serialization.values()) {
                if (s.token().equals(csz.get(0))) {
                    return s;
                }
            }
        }
        return null;
    }

    /** A Create of a type that registers its originator (an AE) may come without one (TS-0001 10.2.2.2). */
    private boolean isRegistration(RequestPrimitive req) {
        if (req.operation != Operation.CREATE || req.resourceType == null) {
            return false;
        }
        ResourceType type = types.get(req.resourceType);
        return type != null && type.isRegistration();
    }
}
