package io.keel.binding.jaxrs;

import io.keel.core.Cse;
import io.keel.web.KeelContextListener;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import java.util.Map;
import java.util.Set;

/** The JAX-RS application: one resource class for every oneM2M target and the response writer. */
public class KeelApplication extends Application {
    private final Cse cse;

    public KeelApplication(@Context ServletContext servletContext) {
        this.cse = KeelContextListener.cse(servletContext);
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new PrimitiveResource(cse), new PrimitiveResponseFilter(), new ResponsePrimitiveBodyWriter());
    }

    @Override
    public Map<String, Object> getProperties() {
        // Bodies are serialized by HttpResponseWriter only; keep app servers' JSON providers (Payara's Yasson) out.
        return Map.of("jersey.config.disableJsonBinding", true,
                "jersey.config.server.disableMoxyJson", true,
                "jersey.config.server.wadl.disableWadl", true);
    }
}
