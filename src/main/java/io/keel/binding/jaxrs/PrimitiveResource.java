package io.keel.binding.jaxrs;

import io.keel.core.Cse;
import io.keel.primitive.RequestPrimitive;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
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
    public void retrieve(@Context ContainerRequestContext request, @Suspended AsyncResponse response) {
        handle(request, response);
    }

    @POST
    public void createOrNotify(@Context ContainerRequestContext request, @Suspended AsyncResponse response) {
        handle(request, response);
    }

    @PUT
    public void update(@Context ContainerRequestContext request, @Suspended AsyncResponse response) {
        handle(request, response);
    }

    @DELETE
    public void delete(@Context ContainerRequestContext request, @Suspended AsyncResponse response) {
        handle(request, response);
    }

    /** Asynchronous: a long poll or a Notify waiting for its AE holds no request thread. */
    private void handle(ContainerRequestContext request, AsyncResponse response) {
        cse.handle((RequestPrimitive) request.getProperty(RequestPrimitive.ATTRIBUTE)).thenAccept(response::resume);
    }
}
