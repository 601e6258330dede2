package io.keel.interworking.lwm2m;

import io.keel.core.Cse;
import io.keel.core.Identifiers;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The oneM2M side of the bridge: what it writes into the CSE, always as request primitives through
 * {@link Cse#handle}, so that access control, validation and notifications apply as to any other originator.
 * {@code <node>}s and their {@code <mgmtObj>}s are written by the CSE itself, in the role of its device management
 * (TS-0001 6.2.4: the CSE keeps them for the devices a management server manages); the containers of sensor values by
 * the bridge's IPE AE (TS-0014). Every name is derived from the endpoint, so that a client registering again finds
 * its resources and they are updated, not duplicated.
 */
final class DeviceTree {
    /** Label of every node the bridge made, by which it finds them again. */
    static final String LABEL = "keel:lwm2m";
    private static final String RELEASE = "3";
    private static final long TIMEOUT_SECONDS = 30;

    private final Cse cse;
    private final Lwm2mSettings settings;
    private final String cseBase;
    private final String cseOriginator;

    DeviceTree(Cse cse, Lwm2mSettings settings) {
        this.cse = cse;
        this.settings = settings;
        this.cseBase = cse.identity().cseName();
        this.cseOriginator = cse.identity().spRelativeCseId();
    }

    /** The resourceName of the node of an endpoint: its characters outside [A-Za-z0-9._-] become '_'. */
    static String nodeName(String endpoint) {
        String rn = endpoint.replaceAll("[^A-Za-z0-9._-]", "_");
        if (!Identifiers.isResourceName(rn)) {
            rn = "lwm2m_" + rn;
        }
        return rn.length() > 200 ? rn.substring(0, 200) : rn;
    }

    /** The bridge's IPE AE; one that exists already is kept. */
    void ensureIpeAe() {
        Map<String, Object> ae = new LinkedHashMap<>();
        ae.put("rn", settings.aeName());
        ae.put("api", "Nkeel.lwm2m");
        ae.put("rr", false);
        ae.put("srv", List.of("3"));
        ae.put("lbl", List.of(LABEL));
        acpi(ae);
        ResponsePrimitive rsp = send(request(Operation.CREATE, cseBase, settings.aeId(), ResourceTypes.AE, Map.of("m2m:ae", ae)));
        // After a restart it is there: 4117 (its AE-ID is registered) or 4105 (its name is taken).
        if (!created(rsp) && rsp.responseStatusCode != ResponseStatusCode.CONFLICT
                && rsp.responseStatusCode != ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED) {
            throw new IllegalStateException("the LwM2M bridge could not register its AE " + settings.aeId() + ": "
                    + rsp.responseStatusCode.code() + " " + rsp.content);
        }
    }

    /**
     * Deletes the nodes an earlier run of the bridge left: the LwM2M server keeps its registrations in memory, so none
     * of their clients is registered now (one that registers again gets its node back, by the same name).
     */
    void deleteStaleNodes() {
        RequestPrimitive discovery = request(Operation.RETRIEVE, cseBase, cseOriginator, null, null);
        discovery.filterCriteria = new FilterCriteria();
        discovery.filterCriteria.filterUsage = FilterUsage.DISCOVERY;
        discovery.filterCriteria.resourceTypes.add(ResourceTypes.NODE);
        discovery.filterCriteria.labels.add(LABEL);
        ResponsePrimitive found = send(discovery);
        require(found, "discovery of the nodes of an earlier run");
        if (found.content instanceof Map<?, ?> body && body.get("m2m:uril") instanceof List<?> uris) {
            for (Object uri : uris) {
                ResponsePrimitive rsp = send(request(Operation.DELETE, String.valueOf(uri), cseOriginator, null, null));
                if (rsp.responseStatusCode != ResponseStatusCode.DELETED && rsp.responseStatusCode != ResponseStatusCode.NOT_FOUND) {
                    require(rsp, "deletion of the node " + uri + " of an earlier run");
                }
            }
        }
    }

    /** The client's node: created, or, if it is there, given the client's present address. */
    void upsertNode(String endpoint, String mgmtClientAddress) {
        String rn = nodeName(endpoint);
        Map<String, Object> nod = new LinkedHashMap<>();
        nod.put("rn", rn);
        nod.put("ni", endpoint);
        nod.put("mgca", mgmtClientAddress);
        nod.put("lbl", List.of(LABEL));
        acpi(nod);
        ResponsePrimitive rsp = send(request(Operation.CREATE, cseBase, cseOriginator, ResourceTypes.NODE, Map.of("m2m:nod", nod)));
        if (rsp.responseStatusCode == ResponseStatusCode.CONFLICT) {
            rsp = send(request(Operation.UPDATE, cseBase + "/" + rn, cseOriginator, null,
                    Map.of("m2m:nod", Map.of("mgca", mgmtClientAddress))));
        }
        require(rsp, "node " + rn);
    }

    /** A mgmtObj of the node: created, or updated with what the client reports; returns its resourceID. */
    String upsertMgmtObj(String endpoint, MappedMgmtObj obj) {
        String parent = cseBase + "/" + nodeName(endpoint);
        Map<String, Object> create = new LinkedHashMap<>(obj.create());
        create.put("rn", obj.resourceName());
        ResponsePrimitive rsp = send(request(Operation.CREATE, parent, cseOriginator, ResourceTypes.MGMT_OBJ, Map.of(obj.typeName(), create)));
        if (rsp.responseStatusCode == ResponseStatusCode.CONFLICT) {
            rsp = updateMgmtObj(endpoint, obj);
        }
        require(rsp, obj.typeName() + " " + parent + "/" + obj.resourceName());
        return resourceId(rsp, obj.typeName());
    }

    /** New values the client reported for a mgmtObj that exists (an observation). */
    ResponsePrimitive updateMgmtObj(String endpoint, MappedMgmtObj obj) {
        String to = cseBase + "/" + nodeName(endpoint) + "/" + obj.resourceName();
        return send(request(Operation.UPDATE, to, cseOriginator, null, Map.of(obj.typeName(), obj.update())));
    }

    /** The client is gone: its node goes, and its mgmtObjs with it; its containers of values stay. */
    void deleteNode(String endpoint) {
        ResponsePrimitive rsp = send(request(Operation.DELETE, cseBase + "/" + nodeName(endpoint), cseOriginator, null, null));
        if (rsp.responseStatusCode != ResponseStatusCode.DELETED && rsp.responseStatusCode != ResponseStatusCode.NOT_FOUND) {
            require(rsp, "deletion of node " + nodeName(endpoint));
        }
    }

    /** The container of one sensor object instance, under the endpoint's container under the IPE AE. */
    void ensureContainer(String endpoint, int objectId, int instanceId) {
        String ae = cseBase + "/" + settings.aeName();
        createIfAbsent(ae, Map.of("rn", nodeName(endpoint), "lbl", List.of("lwm2m:endpoint:" + endpoint)));
        createIfAbsent(ae + "/" + nodeName(endpoint), Map.of("rn", SensorMapping.containerName(objectId, instanceId),
                "lbl", List.of("lwm2m:object:" + objectId), "mni", 1000L));
    }

    /**
     * One value the client reported: a contentInstance of the instance's container, which is made first when it is not
     * there (the first report, or someone deleted it).
     */
    void addValue(String endpoint, int objectId, int instanceId, String content) {
        String to = cseBase + "/" + settings.aeName() + "/" + nodeName(endpoint) + "/" + SensorMapping.containerName(objectId, instanceId);
        RequestPrimitive cin = request(Operation.CREATE, to, settings.aeId(), ResourceTypes.CONTENT_INSTANCE,
                Map.of("m2m:cin", Map.of("cnf", "application/json:0", "con", content)));
        ResponsePrimitive rsp = send(cin);
        if (rsp.responseStatusCode == ResponseStatusCode.NOT_FOUND) {
            ensureContainer(endpoint, objectId, instanceId);
            cin.requestIdentifier = "lwm2m-" + Identifiers.random(10);
            rsp = send(cin);
        }
        require(rsp, "contentInstance of " + to);
    }

    private void createIfAbsent(String parent, Map<String, Object> cnt) {
        ResponsePrimitive rsp = send(request(Operation.CREATE, parent, settings.aeId(), ResourceTypes.CONTAINER, Map.of("m2m:cnt", cnt)));
        if (rsp.responseStatusCode != ResponseStatusCode.CONFLICT) {
            require(rsp, "container " + parent + "/" + cnt.get("rn"));
        }
    }

    private void acpi(Map<String, Object> resource) {
        if (!settings.acpi().isEmpty()) {
            resource.put("acpi", settings.acpi());
        }
    }

    private static RequestPrimitive request(Operation op, String to, String from, Integer ty, Object content) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = from;
        req.resourceType = ty;
        req.content = content;
        req.contentSerialization = content == null ? null : Serialization.JSON;
        req.requestIdentifier = "lwm2m-" + Identifiers.random(10);
        req.releaseVersionIndicator = RELEASE;
        req.originatorAuthenticated = true; // in-process: no binding in between to authenticate
        return req;
    }

    private ResponsePrimitive send(RequestPrimitive req) {
        try {
            return cse.handle(req).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the CSE handled " + req.operation + " " + req.to);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the CSE did not answer " + req.operation + " " + req.to + ": " + e);
        }
    }

    private static boolean created(ResponsePrimitive rsp) {
        return rsp.responseStatusCode == ResponseStatusCode.CREATED;
    }

    private static void require(ResponsePrimitive rsp, String what) {
        int code = rsp.responseStatusCode.code();
        if (code < 2000 || code >= 3000) {
            throw new IllegalStateException(what + ": the CSE answered " + code + " " + rsp.content);
        }
    }

    private static String resourceId(ResponsePrimitive rsp, String typeName) {
        if (rsp.content instanceof Map<?, ?> body && body.get(typeName) instanceof Map<?, ?> resource
                && resource.get("ri") instanceof String ri) {
            return ri;
        }
        return null;
    }
}
