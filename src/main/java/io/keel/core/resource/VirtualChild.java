package io.keel.core.resource;

import io.keel.core.access.Permission;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A virtual resource (TS-0004 7.4.1.3): addressed as a child of a resource ({@code <container>/la}), stored nowhere,
 * and answered by this handler, which the parent's type declares. Access is decided on the parent, with the permission
 * {@link #permission} names. What an operation does not name here is refused with 4005.
 */
public abstract class VirtualChild {
    private final String name;

    protected VirtualChild(String name) {
        this.name = name;
    }

    /** The resource name it is addressed by. */
    public final String name() {
        return name;
    }

    /**
     * Whether a request to it, or to a path below it, goes to each member of the parent instead (a group's
     * fanOutPoint, TS-0004 7.4.14): the router makes it a fan-out, and the other methods are never asked.
     */
    public boolean fansOut() {
        return false;
    }

    /**
     * Whether a request to it is a semantic discovery or query over the descriptors of the parent's members instead
     * (a group's semanticFanOutPoint, TS-0004 7.4.35): {@code core.operation.SemanticFanOutOperation} answers it, and
     * the other methods are never asked.
     */
    public boolean semanticFanOut() {
        return false;
    }

    /**
     * Whether a request to it validates the semanticDescriptor it carries instead (an ontologyRepository's
     * semanticValidation, TS-0004 7.4.48): {@code core.operation.SemanticValidationOperation} answers it, and the
     * other methods are never asked.
     */
    public boolean validatesSemantics() {
        return false;
    }

    /**
     * The privilege on the parent an operation on this child needs; null for none, when the child decides itself who
     * may use it (ntsr: the notification targets of its subscription).
     */
    public Permission permission(Operation op) {
        return Permission.of(op);
    }

    /**
     * After the privilege check on the parent: refuses originators the child admits none but its own, whatever the
     * policies say (pcu: the creator of its pollingChannel, TS-0004 7.4.22.2.2: 4103).
     */
    public void checkOriginator(RequestPrimitive req, Resource parent) {
    }

    /**
     * The stored resource a Retrieve or Delete of this child acts on, as if addressed itself (la: the newest
     * contentInstance); null when it stands for none, and {@link #retrieve} answers a Retrieve. Asked before the
     * privilege check, as routing to a stored resource is: it must change nothing.
     */
    public Resource standsFor(ResourceTree tree, Resource parent) {
        return null;
    }

    /**
     * Work a Retrieve of this child does before it reads what the child stands for, after the privilege check and
     * outside the read transaction (la of a location container: a positioning, TS-0001 10.2.9.7); null for none. Asked
     * in the read transaction: it must change nothing.
     */
    public Runnable beforeRetrieve(ResourceTree tree, Resource parent) {
        return null;
    }

    /** A Retrieve of a child that stands for no resource (pcu: a long poll); runs after the read transaction. */
    public CompletableFuture<ResponsePrimitive> retrieve(RequestPrimitive req, Resource parent, PolledRequests polling) {
        throw refused(Operation.RETRIEVE);
    }

    /** A Notify addressed to it (pcu: the AE's answer to a request it fetched). */
    public CompletableFuture<ResponsePrimitive> notify(Map<?, ?> content, Resource parent, PolledRequests polling) {
        throw refused(Operation.NOTIFY);
    }

    /**
     * A Delete of a child that stands for no resource (a subscription's ntsr: the originator leaves its notification
     * targets); runs after the read transaction.
     */
    public CompletableFuture<ResponsePrimitive> delete(RequestPrimitive req, Resource parent, NotificationTargetRemoval removal) {
        throw refused(Operation.DELETE);
    }

    /** 4005 for an operation this child does not take. */
    public OneM2MException refused(Operation op) {
        return switch (op) {
            case CREATE -> OneM2MException.notAllowed("nothing can be created under the virtual resource " + name);
            case NOTIFY -> OneM2MException.notAllowed(name + " takes no Notify");
            default -> OneM2MException.notAllowed(name + " cannot be " + op.name().toLowerCase(Locale.ROOT) + "d");
        };
    }
}
