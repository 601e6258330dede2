package io.keel.it;

import org.jboss.arquillian.container.jetty.embedded_12_ee10.JettyEmbeddedConfiguration;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.JettyEmbeddedContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.api.Injector;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * Arquillian's embedded Jetty, serving the built WAR ({@link BuiltWar#shared()}) once per test JVM instead of once per
 * IT class. Surefire runs every class of a fork as a launch of its own, so Arquillian starts a container, deploys,
 * undeploys and stops it for each, and Keel started anew for every class (seconds of CPU apiece); the classes of a fork
 * already share its database. The shared Jetty lives until a class deploys an archive of its own (a WAR with test
 * classes added, or a restart test, which needs the database to itself): that class gets a Jetty of its own, and the
 * next class asking for the built WAR starts a shared one again.
 */
public class SharedWarContainer implements DeployableContainer<JettyEmbeddedConfiguration> {
    /** Registered in META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension. */
    public static final class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.override(DeployableContainer.class, JettyEmbeddedContainer.class, SharedWarContainer.class);
        }
    }

    /** The Jetty serving the built WAR for the whole JVM, and what its deployment answered. */
    private record Shared(JettyEmbeddedContainer jetty, ProtocolMetaData metaData) {
    }

    private static Shared shared;

    @Inject
    private Instance<Injector> injector;

    private JettyEmbeddedConfiguration configuration;
    /** This class's own Jetty, for an archive other than the shared one. */
    private JettyEmbeddedContainer own;

    @Override
    public Class<JettyEmbeddedConfiguration> getConfigurationClass() {
        return JettyEmbeddedConfiguration.class;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new JettyEmbeddedContainer().getDefaultProtocol();
    }

    @Override
    public void setup(JettyEmbeddedConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Jetty starts with the first deployment that needs it. */
    @Override
    public void start() {
    }

    @Override
    public void stop() throws LifecycleException {
        if (own != null) {
            own.stop();
            own = null;
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (BuiltWar.isShared(archive)) {
            synchronized (SharedWarContainer.class) {
                if (shared == null) {
                    JettyEmbeddedContainer jetty = newJetty();
                    shared = new Shared(jetty, jetty.deploy(archive));
                    Runtime.getRuntime().addShutdownHook(new Thread(SharedWarContainer::stopShared, "shared-keel-stop"));
                }
                return shared.metaData();
            }
        }
        stopShared();
        if (own == null) {
            own = newJetty();
        }
        return own.deploy(archive);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (!BuiltWar.isShared(archive) && own != null) {
            own.undeploy(archive);
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed to Jetty");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed to Jetty");
    }

    private JettyEmbeddedContainer newJetty() throws DeploymentException {
        JettyEmbeddedContainer jetty = injector.get().inject(new JettyEmbeddedContainer());
        jetty.setup(configuration);
        try {
            jetty.start();
        } catch (LifecycleException e) {
            throw new DeploymentException("embedded Jetty did not start", e);
        }
        return jetty;
    }

    /**
     * Stops the shared Jetty (and so Keel, which lets go of the database): before another deployment, and when the
     * JVM's test session ends ({@link PostgresSuiteDatabase}); the shutdown hook is for a session that never ends.
     */
    static synchronized void stopShared() {
        if (shared != null) {
            try {
                shared.jetty().stop();
            } catch (LifecycleException e) {
                throw new IllegalStateException("the shared Jetty did not stop", e);
            } finally {
                shared = null;
            }
        }
    }
}
