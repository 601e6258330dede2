package io.keel.core.resource;

import io.keel.primitive.ReleaseVersion;

/**
 * One attribute of a resource type, declared as data: its short name, value type, whether a Create or Update
 * request must, may or must not carry it (TS-0004 clause 7.3.3: NP attributes present → 4000), and the release that
 * introduced it: an entity of an earlier release neither sends nor sees it.
 */
public record AttributeDef(String sn, AttributeType type, Presence onCreate, Presence onUpdate, String introduced) {

    public AttributeDef(String sn, AttributeType type, Presence onCreate, Presence onUpdate) {
        this(sn, type, onCreate, onUpdate, ReleaseVersion.RELEASE_1);
    }

    /** The same attribute, introduced by a later release than Release 1. */
    public AttributeDef since(String release) {
        return new AttributeDef(sn, type, onCreate, onUpdate, release);
    }

    /** Whether an entity of the given release knows this attribute (null: the newest). */
    public boolean knownTo(String release) {
        return ReleaseVersion.knows(release, introduced);
    }

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
