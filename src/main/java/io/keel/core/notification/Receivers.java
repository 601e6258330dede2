package io.keel.core.notification;

import io.keel.core.CseIdentity;
import io.keel.core.Outbound;
import io.keel.core.resource.NotificationTargets;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves notification targets (TS-0004 7.5.1.2.2, 7.3.3.9.1, 7.3.3.9.2; TS-0001 10.2.5.17): a URL is used as it is (a
 * {@code ct=json|xml|cbor} query parameter chooses the serialization); a oneM2M ID of an AE leads to its pollingChannel
 * if it has one, else to its pointOfAccess URLs in order, in the first serialization of its csz and the newest release
 * of its srv that Keel speaks; the CSE's own ID leads to the CSE itself; the ID of an AE, CSE or resource of another
 * CSE (SP-relative or absolute) leads there through forwarding (TS-0004 7.3.2.6).
 */
public final class Receivers {
    private static final Pattern CT = Pattern.compile("[?&]ct=(json|xml|cbor)(?:&|$)");
    /** The release a receiver of unknown release is addressed in: the oldest Keel speaks beyond 2a. */
    static final String DEFAULT_RELEASE = "3";
    private final CseIdentity cse;
    private final Router router;
    private final TypeRegistry types;
    private final Outbound outbound;

    /** @param outbound what this CSE sends with: which URLs it reaches, which entities hold a connection open to it */
    public Receivers(CseIdentity cse, Router router, TypeRegistry types, Outbound outbound) {
        this.outbound = outbound;
        this.cse = cse;
        this.router = router;
        this.types = types;
    }

    public Receiver resolve(ResourceTree tx, String address) {
        Matcher url = NotificationTargets.URL.matcher(address);
        if (url.matches()) {
            String scheme = url.group(1).toLowerCase(Locale.ROOT);
            if (!outbound.reaches(address)) {
                return Receiver.unreachable(address, "no binding of this CSE sends to " + scheme + " URLs");
            }
            Matcher ct = CT.matcher(address);
            if (!ct.find()) {
                return Receiver.urls(address, List.of(address), Serialization.JSON, DEFAULT_RELEASE);
            }
            Serialization s = Serialization.valueOf(ct.group(1).toUpperCase(Locale.ROOT));
            // The serialization indication is for this CSE only: the Notify goes to the URL without it (TS-0004
            // 7.5.1.2.2 step 2.5).
            String target = withoutSerialization(address, ct);
            return Receiver.urls(target, List.of(target), s, DEFAULT_RELEASE);
        }
        if (isThisCse(address)) {
            return Receiver.thisCse(address);
        }
        Route route;
        try {
            route = router.route(tx, address);
        } catch (OneM2MException e) {
            return Receiver.unreachable(address, e.getMessage());
        }
        if (route instanceof Route.Remote) {
            return Receiver.remote(address);
        }
        if (!(route instanceof Route.Local local)) {
            return Receiver.unreachable(address, "a virtual resource receives no notifications");
        }
        Resource r = local.resource();
        return switch (types.require(r.ty).notifyRecipient()) {
            case ENTITY -> ofAe(tx, address, r).ofLocalAe(r.ri);
            case THIS_CSE -> Receiver.thisCse(address);
            case GROUP -> Receiver.group(address);
            case RESOURCE -> Receiver.resource(r.ri);
            case NONE -> Receiver.unreachable(address, address + " is neither an AE nor a CSE");
        };
    }

    /** The URL without its {@code ct=} query parameter and the delimiter before it (or, first of several, after it). */
    private static String withoutSerialization(String url, Matcher ct) {
        boolean first = url.charAt(ct.start()) == '?';
        boolean more = url.charAt(ct.end() - 1) == '&';
        if (first && more) {
            return url.substring(0, ct.start() + 1) + url.substring(ct.end()); // "?ct=json&q=1" → "?q=1"
        }
        return url.substring(0, ct.start()) + (more ? "&" + url.substring(ct.end()) : url.substring(ct.end()));
    }

    /**
     * An AE (or CSE) as the receiver of a Notify: a connection it holds open to this CSE first, with its poa after it
     * should that fail (TS-0020 5.2, TS-0009 Annex B); else its pollingChannel, else its poa (TS-0004 7.3.3.9.1;
     * TS-0001 10.2.5.17).
     */
    public Receiver ofAe(ResourceTree tx, String address, Resource ae) {
        Serialization s = serialization(ae);
        String rvi = release(ae);
        List<String> urls = new ArrayList<>();
        Object entityId = ae.get("aei") != null ? ae.get("aei") : ae.get("csi");
        String connection = entityId instanceof String id ? outbound.connectionTo(id) : null;
        if (connection != null) {
            urls.add(connection);
        } else {
            List<Resource> pch = tx.children(ae.ri, ResourceTypes.POLLING_CHANNEL);
            if (!pch.isEmpty()) {
                return Receiver.pollingChannel(address, pch.get(0).ri, s, rvi);
            }
        }
        if (ae.get("poa") instanceof List<?> poa) {
            for (Object p : poa) {
                String u = (String) p;
                if (outbound.reaches(u)) {
                    urls.add(u);
                }
            }
        }
        if (urls.isEmpty()) {
            // Connections are not kept across a restart of this CSE: an entity that held one is reached once it connects again.
            return Receiver.unreachable(address, "the AE " + ae.ri + " has no pointOfAccess this CSE can reach, no pollingChannel, "
                    + "and has opened no connection (WebSocket) to this CSE since it started; it is reachable once it connects");
        }
        return Receiver.urls(address, urls, s, rvi);
    }

    private boolean isThisCse(String address) {
        return address.equals(cse.cseId()) || address.equals(cse.spRelativeCseId()) || address.equals(cse.cseName())
                || address.equals(cse.spRelativeCseId() + "/" + cse.cseName());
    }

    private static Serialization serialization(Resource ae) {
        if (ae.get("csz") instanceof List<?> csz) {
            for (Object c : csz) {
                for (Serialization s : Serialization.values()) {
                    if (((String) c).endsWith(s.token())) {
                        return s;
                    }
                }
            }
        }
        return Serialization.JSON;
    }

    /** The newest release both speak; Release 1 for an AE without srv (TS-0001 9.6.5). */
    private static String release(Resource ae) {
        if (!(ae.get("srv") instanceof List<?> srv)) {
            return ReleaseVersion.RELEASE_1;
        }
        String best = null;
        for (String v : ReleaseVersion.SUPPORTED) {
            if (srv.contains(v)) {
                best = v; // SUPPORTED is in ascending order: the last match is the newest
            }
        }
        return best == null ? DEFAULT_RELEASE : best;
    }
}
