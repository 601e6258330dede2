package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An announced resource type ({@code <containerAnnc>}, ty 10003, m2m:cntA; TS-0004 7.4.26, TS-0001 9.6.26), declared
 * from the original type: the common announced attributes (acpi, lbl, et, and {@code lnk}, the original's address, which
 * a Create must give), then the original's announceable attributes (TS-0001 9.6.x: MA mandatory on Create, OA
 * optional), with the original's value types. It is an ordinary resource of this CSE: retrievable, discoverable by its
 * ty, governed by its acpi or its parent's; the original lives on the CSE that {@code lnk} names.
 */
public class AnnouncedType extends ResourceType {
    /** TS-0004 6.3.4.2.1: an announced type's number is its original's plus 10000. */
    public static final int OFFSET = 10_000;
    public static final String LINK = "lnk";
    private final ResourceType original;
    private final Set<Integer> childTypes;

    AnnouncedType(ResourceType original, Set<Integer> announcedChildTypes) {
        super(OFFSET + original.ty(), original.prefix(), original.announcedShortName(), declaration(original));
        this.original = original;
        this.childTypes = Set.copyOf(announcedChildTypes);
    }

    private static List<AttributeDef> declaration(ResourceType original) {
        List<AttributeDef> out = new ArrayList<>();
        out.add(AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS));
        out.add(AttributeDef.mandatory(LINK, AttributeType.ANY_URI));
        Set<String> names = new LinkedHashSet<>(original.mandatoryAnnounced());
        names.addAll(original.announcedAttributes());
        for (String sn : names) {
            AttributeDef def = original.attribute(sn);
            if (def == null) {
                throw new IllegalStateException(original.rootElement() + " announces " + sn + ", which it does not declare");
            }
            Presence onCreate = original.mandatoryAnnounced().contains(sn) ? Presence.MANDATORY : Presence.OPTIONAL;
            out.add(new AttributeDef(sn, def.type(), onCreate, Presence.OPTIONAL, def.introduced()));
        }
        return out;
    }

    /** Announced resources carry no custodian (Release 4): it is not among the announced attributes. */
    @Override
    protected boolean isAnnouncedVariant() {
        return true;
    }

    /** The type this one announces. */
    public ResourceType original() {
        return original;
    }

    /** TS-0004 table 7.4.26.1-2: the announced resource's name is the target CSE's choice (NP). */
    @Override
    protected Presence resourceNameOnCreate() {
        return Presence.NOT_PERMITTED;
    }

    /** TS-0004 table 7.4.26.1-2: et is mandatory on Create (the original's, which the announcing CSE sends). */
    @Override
    protected Presence expirationTimeOnCreate() {
        return Presence.MANDATORY;
    }

    @Override
    public Set<Integer> childTypes() {
        return childTypes;
    }
}
