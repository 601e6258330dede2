package io.keel.core.resource;

/**
 * One attribute of a resource type, declared as data: its short name, value type, and whether a Create or Update
 * request must, may or must not carry it (TS-0004 clause 7.3.3: NP attributes present → 4000).
 */
public record AttributeDef(String sn, AttributeType type, Presence onCreate, Presence onUpdate) {

    public enum Presence {
        MANDATORY,
        OPTIONAL,
        NOT_PERMITTED
    }

    /** Optional on create and update. */
    public static AttributeDef optional(String sn, AttributeType type) {
        return new AttributeDef(sn, type, Presence.OPTIONAL, Presence.OPTIONAL);
    }

    /** Mandatory on create, optional on update. */
    public static AttributeDef mandatory(String sn, AttributeType type) {
        return new AttributeDef(sn, type, Presence.MANDATORY, Presence.OPTIONAL);
    }

    /** Set by the CSE only. */
    public static AttributeDef readOnly(String sn, AttributeType type) {
        return new AttributeDef(sn, type, Presence.NOT_PERMITTED, Presence.NOT_PERMITTED);
    }

    /** Given (or not) at creation, fixed afterwards. */
    public static AttributeDef createOnly(String sn, AttributeType type, Presence onCreate) {
        return new AttributeDef(sn, type, onCreate, Presence.NOT_PERMITTED);
    }
}
