package io.keel.core;

import io.keel.core.resource.Resource;

/**
 * What a To parameter addresses: a stored resource, or a virtual child (la, ol, fopt, pcu) of one. For a virtual
 * target {@link #resource} is the resource the virtual child belongs to (e.g. the container).
 *
 * @param relativePath what follows a group's {@code fopt/} (e.g. {@code la}), to be appended to each member; null
 *        when nothing follows
 */
public record Target(Resource resource, String virtualChild, String relativePath) {
    public Target(Resource resource, String virtualChild) {
        this(resource, virtualChild, null);
    }

    public boolean isVirtual() {
        return virtualChild != null;
    }
}
