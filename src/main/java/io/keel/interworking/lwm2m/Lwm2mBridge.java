package io.keel.interworking.lwm2m;

import io.keel.core.Cse;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * The LwM2M bridge (TS-0014): an embedded Eclipse Leshan LwM2M server. A client that registers becomes a
 * {@code <node>} with the mgmtObjs its Device, Connectivity Monitoring, Firmware Update and Software Management
 * objects map to ({@link MgmtObjMapping}) and, under the bridge's IPE AE, a container per sensor object instance
 * ({@link SensorMapping}); the bridge observes those instances and writes what the client reports. Deregistration or
 * expiry of the registration deletes the node. Its {@link Lwm2mManagementAdapter} carries the management actions on
 * these nodes to the clients. Every write to the CSE runs on one thread, in the order the client's messages came.
 */
public final class Lwm2mBridge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Lwm2mBridge.class.getName());
    /** How often a firmware update in progress is read. */
    private static final long FIRMWARE_POLL_MILLIS = 500;

    private final Cse cse;
    private final DeviceTree tree;
    private final ManagedObjects objects = new ManagedObjects();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "keel-lwm2m"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "keel-lwm2m-timer"));
    private final LeshanServer server;
    private final DeviceRequests requests;
    private final Lwm2mManagementAdapter adapter;

    private Lwm2mBridge(Lwm2mSettings settings, Cse cse) {
        this.cse = cse;
        this.tree = new DeviceTree(cse, settings);
        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(
                new CoapServerProtocolProvider(), new CoapsServerProtocolProvider())
                .addEndpoint(new InetSocketAddress(settings.host(), settings.port()), Protocol.COAP);
        LeshanServerBuilder builder = new LeshanServerBuilder()
                .setObjectModelProvider(new VersionedModelProvider(Lwm2mModels.all(settings.modelFolder())));
        if (settings.securePort() != null) {
            endpoints.addEndpoint(new InetSocketAddress(settings.host(), settings.securePort()), Protocol.COAPS);
            builder.setSecurityStore(PskFile.load(Path.of(settings.pskFile())));
        }
        this.server = builder.setEndpointsProviders(endpoints.build()).build();
        this.requests = new DeviceRequests(server, settings.requestTimeout());
        this.adapter = new Lwm2mManagementAdapter(objects::hasNode, objects, requests,
                new FirmwareUpdate(requests, timer, FIRMWARE_POLL_MILLIS, settings.actionTimeout()));
    }

    /** Registers the IPE AE, starts the LwM2M server and registers the management adapter with the CSE. */
    public static Lwm2mBridge start(Lwm2mSettings settings, Cse cse) {
        Lwm2mBridge bridge = new Lwm2mBridge(settings, cse);
        try {
            bridge.tree.ensureIpeAe();
            bridge.tree.deleteStaleNodes();
            bridge.server.getRegistrationService().addListener(bridge.new Registrations());
            bridge.server.getObservationService().addListener(bridge.new Observations());
            bridge.server.start();
            cse.managementAdapters().register(bridge.adapter);
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
        LOG.info(() -> "LwM2M bridge (TS-0014) listening on coap://" + settings.host() + ":" + settings.port()
                + (settings.securePort() == null ? "" : " and coaps://" + settings.host() + ":" + settings.securePort() + " (PSK)"));
        return bridge;
    }

    @Override
    public void close() {
        cse.managementAdapters().unregister(adapter);
        server.destroy();
        worker.shutdown();
        timer.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client is (again) registered: its node, then an observation of each instance that maps to something. */
    private void registered(Registration reg) {
        String endpoint = reg.getEndpoint();
        tree.upsertNode(endpoint, "coap://" + hostAndPort(reg.getSocketAddress()));
        objects.nodeCreated(endpoint);
        for (LwM2mPath instance : reg.getAvailableInstances()) {
            int objectId = instance.getObjectId();
            if (instance.isObjectInstance() && (MgmtObjMapping.isManagementObject(objectId) || SensorMapping.isSensorObject(objectId))) {
                observe(reg, objectId, instance.getObjectInstanceId());
            }
        }
    }

    private void observe(Registration reg, int objectId, int instanceId) {
        String what = "Observe /" + objectId + "/" + instanceId;
        requests.send(reg, new ObserveRequest(objectId, instanceId), what).whenComplete((rsp, e) -> {
            if (e != null) {
                LOG.warning(() -> "LwM2M client " + reg.getEndpoint() + ": " + e.getMessage());
            } else if (!rsp.isSuccess()) {
                LOG.warning(() -> "LwM2M client " + reg.getEndpoint() + ": " + what + " answered " + rsp.getCode()
                        + DeviceRequests.describe(rsp));
            } else {
                values(reg.getEndpoint(), objectId, instanceId, Lwm2mValues.of(((ObserveResponse) rsp).getContent()));
            }
        });
    }

    /** Values the client reported for an object instance (an observation's first answer, or a notification). */
    private void values(String endpoint, int objectId, int instanceId, Map<Integer, Object> values) {
        run("values of /" + objectId + "/" + instanceId + " of " + endpoint, () -> {
            if (!objects.hasNode(endpoint)) {
                return; // deregistered meanwhile
            }
            if (SensorMapping.isSensorObject(objectId)) {
                tree.addValue(endpoint, objectId, instanceId, SensorMapping.content(values));
                return;
            }
            String path = "/" + objectId + "/" + instanceId;
            boolean first = objects.firstSeen(endpoint, path);
            for (MappedMgmtObj obj : MgmtObjMapping.map(endpoint, objectId, instanceId, values)) {
                // Each on its own: one the CSE refuses does not keep the others from being written.
                run("the " + obj.resourceName() + " of " + endpoint, () -> write(endpoint, path, first, obj));
            }
        });
    }

    /** A mgmtObj: created at first sight, afterwards updated with what changed since the last write (if anything). */
    private void write(String endpoint, String path, boolean first, MappedMgmtObj obj) {
        if (!objects.changed(endpoint, obj)) {
            return;
        }
        if (first || tree.updateMgmtObj(endpoint, obj).responseStatusCode.code() >= 4000) {
            objects.mgmtObjCreated(tree.upsertMgmtObj(endpoint, obj), endpoint, path);
        }
    }

    private void gone(Registration reg, boolean expired) {
        String endpoint = reg.getEndpoint();
        run("removal of " + endpoint, () -> {
            objects.forget(endpoint);
            tree.deleteNode(endpoint);
            LOG.info(() -> "LwM2M client " + endpoint + (expired ? " expired" : " deregistered") + ": its node is deleted");
        });
    }

    /** Work on the CSE, on the bridge's one thread; a failure is one line in the log, never the CSE's. */
    private void run(String what, Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warning(() -> "LwM2M bridge: " + what + " failed: " + e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine(() -> "LwM2M bridge stopping: " + what + " dropped");
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private final class Registrations implements RegistrationListener {
        @Override
        public void registered(Registration registration, Registration previousReg, Collection<Observation> previousObservations) {
            run("registration of " + registration.getEndpoint(), () -> Lwm2mBridge.this.registered(registration));
        }

        @Override
        public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {
            // New objects or a new address: reconcile as at registration (the names find what exists).
            if (update.getObjectLinks() != null || !updatedReg.getSocketAddress().equals(previousReg.getSocketAddress())) {
                server.getObservationService().cancelObservations(updatedReg);
                run("registration update of " + updatedReg.getEndpoint(), () -> Lwm2mBridge.this.registered(updatedReg));
            }
        }

        @Override
        public void unregistered(Registration registration, Collection<Observation> observations, boolean expired, Registration newReg) {
            if (newReg == null) { // not replaced by a new registration of the same endpoint
                gone(registration, expired);
            }
        }
    }

    private final class Observations implements ObservationListener {
        @Override
        public void newObservation(Observation observation, Registration registration) {
        }

        @Override
        public void cancelled(Observation observation) {
        }

        @Override
        public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
            LwM2mPath path = observation.getPath();
            if (path.isObjectInstance() && response.isSuccess()) {
                values(registration.getEndpoint(), path.getObjectId(), path.getObjectInstanceId(), Lwm2mValues.of(response.getContent()));
            }
        }

        @Override
        public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        }

        @Override
        public void onError(Observation observation, Registration registration, Exception error) {
            LOG.warning(() -> "LwM2M client " + registration.getEndpoint() + ": a notification could not be read: " + error.getMessage());
        }
    }
}
