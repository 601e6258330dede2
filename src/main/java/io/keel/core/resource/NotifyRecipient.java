package io.keel.core.resource;

/** What a Notify addressed to a resource reaches (TS-0004 7.3.3.9). */
public enum NotifyRecipient {
    /** Nothing: the resource takes no Notify (4005). */
    NONE,
    /** This CSE itself (its CSEBase). */
    THIS_CSE,
    /** The entity the resource registers (an AE): the Notify goes on to it, and its answer comes back. */
    ENTITY,
    /**
     * A {@code <group>}: the notifications of the subscriptions made through its fanOutPoint for aggregation, sent by the
     * CSEs hosting its members (TS-0004 7.5.1.2.6).
     */
    GROUP,
    /**
     * The resource itself, which subscribes to others and acts on what they notify (a crossResourceSubscription,
     * TS-0004 7.5.1.2.18).
     */
    RESOURCE
}
