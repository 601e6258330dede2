package io.keel.core.announcement;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.store.Transaction;
import io.keel.core.store.TransactionListener;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosting CSE's side of announcement inside the write transaction of a Create, Update or Delete (TS-0001 9.6.26,
 * TS-0004 7.3.3.10/7.3.3.11): checks {@code at} and {@code aa}, keeps in {@code at} the addresses of what is
 * announced already, and queues the work for the {@link Announcer}, which does it after the commit. The original's
 * operation never waits for another CSE.
 * <p>
 * {@code at} holds, per target CSE, either its CSE-ID ({@code /id-in}: to be announced there) or, once announced, the
 * SP-relative ID of the announced resource there ({@code /id-in/cntA1}), as TS-0001 9.6.1.3 says.
 */
public final class Announcements {
    /** What a core without announcement uses (unit tests of other parts): writes no at, queues nothing. */
    public static final Announcements NONE = new Announcements(null, null, () -> { });
    /** The most descendants of a deleted resource whose announcements are looked for. */
    static final int SUBTREE_LIMIT = 10_000;
    private final CseIdentity cse;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake called after a commit that queued work */
    public Announcements(CseIdentity cse, Clock clock, Runnable wake) {
        this.cse = cse;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Before a created or updated resource is stored: {@code at} as the request leaves it, checked and with the
     * addresses of existing announcements kept, and the announcements and de-announcements it asks for queued. Every
     * write of an announced resource brings its announced resources up to date (whether or not an announced
     * attribute changed: one Update more to the target, no comparison to get wrong).
     *
     * @param before {@code at} before the write (null for a Create)
     */
    public void writing(Transaction tx, ResourceType type, Resource r, Object before) {
        if (cse == null || !type.supportsAnnouncement()) {
            return;
        }
        checkAnnouncedAttributes(type, r.attributes.get(ResourceType.ANNOUNCED_ATTRIBUTE));
        Map<String, String> previous = byTarget(before, false);
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : byTarget(r.attributes.get(ResourceType.ANNOUNCE_TO), true).entrySet()) {
            String target = e.getKey();
            String entry = e.getValue();
            String announcedAt = previous.get(target);
            if (!entry.equals(target) && !entry.equals(announcedAt)) {
                throw OneM2MException.badRequest("at entry " + entry + " names no announcement of this resource: at takes"
                        + " the CSE-IDs to announce to (" + target + ")");
            }
            wanted.put(target, announcedAt != null ? announcedAt : target);
        }
        previous.forEach((target, entry) -> {
            if (!wanted.containsKey(target) && !entry.equals(target)) {
                tx.announcements().put(r.ri, target, entry, clock.now()); // a CSE left at: de-announce
            }
        });
        wanted.keySet().forEach(target -> tx.announcements().put(r.ri, target, null, clock.now()));
        if (wanted.isEmpty()) {
            r.attributes.remove(ResourceType.ANNOUNCE_TO);
        } else {
            r.attributes.put(ResourceType.ANNOUNCE_TO, new ArrayList<>(wanted.values()));
        }
        if (!previous.isEmpty() || !wanted.isEmpty()) {
            wakeAfterCommit(tx);
        }
    }

    /**
     * Before a resource and its subtree are deleted: their announced resources go too (TS-0004 7.3.3.11). Those of
     * descendants are found by one attribute query (at holding an SP-relative ID), at most {@link #SUBTREE_LIMIT}; a
     * descendant announced below its announced parent would go with it on the target anyway.
     */
    public void deleting(Transaction tx, ResourceType type, Resource r) {
        if (cse == null) {
            return;
        }
        boolean queued = type.supportsAnnouncement() && deannounce(tx, r);
        if (!type.childless()) {
            FilterCriteria announced = new FilterCriteria();
            announced.attributes.add(new FilterCriteria.AttributeCondition(ResourceType.ANNOUNCE_TO, "/*"));
            for (Resource d : tx.search().discover(r, announced, Visibility.EVERYTHING, null, 0, SUBTREE_LIMIT)) {
                if (!d.ri.equals(r.ri)) {
                    queued |= deannounce(tx, d);
                }
            }
        }
        if (queued) {
            wakeAfterCommit(tx);
        }
    }

    private boolean deannounce(Transaction tx, Resource r) {
        boolean queued = false;
        for (Map.Entry<String, String> e : byTarget(r.attributes.get(ResourceType.ANNOUNCE_TO), false).entrySet()) {
            if (!e.getValue().equals(e.getKey())) {
                tx.announcements().put(r.ri, e.getKey(), e.getValue(), clock.now());
                queued = true;
            }
        }
        return queued;
    }

    private void wakeAfterCommit(Transaction tx) {
        tx.listener(Wake.class, () -> new Wake(wake));
    }

    /** aa names optional announced attributes of the type (TS-0001 9.6.1.3): anything else is 4000. */
    private static void checkAnnouncedAttributes(ResourceType type, Object aa) {
        if (!(aa instanceof List<?> names)) {
            return;
        }
        for (Object name : names) {
            if (!type.announcedAttributes().contains(String.valueOf(name))) {
                throw OneM2MException.badRequest("aa names " + name + ", which is no announceable attribute of "
                        + type.rootElement() + " (it announces " + String.join(", ", type.announcedAttributes()) + ")");
            }
        }
    }

    /**
     * The entries of at by target CSE-ID (SP-relative). {@code strict}: an entry that names no CSE of this service
     * provider, this CSE itself, or a CSE twice is 4000.
     */
    private Map<String, String> byTarget(Object at, boolean strict) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!(at instanceof List<?> entries)) {
            return out;
        }
        for (Object o : entries) {
            String entry = spRelative(String.valueOf(o));
            String target = entry == null ? null : targetOf(entry);
            if (strict) {
                if (target == null) {
                    throw OneM2MException.badRequest("at entry " + o + " is no CSE-ID of this service provider (/<CSE-ID>):"
                            + " Keel announces to CSEs of its own service provider");
                }
                if (target.equals(cse.spRelativeCseId())) {
                    throw OneM2MException.badRequest("at entry " + o + " is this CSE, which hosts the original");
                }
                if (out.containsKey(target)) {
                    throw OneM2MException.badRequest("at names " + target + " twice");
                }
            }
            if (target != null) {
                out.putIfAbsent(target, entry);
            }
        }
        return out;
    }

    /** An SP-relative ID as it is, an absolute one of this service provider made SP-relative; else null. */
    private String spRelative(String id) {
        String ownSp = "//" + cse.spId() + "/";
        if (id.startsWith(ownSp)) {
            return id.substring(ownSp.length() - 1);
        }
        return id.startsWith("/") && !id.startsWith("//") && id.length() > 1 ? id : null;
    }

    /** {@code /id-in} of {@code /id-in} or {@code /id-in/cntA1}. */
    static String targetOf(String spRelative) {
        int slash = spRelative.indexOf('/', 1);
        return slash < 0 ? spRelative : spRelative.substring(0, slash);
    }

    /** Starts the {@link Announcer} once the transaction that queued work has committed. */
    private static final class Wake implements TransactionListener {
        private final Runnable wake;

        Wake(Runnable wake) {
            this.wake = wake;
        }

        @Override
        public void afterCompletion(boolean committed) {
            if (committed) {
                wake.run();
            }
        }
    }
}
