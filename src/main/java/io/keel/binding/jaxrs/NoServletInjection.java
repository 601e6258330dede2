package io.keel.binding.jaxrs;

import jakarta.servlet.ServletContext;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.internal.spi.ExtendedServletContainerProvider;
import org.glassfish.jersey.servlet.internal.spi.RequestScopedInitializerProvider;

/**
 * Tells Jersey's servlet that nothing injects the servlet request or response ({@code @Context HttpServletRequest}):
 * without it Jersey binds both in its request scope and stores them there for every request, HK2 lookups that were
 * 2 % of a retrieve's CPU. Keel's one resource reads its primitive ({@link PrimitiveServletContainer}) and nothing of
 * the servlet API. Found by Jersey through META-INF/services.
 */
public final class NoServletInjection implements ExtendedServletContainerProvider {
    @Override
    public boolean bindsServletRequestResponse() {
        return true;
    }

    @Override
    public RequestScopedInitializerProvider getRequestScopedInitializerProvider() {
        return request -> injectionManager -> { };
    }

    @Override
    public void preInit(ServletContext servletContext, Set<Class<?>> classes) {
    }

    @Override
    public void postInit(ServletContext servletContext, Set<Class<?>> classes, Set<String> servletNames) {
    }

    @Override
    public void onRegister(ServletContext servletContext, Set<String> servletNames) {
    }

    @Override
    public void configure(ResourceConfig resourceConfig) {
    }
}
