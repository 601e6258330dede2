package io.keel.binding.jaxrs;

import io.keel.core.Cse;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The JAX-RS application: one resource class for every oneM2M target, the response filter, and the CSE they share. */
public class KeelApplication extends ResourceConfig {
    public KeelApplication(Cse cse) {
        register(PrimitiveResource.class);
        register(PrimitiveResponseFilter.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(cse).to(Cse.class);
            }
        });
        // Bodies are serialized by the binding only: keep app servers' JSON providers (Payara's Yasson) and the
        // default providers Keel never uses out.
        property("jersey.config.disableJsonBinding", true);
        property("jersey.config.server.disableMoxyJson", true);
        property("jersey.config.server.wadl.disableWadl", true);
        property("jersey.config.disableDefaultProvider", "DATASOURCE,DOMSOURCE,RENDEREDIMAGE,SAXSOURCE,STREAMSOURCE");
        // The entity is a byte[] of known length (PrimitiveResponseFilter sets Content-Length): Jersey's 8 KB buffer per
        // response, there to measure a streamed entity, would only be a copy.
        property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    }
}
