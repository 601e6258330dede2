package io.keel.binding.jaxrs;

import io.keel.core.Cse;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/**
 * Every oneM2M resource, whatever its address: the request primitive the binding filter built goes to the CSE,
 * and the response primitive comes back for {@link PrimitiveResponseFilter} to write.
 */
@Path("{target: .*}")
// The binding filter has already negotiated the response media type; JAX-RS must not refuse any Accept.
@Produces("*/*")
@Singleton
public class PrimitiveResource {
    private final Cse cse;

    @Inject
    public PrimitiveResource(Cse cse) {
        this.cse = cse;
    }

    @GET
    public ResponsePrimitive retrieve(@Context ContainerRequestContext request) {
        return handle(request);
    }

    @POST
    public ResponsePrimitive createOrNotify(@Context ContainerRequestContext request) {
        return handle(request);
    }

    @PUT
    public ResponsePrimitive update(@Context ContainerRequestContext request) {
        return handle(request);
    }

    @DELETE
    public ResponsePrimitive delete(@Context ContainerRequestContext request) {
        return handle(request);
    }

    private ResponsePrimitive handle(ContainerRequestContext request) {
        return cse.handle((RequestPrimitive) request.getProperty(RequestPrimitive.ATTRIBUTE));
    }
}
