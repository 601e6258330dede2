package io.keel.core.registration;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.Outbound;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RemoteCseType;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.Operation;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registree side of CSE registration (TS-0001 10.2.2.7, TS-0004 7.4.4.2.1, Originator): an MN- or ASN-CSE with a
 * registrar creates its {@code <remoteCSE>} on the registrar's CSEBase, retrieves that CSEBase and creates (or
 * updates) the local {@code <remoteCSE>} that represents the registrar.
 * <p>
 * It runs in the background from start, never holding up the start, and tries again with a growing pause (up to
 * {@code maxRetryMillis}) until it has succeeded once. It is idempotent: a registration the registrar already has
 * (4117, or 4105 from a registrar that says so) is updated with what may have changed ({@code poa}, {@code srv},
 * {@code csz}), and the local {@code <remoteCSE>} is updated in place. After success it checks, every
 * {@code checkIntervalMillis}, that the registrar still has this CSE's {@code <remoteCSE>}: one the registrar lost
 * (deleted by its administrator, expired there, a registrar that started afresh) answers 4004, and this CSE registers
 * again as at start, without a restart. An administrator who deletes the local {@code <remoteCSE>} of the registrar
 * de-registers this CSE (TS-0004 7.4.4.2.4): see {@link #deregistrationChanged}; it stays de-registered across restarts until a start with
 * {@code keel.registrar.reregister=true}.
 * <p>
 * It also keeps the registrar told which CSEs are registered below this one (TS-0004 7.4.4.2.1, 7.4.4.2.3 and
 * 7.4.4.2.4, Recv-6.5): the {@code descendantCSEs} of this CSE's {@code <remoteCSE>} there are the CSE-IDs of this
 * CSE's registrees and their own descendants. They go with the registration and, after a registree came, changed its
 * descendants or left ({@link #descendantsChanged}), as an update, retried with back-off until the registrar has it.
 */
public final class Registration implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Registration.class.getName());
    /** The release whose procedures the registration requests follow. */
    private static final String RELEASE = "3";
    private static final String CSR = "m2m:csr";
    /** How long the registrar has to answer one request of the registration before it is retried. */
    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
    private final CseIdentity cse;
    private final ResourceStore store;
    private final Outbound outbound;
    private final Clock clock;
    private final long firstRetryMillis;
    private final long maxRetryMillis;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> registered = new CompletableFuture<>();
    private volatile boolean closed;
    private String lastFailure;
    /** The descendantCSEs the registrar has of this CSE (null: not known to be sent yet). */
    private volatile List<String> descendantsSent;
    private final java.util.concurrent.atomic.AtomicBoolean descendantsDue = new java.util.concurrent.atomic.AtomicBoolean();
    /** Whether a start clears a de-registration (keel.registrar.reregister) and registers again. */
    private final boolean reregister;
    /** Set once this CSE de-registers: nothing more is sent to the registrar but the Delete. */
    private final java.util.concurrent.atomic.AtomicBoolean deregistering = new java.util.concurrent.atomic.AtomicBoolean();
    private final CompletableFuture<Void> deregistered = new CompletableFuture<>();
    /** How often the registration on the registrar is checked; 0: never. */
    private final long checkIntervalMillis;
    /** Set while attempts to register are under way (at start, and after a check found the registration lost). */
    private final java.util.concurrent.atomic.AtomicBoolean registering = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set while a check waits for the registrar's answer, so that checks do not pile up behind a slow registrar. */
    private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();
    /** Why the last check could not tell (null: it could): logged once per outage. */
    private volatile String checkFailure;

    public Registration(CseIdentity cse, ResourceStore store, Outbound outbound, Clock clock, long firstRetryMillis,
                        long maxRetryMillis) {
        this(cse, store, outbound, clock, firstRetryMillis, maxRetryMillis, false, 0);
    }

    /**
     * @param reregister          whether this start clears an earlier de-registration and registers again
     * @param checkIntervalMillis how often to check that the registrar still has this CSE's registration (0: never)
     */
    public Registration(CseIdentity cse, ResourceStore store, Outbound outbound, Clock clock, long firstRetryMillis,
                        long maxRetryMillis, boolean reregister, long checkIntervalMillis) {
        this.reregister = reregister;
        this.checkIntervalMillis = checkIntervalMillis;
        this.cse = cse;
        this.store = store;
        this.outbound = outbound;
        this.clock = clock;
        this.firstRetryMillis = firstRetryMillis;
        this.maxRetryMillis = Math.max(firstRetryMillis, maxRetryMillis);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-registration");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Begins registering in the background when this CSE has a registrar; returns at once. A CSE that de-registered
     * from this registrar (see {@link #deregistrationChanged}) does not: it makes sure the registrar has let it go.
     */
    public void start() {
        if (!cse.hasRegistrar()) {
            return;
        }
        if (reregister && clearDeregistration()) {
            LOG.info(() -> "keel.registrar.reregister: registering with /" + cse.registrarCseId() + " again");
        }
        if (markedDeregistered()) {
            LOG.info(() -> "de-registered from /" + cse.registrarCseId() + " (CSEBase label "
                    + RemoteCseType.deregisteredMarker(cse) + "): not registering; keel.registrar.reregister=true undoes it");
            deregistrationChanged();
            return;
        }
        registering.set(true);
        schedule(0, firstRetryMillis);
        if (checkIntervalMillis > 0) {
            scheduler.scheduleWithFixedDelay(this::check, checkIntervalMillis, checkIntervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether the registrar still has this CSE's {@code <remoteCSE>} (TS-0001 10.2.2.7): a Retrieve of it, as its
     * creator. 4004 means the registration is lost, and this CSE registers again with the usual back-off; any other
     * failure (the registrar is down, refuses) is left to the next check and logged once until a check succeeds.
     * Nothing is checked while registering or after a de-registration.
     */
    void check() {
        if (closed || deregistering.get() || registering.get() || markedDeregistered() || !checking.compareAndSet(false, true)) {
            return;
        }
        outbound.forward(request(Operation.RETRIEVE, ownRemoteCseId()), Serialization.JSON, registrar()).whenComplete((rsp, e) -> {
            checking.set(false);
            ResponseStatusCode rsc = rsp == null ? null : rsp.responseStatusCode;
            if (rsc == ResponseStatusCode.OK) {
                if (checkFailure != null) {
                    LOG.info(() -> "the registration with the registrar CSE /" + cse.registrarCseId() + " is in place again");
                    checkFailure = null;
                }
            } else if (rsc == ResponseStatusCode.NOT_FOUND) {
                checkFailure = null;
                if (!closed && !deregistering.get() && registering.compareAndSet(false, true)) {
                    LOG.warning(() -> "the registrar CSE /" + cse.registrarCseId() + " has no <remoteCSE> of this CSE any more"
                            + " (deleted or expired there): registering again");
                    schedule(0, firstRetryMillis);
                }
            } else {
                String reason = rsp == null ? String.valueOf(e) : new Failed("retrieving this CSE's <remoteCSE>", rsp).getMessage();
                if (checkFailure == null) {
                    LOG.warning(() -> "cannot check the registration with the registrar CSE /" + cse.registrarCseId() + ": "
                            + reason + "; the next check tries again");
                }
                checkFailure = reason;
            }
        });
    }

    /** Completes when the registrar has let this CSE go after a de-registration. */
    public CompletableFuture<Void> deregistered() {
        return deregistered;
    }

    /**
     * Something was deleted: when it was the local {@code <remoteCSE>} of the registrar, deleted by the administrator
     * (the CSEBase carries the marker, {@link RemoteCseType#beforeDelete}), this CSE de-registers (TS-0001 10.2.2.x,
     * TS-0004 7.4.4.2.4, Originator): it deletes its {@code <remoteCSE>} on the registrar, retried with back-off until
     * the registrar answers 2002 or 4004, and sends the registrar nothing else from then on.
     */
    public void deregistrationChanged() {
        if (!cse.hasRegistrar() || closed || deregistering.get() || !markedDeregistered()
                || !deregistering.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> deregister(firstRetryMillis));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile: the next start sends it
        }
    }

    private void deregister(long nextDelay) {
        if (closed) {
            return;
        }
        outbound.forward(deleteOwnRemoteCse(), Serialization.JSON, registrar()).whenComplete((rsp, e) -> {
            if (rsp != null && (rsp.responseStatusCode == ResponseStatusCode.DELETED
                    || rsp.responseStatusCode == ResponseStatusCode.NOT_FOUND)) {
                LOG.info(() -> "de-registered from the registrar CSE /" + cse.registrarCseId() + " ("
                        + rsp.responseStatusCode.code() + ")");
                deregistered.complete(null);
                return;
            }
            String reason = rsp == null ? String.valueOf(e) : new Failed("deleting the <remoteCSE> on the registrar", rsp).getMessage();
            LOG.warning(() -> "cannot de-register from the registrar CSE /" + cse.registrarCseId() + " yet: " + reason
                    + "; trying again in " + nextDelay + " ms");
            try {
                scheduler.schedule(() -> deregister(Math.min(nextDelay * 2, maxRetryMillis)), nextDelay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException rejected) {
                // closed meanwhile: the next start sends it
            }
        });
    }

    private boolean markedDeregistered() {
        String marker = RemoteCseType.deregisteredMarker(cse);
        return store.read(tx -> {
            Resource base = tx.tree().find(cse.cseBaseRi());
            return base != null && base.lbl.contains(marker);
        });
    }

    private boolean clearDeregistration() {
        String marker = RemoteCseType.deregisteredMarker(cse);
        return store.write(tx -> {
            Resource base = tx.tree().lock(cse.cseBaseRi());
            if (base == null || !base.lbl.remove(marker)) {
                return false;
            }
            tx.tree().update(base);
            return true;
        });
    }

    /** Completes when this CSE is registered with its registrar (never without one). */
    public CompletableFuture<Void> registered() {
        return registered;
    }

    private void schedule(long delay, long nextDelay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> attempt(nextDelay), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void attempt(long nextDelay) {
        if (closed || deregistering.get()) {
            return;
        }
        register().whenComplete((csr, failure) -> {
            if (failure == null) {
                LOG.info(() -> "registered with the registrar CSE /" + cse.registrarCseId() + " at "
                        + cse.registrarPoa() + ": its <remoteCSE> here is " + csr);
                registering.set(false);
                registered.complete(null);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String reason = cause instanceof Failed ? cause.getMessage() : String.valueOf(cause);
            if (!(cause instanceof Failed)) {
                LOG.log(Level.SEVERE, "registration with the registrar CSE failed", cause);
            } else if (!reason.equals(lastFailure)) {
                LOG.warning(() -> "not registered with the registrar CSE /" + cse.registrarCseId() + " yet: " + reason
                        + "; trying again, at most every " + maxRetryMillis + " ms");
            } else {
                LOG.fine(() -> "registration failed again: " + reason);
            }
            lastFailure = reason;
            schedule(nextDelay, Math.min(nextDelay * 2, maxRetryMillis));
        });
    }

    /** One attempt: the remote registration, then the local {@code <remoteCSE>}; completes with its structured ID. */
    CompletableFuture<String> register() {
        List<String> descendants = descendants();
        return outbound.forward(createOwnRemoteCse(descendants), Serialization.JSON, registrar())
                .thenCompose(created -> {
                    ResponseStatusCode rsc = created.responseStatusCode;
                    if (rsc == ResponseStatusCode.CREATED) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (rsc == ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED || rsc == ResponseStatusCode.CONFLICT) {
                        // Registered before (a restart of this CSE or of the registrar): bring it up to date.
                        return outbound.forward(updateOwnRemoteCse(descendants), Serialization.JSON, registrar()).thenApply(updated -> {
                            if (updated.responseStatusCode != ResponseStatusCode.UPDATED) {
                                throw new Failed("updating the existing registration", updated);
                            }
                            return null;
                        });
                    }
                    throw new Failed("creating the <remoteCSE> on the registrar", created);
                })
                .thenCompose(done -> outbound.forward(retrieveRegistrarCseBase(), Serialization.JSON, registrar()))
                .thenApplyAsync(retrieved -> {
                    if (retrieved.responseStatusCode != ResponseStatusCode.OK
                            || !(retrieved.content instanceof Map<?, ?> m) || !(m.get("m2m:cb") instanceof Map<?, ?> cb)) {
                        throw new Failed("retrieving the registrar's CSEBase", retrieved);
                    }
                    String srn = storeRegistrar(cb);
                    descendantsSent = descendants;
                    return srn;
                }, scheduler);
    }

    /**
     * A {@code <remoteCSE>} of this CSE was created, updated or deleted (or may have been): the registrar is sent this
     * CSE's descendantCSEs if they changed. Returns at once; several calls in a row end in one update.
     */
    public void descendantsChanged() {
        if (!cse.hasRegistrar() || closed || !descendantsDue.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(() -> syncDescendants(firstRetryMillis), 50, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            descendantsDue.set(false);
        }
    }

    /**
     * A {@code <remoteCSE>} of this CSE was removed, however (a Delete, its expiry): a registree left, so the
     * registrar is sent the descendantCSEs without it (TS-0004 7.4.4.2.4, Recv-6.5); or it was the registrar's, deleted
     * by the administrator, and this CSE de-registers.
     */
    public void remoteCseRemoved() {
        descendantsChanged();
        deregistrationChanged();
    }

    private void syncDescendants(long nextDelay) {
        descendantsDue.set(false);
        if (closed || deregistering.get() || registering.get() || !registered.isDone()) {
            return; // the registration sends them when it succeeds
        }
        List<String> descendants = descendants();
        if (descendants.equals(descendantsSent)) {
            return;
        }
        outbound.forward(updateOwnRemoteCse(descendants), Serialization.JSON, registrar()).whenComplete((rsp, e) -> {
            if (rsp != null && rsp.responseStatusCode == ResponseStatusCode.UPDATED) {
                descendantsSent = descendants;
                LOG.info(() -> "the registrar /" + cse.registrarCseId() + " knows the descendant CSEs " + descendants);
                descendantsChanged(); // in case they changed again meanwhile
                return;
            }
            String reason = rsp == null ? String.valueOf(e) : new Failed("updating descendantCSEs", rsp).getMessage();
            LOG.warning(() -> "cannot tell the registrar the descendant CSEs " + descendants + ": " + reason
                    + "; trying again in " + nextDelay + " ms");
            if (!closed && descendantsDue.compareAndSet(false, true)) {
                try {
                    scheduler.schedule(() -> syncDescendants(Math.min(nextDelay * 2, maxRetryMillis)), nextDelay,
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException rejected) {
                    descendantsDue.set(false);
                }
            }
        });
    }

    /**
     * This CSE's descendants (TS-0004 7.4.4.2.1): the CSE-ID of each CSE registered with it and that CSE's own
     * descendantCSEs — every {@code <remoteCSE>} under the CSEBase but the registrar's, in a stable order.
     */
    List<String> descendants() {
        String registrarRi = cse.registrarCseId();
        return store.read(tx -> {
            java.util.TreeSet<String> ids = new java.util.TreeSet<>();
            for (Resource csr : tx.tree().children(cse.cseBaseRi(), ResourceTypes.REMOTE_CSE)) {
                if (csr.ri.equals(registrarRi)) {
                    continue;
                }
                if (csr.get("csi") instanceof String csi) {
                    ids.add(csi);
                }
                if (csr.get("dcse") instanceof List<?> dcse) {
                    dcse.forEach(d -> ids.add(String.valueOf(d)));
                }
            }
            ids.remove(cse.spRelativeCseId());
            return List.copyOf(ids);
        });
    }

    private RequestPrimitive request(Operation operation, String to) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = operation;
        req.to = to;
        req.from = cse.spRelativeCseId();
        req.requestIdentifier = "reg-" + Identifiers.random(10);
        req.releaseVersionIndicator = RELEASE;
        req.contentSerialization = Serialization.JSON;
        return req;
    }

    /** The registrar as the next hop of these requests, with the credential it knows this CSE by. */
    private Outbound.Hop registrar() {
        return new Outbound.Hop(cse.registrarPoa(), cse.registrarAuthorization(), REQUEST_TIMEOUT_MILLIS,
                cse.registrarCseId());
    }

    /** TS-0001 10.2.2.7 step 001: this CSE's {@code <remoteCSE>} on the registrar, named by its CSE-ID. */
    RequestPrimitive createOwnRemoteCse(List<String> descendants) {
        RequestPrimitive req = request(Operation.CREATE, registrarCseBaseId());
        req.resourceType = ResourceTypes.REMOTE_CSE;
        Map<String, Object> csr = new LinkedHashMap<>();
        csr.put("rn", cse.cseId());
        csr.put("cst", (long) cse.cseType());
        csr.put("poa", cse.pointOfAccess());
        csr.put("cb", cse.spRelativeCseId() + "/" + cse.cseName());
        csr.put("csi", cse.spRelativeCseId());
        csr.put("rr", true);
        csr.put("csz", List.of("json", "xml", "cbor"));
        csr.put("srv", ReleaseVersion.SUPPORTED);
        if (!descendants.isEmpty()) {
            csr.put("dcse", descendants);
        }
        req.content = Map.of(CSR, csr);
        return req;
    }

    /** What may have changed since an earlier registration (TS-0004 table 7.4.4.1-3: updatable). */
    RequestPrimitive updateOwnRemoteCse(List<String> descendants) {
        RequestPrimitive req = request(Operation.UPDATE, ownRemoteCseId());
        Map<String, Object> csr = new LinkedHashMap<>();
        csr.put("poa", cse.pointOfAccess());
        csr.put("rr", true);
        csr.put("csz", List.of("json", "xml", "cbor"));
        csr.put("srv", ReleaseVersion.SUPPORTED);
        // null deletes the attribute (TS-0004 7.4.4.2.3): no registree is left.
        csr.put("dcse", descendants.isEmpty() ? null : descendants);
        req.content = java.util.Collections.singletonMap(CSR, csr);
        return req;
    }

    /** De-registration (TS-0004 7.4.4.2.4): the Delete of this CSE's {@code <remoteCSE>} on the registrar. */
    RequestPrimitive deleteOwnRemoteCse() {
        return request(Operation.DELETE, ownRemoteCseId());
    }

    /** This CSE's {@code <remoteCSE>} on the registrar, named by this CSE's CSE-ID. */
    private String ownRemoteCseId() {
        return registrarCseBaseId() + "/" + cse.cseId();
    }

    private RequestPrimitive retrieveRegistrarCseBase() {
        return request(Operation.RETRIEVE, registrarCseBaseId());
    }

    /** The registrar's CSEBase, SP-relative: structured when its name is configured, else by its CSE-ID. */
    private String registrarCseBaseId() {
        String id = "/" + cse.registrarCseId();
        return cse.registrarCseName() == null ? id : id + "/" + cse.registrarCseName();
    }


    /**
     * TS-0001 10.2.2.7 steps 004 and 008: the local {@code <remoteCSE>} of the registrar, from its CSEBase. Its poa
     * lists the configured point of access first (it is known to reach the registrar), then those the registrar gives.
     */
    private String storeRegistrar(Map<?, ?> cb) {
        String csi = "/" + cse.registrarCseId();
        if (!csi.equals(cb.get("csi"))) {
            throw new Failed("the CSE at " + cse.registrarPoa() + " is " + cb.get("csi") + ", not " + csi
                    + " (keel.registrar.cse-id)");
        }
        List<String> poa = new ArrayList<>(List.of(cse.registrarPoa()));
        if (cb.get("poa") instanceof List<?> advertised) {
            advertised.stream().map(String::valueOf).filter(p -> !poa.contains(p)).forEach(poa::add);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("cst", cb.get("cst") instanceof Number n ? n.longValue() : null);
        attributes.put("poa", poa);
        attributes.put("cb", csi + "/" + cb.get("rn"));
        attributes.put("csi", csi);
        attributes.put("rr", true);
        attributes.put("csz", cb.get("csz"));
        attributes.put("srv", cb.get("srv"));
        attributes.values().removeIf(Objects::isNull);
        return store.write(tx -> {
            ResourceTree tree = tx.tree();
            Resource base = tree.lock(cse.cseBaseRi());
            Resource csr = tree.lock(cse.registrarCseId());
            Instant now = clock.after(csr == null ? base.lt : csr.lt);
            boolean created = csr == null;
            if (created) {
                csr = new Resource();
                csr.ri = cse.registrarCseId();
                csr.pi = base.ri;
                csr.ty = ResourceTypes.REMOTE_CSE;
                csr.rn = cse.registrarCseId();
                csr.srn = base.srn + "/" + csr.rn;
                csr.ct = now;
                csr.origin = cse.cseId(); // this CSE made it
            } else if (csr.ty != ResourceTypes.REMOTE_CSE) {
                throw new Failed("the resource ID " + csr.ri + " of the registrar's <remoteCSE> is taken by another resource");
            }
            csr.lt = now;
            csr.et = now.plusSeconds(cse.defaultExpirationSeconds());
            csr.attributes = attributes;
            if (created) {
                tree.insert(csr);
            } else {
                tree.update(csr);
            }
            return csr.srn;
        });
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }

    /** A step the registrar refused or could not answer: worth trying again later. */
    static final class Failed extends RuntimeException {
        Failed(String reason) {
            super(reason, null, false, false);
        }

        Failed(String step, ResponsePrimitive rsp) {
            this(step + ": " + rsp.responseStatusCode.code() + reasonOf(rsp));
        }

        private static String reasonOf(ResponsePrimitive rsp) {
            return rsp.content instanceof Map<?, ?> m && m.get("m2m:dbg") != null ? " (" + m.get("m2m:dbg") + ")" : "";
        }
    }
}
