package io.keel.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: deploys the built {@code target/keel.war}, unchanged ({@link BuiltWar}), to embedded Jetty 12 and
 * talks to it over real HTTP through {@link OneM2MClient}.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class KeelIT {
    @ArquillianResource
    protected URL base;

    protected OneM2MClient cse;

    @Deployment(testable = false)
    public static WebArchive keelWar() {
        return BuiltWar.shared();
    }

    @BeforeEach
    void client() {
        cse = new OneM2MClient(base);
    }
}
