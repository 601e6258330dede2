package io.keel.core;

import io.keel.core.resource.CrossResourceTargets;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import io.keel.core.notification.CrossResourceNotifications;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The requests a {@code <crossResourceSubscription>} makes on its targets (TS-0004 7.4.58.2.1, 7.4.58.2.4): Create,
 * Retrieve, Update and Delete of {@code <subscription>} resources sent through this CSE's dispatcher on behalf of the
 * originator, so that access control, routing to other CSEs and the subscriptions' own rules apply as to any request.
 */
public final class CrossResourceLinks implements CrossResourceTargets, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CrossResourceLinks.class.getName());
    /** The release the requests are made in: the one that introduced acrs (associatedCrossResourceSub). */
    private static final String RELEASE = "3";
    private final CseIdentity cse;
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> send;
    private final long timeoutMillis;
    /** Where the CSEs hosting targets may verify a crossResourceSubscription while it is being created. */
    private final CrossResourceNotifications notifications;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "keel-cross-resource");
        t.setDaemon(true);
        return t;
    });

    public CrossResourceLinks(CseIdentity cse, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> send, long timeoutMillis,
                              CrossResourceNotifications notifications) {
        this.cse = cse;
        this.notifications = notifications;
        this.send = send;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Linked link(String crs, Resource draft, RequestPrimitive create) {
        String self = cse.spRelativeCseId() + "/" + crs;
        List<String> associated = new ArrayList<>();
        List<String> created = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (String attribute : List.of("srat", "rrat")) {
            if (draft.get(attribute) instanceof List<?> targets) {
                targets.stream().map(t -> otherCse((String) t)).filter(Objects::nonNull).forEach(hosts::add);
            }
        }
        // Each target takes a request or two, each bounded by the timeout.
        int requests = 1 + 2 * (size(draft.get("srat")) + size(draft.get("rrat")));
        notifications.linking(crs, hosts, java.time.Duration.ofMillis(requests * timeoutMillis));
        try {
            List<?> srat = draft.get("srat") instanceof List<?> l ? l : List.of();
            for (int i = 0; i < srat.size(); i++) {
                associated.add(join((String) srat.get(i), "srat[" + i + "]", self, create));
            }
            List<?> rrat = draft.get("rrat") instanceof List<?> l ? l : List.of();
            List<?> encn = draft.get("encs") instanceof Map<?, ?> encs ? (List<?>) encs.get("encn") : List.of();
            for (int i = 0; i < rrat.size(); i++) {
                Object enc = encn.size() == 1 ? encn.get(0) : encn.get(i);
                created.add(subscribe((String) rrat.get(i), "rrat[" + i + "]", enc, self, draft, create));
            }
        } catch (OneM2MException e) {
            // TS-0004 7.4.58.2.1: whatever was linked already is undone before the failure is answered.
            Unlink undo = new Unlink(crs, created, associated, create.from, create.originatorAuthenticated);
            unlinkNow(undo);
            throw e;
        } finally {
            notifications.linked(crs, hosts);
        }
        return new Linked(created, associated);
    }

    private static int size(Object list) {
        return list instanceof List<?> l ? l.size() : 0;
    }

    /** Adds the crossResourceSubscription to an existing subscription's nu and acrs; returns the subscription's address. */
    private String join(String address, String field, String self, RequestPrimitive create) {
        ResponsePrimitive got = request(Operation.RETRIEVE, address, null, null, create.from, create.originatorAuthenticated);
        Map<?, ?> sub = subscription(got, ResponseStatusCode.OK, field, address);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("nu", with(sub.get("nu"), self));
        change.put("acrs", with(sub.get("acrs"), self));
        ResponsePrimitive updated = request(Operation.UPDATE, address, null, Map.of("m2m:sub", change), create.from,
                create.originatorAuthenticated);
        subscription(updated, ResponseStatusCode.UPDATED, field, address);
        return addressOf(address, (String) sub.get("ri"));
    }

    /** Creates a subscription under a target resource that notifies the crossResourceSubscription; returns its address. */
    private String subscribe(String target, String field, Object enc, String self, Resource draft, RequestPrimitive create) {
        Map<String, Object> sub = new LinkedHashMap<>();
        sub.put("enc", enc);
        sub.put("nu", List.of(self));
        sub.put("acrs", List.of(self));
        if (draft.get("nec") != null) {
            sub.put("nec", draft.get("nec"));
        }
        if (draft.et != null) {
            sub.put("et", Timestamps.format(draft.et));
        }
        ResponsePrimitive rsp = request(Operation.CREATE, target, ResourceTypes.SUBSCRIPTION, Map.of("m2m:sub", sub), create.from,
                create.originatorAuthenticated);
        Map<?, ?> made = subscription(rsp, ResponseStatusCode.CREATED, field, target);
        return addressOf(target, (String) made.get("ri"));
    }

    /** The m2m:sub of a successful answer, else 5221 naming the field, the target and the target's answer. */
    private static Map<?, ?> subscription(ResponsePrimitive rsp, ResponseStatusCode expected, String field, String address) {
        if (rsp.responseStatusCode == expected && rsp.content instanceof Map<?, ?> c && c.get("m2m:sub") instanceof Map<?, ?> sub) {
            return sub;
        }
        String why = rsp.responseStatusCode == expected ? "it is no subscription"
                : rsp.responseStatusCode.code() + (rsp.content instanceof Map<?, ?> c && c.get("m2m:dbg") != null ? " " + c.get("m2m:dbg") : "");
        throw new OneM2MException(ResponseStatusCode.CROSS_RESOURCE_OPERATION_FAILURE, field + " " + address + ": " + why);
    }

    private static List<Object> with(Object list, String entry) {
        List<Object> out = list instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        if (!out.contains(entry)) {
            out.add(entry);
        }
        return out;
    }

    private static List<Object> without(Object list, String entry) {
        List<Object> out = list instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        out.remove(entry);
        return out;
    }

    /**
     * How to address a subscription made or joined through {@code target}: its resourceID here, its SP-relative ID on
     * another CSE (the target given SP-relative or absolute, naming that CSE).
     */
    private String addressOf(String target, String ri) {
        String csi = otherCse(target);
        return csi == null ? ri : csi + "/" + ri;
    }

    /** The CSE-ID (SP-relative) of another CSE that {@code target} names (SP-relative or absolute), else null. */
    private String otherCse(String target) {
        String spRelative = target;
        if (target.startsWith("//")) {
            int slash = target.indexOf('/', 2);
            spRelative = slash < 0 ? target : target.substring(slash);
        }
        if (spRelative.startsWith("/")) {
            int end = spRelative.indexOf('/', 1);
            String csi = end < 0 ? spRelative : spRelative.substring(0, end);
            if (!csi.equals(cse.spRelativeCseId())) {
                return csi;
            }
        }
        return null;
    }

    @Override
    public void unlink(Unlink what) {
        background.execute(() -> unlinkNow(what));
    }

    @Override
    public void retime(Retime what) {
        background.execute(() -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("et", Timestamps.format(what.et()));
            for (String sub : what.created()) {
                ResponsePrimitive rsp = request(Operation.UPDATE, sub, null, Map.of("m2m:sub", change), what.from(), what.authenticated());
                if (rsp.responseStatusCode != ResponseStatusCode.UPDATED) {
                    LOG.info(() -> "crossResourceSubscription " + what.crs() + ": cannot give " + sub + " its expirationTime ("
                            + rsp.responseStatusCode.code() + ")");
                }
            }
        });
    }

    /** Deletes the subscriptions it made and leaves those it joined; any failure is only logged (TS-0004 7.4.58.2.4). */
    private void unlinkNow(Unlink what) {
        String self = cse.spRelativeCseId() + "/" + what.crs();
        for (String sub : what.created()) {
            ResponsePrimitive rsp = request(Operation.DELETE, sub, null, null, what.from(), what.authenticated());
            log(rsp, ResponseStatusCode.DELETED, "delete", sub, what.crs());
        }
        for (String sub : what.associated()) {
            ResponsePrimitive got = request(Operation.RETRIEVE, sub, null, null, what.from(), what.authenticated());
            if (!(got.content instanceof Map<?, ?> c && c.get("m2m:sub") instanceof Map<?, ?> current)) {
                log(got, ResponseStatusCode.OK, "retrieve", sub, what.crs());
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("nu", without(current.get("nu"), self));
            List<Object> acrs = without(current.get("acrs"), self);
            change.put("acrs", acrs.isEmpty() ? null : acrs);
            ResponsePrimitive rsp = request(Operation.UPDATE, sub, null, Map.of("m2m:sub", change), what.from(), what.authenticated());
            log(rsp, ResponseStatusCode.UPDATED, "leave", sub, what.crs());
        }
    }

    private static void log(ResponsePrimitive rsp, ResponseStatusCode expected, String what, String sub, String crs) {
        if (rsp.responseStatusCode != expected) {
            LOG.info(() -> "crossResourceSubscription " + crs + ": cannot " + what + " " + sub + " (" + rsp.responseStatusCode.code()
                    + "); ignored (TS-0004 7.4.58.2.4)");
        }
    }

    private ResponsePrimitive request(Operation op, String to, Integer ty, Object content, String from, boolean authenticated) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = from;
        req.requestIdentifier = "crs-" + Identifiers.random(16);
        req.resourceType = ty;
        req.content = content;
        req.releaseVersionIndicator = RELEASE;
        req.originatorAuthenticated = authenticated;
        try {
            return send.apply(req).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT, "interrupted");
        } catch (Exception e) {
            LOG.log(Level.FINE, "cross-resource request to " + to, e);
            return ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT, "no answer in time from " + to);
        }
    }

    @Override
    public void close() {
        background.shutdown();
    }
}
