package io.keel.core.resource.types;

import java.util.Set;

/** An announceable type whose announced type has behaviour of its own beyond carrying the announced attributes. */
interface AnnouncedVariant {
    /** @param childTypes the announced type's child types, as the registry derives them */
    AnnouncedType announcedType(Set<Integer> childTypes);
}
