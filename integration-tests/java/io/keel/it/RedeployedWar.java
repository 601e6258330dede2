package io.keel.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the ITs that stop and start the application between their steps: one unmanaged deployment of the built WAR,
 * deployed by the first step and undeployed by the last; a subclass's steps ({@code @Order} 2 and up) call
 * {@link #undeploy()} and {@link #deploy()} in between and reach it with {@code @OperateOnDeployment(WAR)}.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedeployedWar {
    static final String WAR = "redeployed";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = WAR, managed = false, testable = false)
    public static WebArchive keelWar() {
        return BuiltWar.own();
    }

    @Test
    @Order(1)
    void deploy() {
        deployer.deploy(WAR);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void undeploy() {
        deployer.undeploy(WAR);
    }
}
