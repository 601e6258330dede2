package io.keel.core.operation;

import io.keel.core.Identifiers;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.RemoteResources;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.GroupType;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The memberType validation of groups whose members of other CSEs could not be reached when the group was created or
 * its members updated (TS-0004 7.4.13.2.1, 7.4.13.2.3: "as soon as any unreachable sub-group resource becomes
 * reachable, the receiver shall perform the memberType validation procedure"). Every interval it looks up the groups
 * with memberTypeValidated false (one store query, not the tree), retrieves their members of other CSEs as the
 * group's creator, and when one answers, applies the group's own rules ({@link GroupType#revalidate}) in a write
 * transaction: the group is updated as an Update would (lt, st, the subscribers' notifications, its announcements) or,
 * with ABANDON_GROUP and a member that does not conform, deleted as a Delete would. A group deleted or whose members
 * changed meanwhile is left alone: the Update that changed them validated them.
 */
public final class GroupRevalidation implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupRevalidation.class.getName());
    private static final int BATCH = 100;
    /** The release whose procedures the retrieves of the members follow. */
    private static final String RELEASE = "3";
    private static final Set<String> RESULT = Set.of(GroupType.MEMBER_IDS, GroupType.MEMBER_TYPE, "cnm", "mtv");
    private final OperationContext ctx;
    private final DeleteOperation deletes;
    private final ScheduledExecutorService timer;

    /** @param intervalMillis how often to look for groups to validate again; 0: never (then only {@link #revalidate}) */
    public GroupRevalidation(OperationContext ctx, DeleteOperation deletes, long intervalMillis) {
        this.ctx = ctx;
        this.deletes = deletes;
        if (intervalMillis <= 0) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-group-revalidation");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::revalidateSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** One round over every group not validated yet; returns how many it updated or deleted. */
    public int revalidate() {
        int changed = 0;
        for (String ri : candidates()) {
            try {
                if (revalidate(ri)) {
                    changed++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "validating the members of group " + ri + " again failed; trying again next round", e);
            }
        }
        return changed;
    }

    /** The groups with mtv false whose members' type is checked, all found before any is changed (offsets hold). */
    private List<String> candidates() {
        FilterCriteria fc = GroupType.notValidated();
        List<String> ris = new ArrayList<>();
        int offset = 0;
        List<Resource> batch;
        do {
            int from = offset;
            batch = ctx.store.read(tx -> {
                Resource base = tx.tree().find(ctx.cse.cseBaseRi());
                return base == null ? List.<Resource>of() : tx.search().discover(base, fc, Visibility.EVERYTHING, null, from, BATCH);
            });
            batch.stream().filter(GroupType::revalidates).forEach(g -> ris.add(g.ri));
            offset += batch.size();
        } while (batch.size() == BATCH);
        return ris;
    }

    private boolean revalidate(String ri) {
        Resource grp = ctx.store.read(tx -> tx.tree().find(ri));
        if (grp == null || !GroupType.revalidates(grp)) {
            return false;
        }
        GroupType type = (GroupType) ctx.types.require(grp.ty);
        RequestPrimitive asCreator = asCreator(grp);
        Map<String, Object> given = Map.of(GroupType.MEMBER_IDS, grp.get(GroupType.MEMBER_IDS));
        Map<String, RemoteResources.Retrieved> retrieved = new ConcurrentHashMap<>();
        type.beforeTransaction(new PendingWrite(asCreator, grp, given, null, ctx.notifications, ctx.remote(), retrieved));
        if (retrieved.values().stream().noneMatch(GroupRevalidation::decides)) {
            return false; // none of them answers with what it is yet: nothing to validate that was not before
        }
        return ctx.store.write(tx -> validate(tx, type, grp, asCreator, given, retrieved));
    }

    private boolean validate(Transaction tx, GroupType type, Resource seen, RequestPrimitive asCreator,
                             Map<String, Object> given, Map<String, RemoteResources.Retrieved> retrieved) {
        Resource grp = tx.tree().lock(seen.ri);
        if (grp == null || !GroupType.revalidates(grp)
                || !Objects.equals(grp.get(GroupType.MEMBER_IDS), seen.get(GroupType.MEMBER_IDS))) {
            return false; // deleted, or its members set again, meanwhile
        }
        Instant now = ctx.clock.after(grp.lt);
        Map<String, Object> before = new java.util.HashMap<>();
        RESULT.forEach(k -> before.put(k, grp.get(k)));
        Object announcedTo = grp.attributes.get(ResourceType.ANNOUNCE_TO);
        ResourceOperation op = new ResourceOperation(tx, asCreator, ctx.cse, now, null, grp, given,
                ctx.references(tx.tree(), asCreator, retrieved));
        if (!type.revalidate(op)) {
            LOG.info(() -> "group " + grp.srn + " deleted: a member of another CSE, now reachable, does not conform to its"
                    + " memberType and its consistencyStrategy is ABANDON_GROUP (TS-0004 7.4.13.2.1)");
            return deletes.delete(tx, grp, null, now);
        }
        Set<String> modified = new LinkedHashSet<>();
        RESULT.forEach(k -> {
            if (!Objects.equals(before.get(k), grp.get(k))) {
                modified.add(k);
            }
        });
        if (modified.isEmpty()) {
            return false;
        }
        grp.lt = now;
        if (type.hasStateTag()) {
            grp.st++;
        }
        ctx.announcements.writing(tx, type, grp, announcedTo);
        OperationContext.orderAttributes(type, grp);
        tx.tree().update(grp);
        ctx.notifications.events().updated(tx, grp, modified);
        LOG.fine(() -> "group " + grp.srn + " validated again: " + modified);
        return true;
    }

    /** Whether an answer tells what the member is (2000) or that it is gone (4004), which the rules can act on. */
    private static boolean decides(RemoteResources.Retrieved answer) {
        return answer.rsc() == ResponseStatusCode.OK || answer.rsc() == ResponseStatusCode.NOT_FOUND;
    }

    /** The retrieves of the members go as the group's creator, whose access the members' CSEs judge, as at Create. */
    private static RequestPrimitive asCreator(Resource grp) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.UPDATE;
        req.to = grp.ri;
        req.from = grp.origin;
        req.requestIdentifier = "revalidate-" + Identifiers.random(10);
        req.releaseVersionIndicator = RELEASE;
        return req;
    }

    private void revalidateSafely() {
        try {
            revalidate();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "group member validation failed; retrying at the next interval", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
