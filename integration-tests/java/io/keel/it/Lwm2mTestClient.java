package io.keel.it;

import io.keel.interworking.lwm2m.Lwm2mModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * A real LwM2M client (Eclipse Leshan's) for the tests of the LwM2M bridge: a Device, a Firmware Update and a
 * Temperature object whose values the test changes and whose Executes and Writes it counts.
 */
final class Lwm2mTestClient implements AutoCloseable {
    final Device device = new Device();
    final Firmware firmware = new Firmware();
    final Temperature temperature = new Temperature();
    private final LeshanClient client;

    Lwm2mTestClient(String endpoint, int serverPort, long lifetimeSeconds) {
        this(endpoint, Security.noSec("coap://127.0.0.1:" + serverPort, 123), lifetimeSeconds);
    }

    /** A client that registers over DTLS with a pre-shared key. */
    static Lwm2mTestClient withPsk(String endpoint, int securePort, String identity, byte[] key) {
        return new Lwm2mTestClient(endpoint, Security.psk("coaps://127.0.0.1:" + securePort, 123,
                identity.getBytes(java.nio.charset.StandardCharsets.UTF_8), key), 300);
    }

    private Lwm2mTestClient(String endpoint, Security security, long lifetimeSeconds) {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadDefault());
        models.addAll(Lwm2mModels.builtIn());
        ObjectsInitializer init = new ObjectsInitializer(new StaticModel(models));
        init.setInstancesForObject(0, security);
        init.setInstancesForObject(1, new Server(123, lifetimeSeconds));
        init.setInstancesForObject(3, device);
        init.setInstancesForObject(5, firmware);
        init.setInstancesForObject(3303, temperature);
        client = new LeshanClientBuilder(endpoint).setObjects(init.create(0, 1, 3, 5, 3303))
                .setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider(),
                        new CoapsClientProtocolProvider()).build()).build();
    }

    void start() {
        client.start();
    }

    /** Deregisters (when asked to) and stops. */
    void stop(boolean deregister) {
        client.stop(deregister);
    }

    @Override
    public void close() {
        client.destroy(false);
    }

    /** Device /3/0: fixed identity, a battery level the test changes, counted reboots and factory resets. */
    static final class Device extends BaseInstanceEnabler {
        final AtomicInteger reboots = new AtomicInteger();
        final AtomicInteger factoryResets = new AtomicInteger();
        private volatile long battery = 90;

        public Device() {
            super(0);
        }

        void battery(long level) {
            battery = level;
            fireResourceChange(9);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 0 -> ReadResponse.success(0, "Keel Test Devices");
                case 1 -> ReadResponse.success(1, "T-1000");
                case 2 -> ReadResponse.success(2, "SN-0001");
                case 3 -> ReadResponse.success(3, "1.0.0");
                case 9 -> ReadResponse.success(9, battery);
                case 10 -> ReadResponse.success(10, 128L);
                case 11 -> ReadResponse.success(11, Map.of(0, 0L), Type.INTEGER);
                case 16 -> ReadResponse.success(16, "U");
                case 17 -> ReadResponse.success(17, "thermometer");
                case 20 -> ReadResponse.success(20, 0L);
                case 21 -> ReadResponse.success(21, 512L);
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId == 4) {
                reboots.incrementAndGet();
                return ExecuteResponse.success();
            }
            if (resourceId == 5) {
                factoryResets.incrementAndGet();
                return ExecuteResponse.success();
            }
            return super.execute(server, resourceId, arguments);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(0, 1, 2, 3, 4, 5, 9, 10, 11, 16, 17, 20, 21);
        }
    }

    /**
     * Firmware Update /5/0 in pull mode: a written package URI counts as downloaded at once (State 2); Execute Update
     * succeeds (Update Result 1, State 0, the package version is the new one).
     */
    static final class Firmware extends BaseInstanceEnabler {
        final AtomicReference<String> packageUri = new AtomicReference<>();
        final AtomicInteger updates = new AtomicInteger();
        private volatile long state;
        private volatile long result;
        private volatile String version = "1.0.0";

        public Firmware() {
            super(0);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 1 -> ReadResponse.success(1, packageUri.get() == null ? "" : packageUri.get());
                case 3 -> ReadResponse.success(3, state);
                case 5 -> ReadResponse.success(5, result);
                case 6 -> ReadResponse.success(6, "core");
                case 7 -> ReadResponse.success(7, version);
                case 9 -> ReadResponse.success(9, 0L); // pull only
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
            if (resourceId == 1) {
                packageUri.set(String.valueOf(value.getValue()));
                state = 2;
                result = 0;
                fireResourceChange(3);
                return WriteResponse.success();
            }
            return super.write(server, replace, resourceId, value);
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId == 2 && state == 2) {
                updates.incrementAndGet();
                version = "2.0.0";
                state = 0;
                result = 1;
                fireResourceChange(5);
                return ExecuteResponse.success();
            }
            return resourceId == 2 ? ExecuteResponse.methodNotAllowed() : super.execute(server, resourceId, arguments);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(0, 1, 2, 3, 5, 6, 7, 9);
        }
    }

    /** Temperature /3303/0: a value in Cel the test sets. */
    static final class Temperature extends BaseInstanceEnabler {
        private volatile double value = 20.5;

        public Temperature() {
            super(0);
        }

        void value(double celsius) {
            value = celsius;
            fireResourceChange(5700);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 5700 -> ReadResponse.success(5700, value);
                case 5701 -> ReadResponse.success(5701, "Cel");
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(5700, 5701);
        }
    }
}
