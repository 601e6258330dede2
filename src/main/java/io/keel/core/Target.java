package io.keel.core;

import io.keel.core.resource.Resource;

/**
 * What a To parameter addresses: a stored resource, or a virtual child (la, ol) of one. For a virtual target
 * {@link #resource} is the resource the virtual child belongs to (e.g. the container).
 */
public record Target(Resource resource, String virtualChild) {
    public boolean isVirtual() {
        return virtualChild != null;
    }
}
