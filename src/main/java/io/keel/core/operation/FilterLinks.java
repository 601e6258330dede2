package io.keel.core.operation;

import io.keel.core.access.Permission;
import io.keel.core.resource.Resource;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.store.Transaction;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResultContent;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The descriptors of other CSEs that a semanticsFilter outside discovery joins (TS-0004 7.3.3.1, 7.3.3.18): those the
 * target's descriptors link in a conditional operation (fu=2), those of the children in a child resource list (rcn
 * 4/5/6/8). They are read as the originator before the operation's transaction, as a discovery reads them ({@link
 * FollowedLinks}); one that cannot be read adds nothing and is named among the unavailable ones: a child list is then
 * partial, a conditional operation TARGET_NOT_REACHABLE unless the target met the filter without it ({@link
 * OperationContext#requireMatch}).
 */
final class FilterLinks {
    private final OperationContext ctx;
    private final FollowedLinks links;

    /** @param dispatcher reads linked descriptors of other CSEs as any other request (forwarding it) */
    FilterLinks(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.links = FollowedLinks.of(ctx, dispatcher);
    }

    /** Those a conditional operation on {@code target} joins (none without a semanticsFilter). */
    Set<String> ofTarget(Transaction tx, RequestPrimitive req, Resource target) {
        FilterCriteria fc = req.filterCriteria;
        if (fc == null || fc.semanticsFilter.isEmpty() || fc.filterUsageOrDefault() != FilterUsage.CONDITIONAL_RETRIEVAL) {
            return Set.of();
        }
        return ctx.search.remoteLinks(tx, target, fc, ctx.visible(tx.tree(), req, Permission.DISCOVERY), target.depth());
    }

    /** Those a Retrieve of {@code r} joins: its child list's with child results, else its condition's. */
    Set<String> ofRetrieve(Transaction tx, RequestPrimitive req, Resource r, ResultContent rcn) {
        FilterCriteria fc = req.filterCriteria;
        if (fc == null || fc.semanticsFilter.isEmpty()) {
            return Set.of();
        }
        return switch (rcn) {
            case ATTRIBUTES_AND_CHILD_RESOURCES, CHILD_RESOURCES -> ctx.search.remoteLinks(tx, r, fc,
                    ctx.visible(tx.tree(), req, Permission.RETRIEVE), fc.level == null ? null : r.depth() + fc.level);
            case ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES, CHILD_RESOURCE_REFERENCES -> ctx.search.remoteLinks(tx, r, fc,
                    ctx.visible(tx.tree(), req, Permission.RETRIEVE), r.depth() + 1);
            default -> ofTarget(tx, req, r);
        };
    }

    /** The descriptors at {@code far} and what they link, read as the originator. */
    CompletableFuture<FetchedDescriptors> read(RequestPrimitive req, Set<String> far) {
        return far.isEmpty() ? CompletableFuture.completedFuture(FetchedDescriptors.NONE)
                : links.read(req, far, LinkMethod.MATCHING, FollowedLinks.OnFailure.SKIP);
    }
}
