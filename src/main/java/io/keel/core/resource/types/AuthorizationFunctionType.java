package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the three distributed authorization resources (TS-0004 7.4.43–7.4.45: PDP, PRP, PIP) share: a request is an
 * Update giving request attributes (and nothing else), answered in the resource's answer attributes and sus; the
 * request itself is never kept, not even from a Create. An Update giving none of them is an ordinary one.
 */
abstract class AuthorizationFunctionType extends ResourceType {
    private static final Logger LOG = Logger.getLogger(AuthorizationFunctionType.class.getName());
    private final String kind;
    private final List<String> request;
    private final List<String> mandatory;
    private final Supplier<AuthorizationFunctions> functions;

    /**
     * @param kind      what a request asks ("decision", "policy", "information"), for the 4000s
     * @param request   the request attributes, declared optional among {@code attributes}
     * @param mandatory those of them a request must give
     */
    AuthorizationFunctionType(int ty, String shortName, List<AttributeDef> attributes, String kind, List<String> request,
                              List<String> mandatory, Supplier<AuthorizationFunctions> functions) {
        super(ty, shortName, attributes);
        this.kind = kind;
        this.request = request;
        this.mandatory = mandatory;
        this.functions = functions;
    }

    /** TS-0004 tables 7.4.43.1-4, 7.4.44.1-4, 7.4.45.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /** A Create takes no request: what it gave is not kept (nothing is answered before an Update asks). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        request.forEach(op.resource.attributes::remove);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (request.stream().noneMatch(op.given::containsKey)) {
            return;
        }
        List<String> others = new ArrayList<>(op.given.keySet());
        others.removeAll(request);
        if (!others.isEmpty()) {
            List<String> optional = new ArrayList<>(request);
            optional.removeAll(mandatory);
            throw OneM2MException.badRequest("an access control " + kind + " request gives " + String.join(", ", mandatory)
                    + (optional.isEmpty() ? "" : " (and optionally " + String.join(", ", optional) + ")")
                    + " and nothing else, not " + String.join(", ", others));
        }
        for (String sn : mandatory) {
            if (op.given.get(sn) == null) {
                throw OneM2MException.badRequest("an access control " + kind + " request needs " + sn);
            }
        }
        validate(op);
        request.forEach(op.resource.attributes::remove); // the request is not kept, only its answer
        AuthorizationStatus status;
        try {
            status = answer(op, functions.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "access control " + kind + " request on " + op.resource.ri + " failed", e);
            status = AuthorizationStatus.PROCESSING_ERROR;
        }
        op.resource.attributes.put(AuthorizationStatus.ATTRIBUTE, status.value);
    }

    /** Checks the request's values beyond their declared types: 4000 naming what is wrong. */
    void validate(ResourceOperation op) {
    }

    /** Answers the request in the resource's answer attributes (replacing the last answer) or in the response. */
    abstract AuthorizationStatus answer(ResourceOperation op, AuthorizationFunctions functions);
}
