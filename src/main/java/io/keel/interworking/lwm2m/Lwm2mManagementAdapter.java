package io.keel.interworking.lwm2m;

import io.keel.core.management.ActionOutcome;
import io.keel.core.management.ManagementAction;
import io.keel.core.management.ManagementAdapter;
import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Carries the management actions on the nodes of LwM2M clients to the clients (TS-0004 7.4.15.2.4, Annex D): reboot
 * {@code rbo} and {@code far} are Executes on the Device object, firmware {@code ud} the Firmware Update procedure,
 * software {@code in}, {@code un}, {@code act}, {@code dea} Executes on the software's Software Management instance;
 * a {@code <mgmtCmd>} of cmdType RESET or REBOOT the Device object's Executes.
 */
final class Lwm2mManagementAdapter implements ManagementAdapter {
    private final Predicate<String> managedEndpoint;
    private final ManagedObjects objects;
    private final DeviceRequests requests;
    private final FirmwareUpdate firmware;

    Lwm2mManagementAdapter(Predicate<String> managedEndpoint, ManagedObjects objects, DeviceRequests requests,
                           FirmwareUpdate firmware) {
        this.managedEndpoint = managedEndpoint;
        this.objects = objects;
        this.requests = requests;
        this.firmware = firmware;
    }

    /** The nodes this bridge made: their nodeID is the endpoint name of a client it knows. */
    @Override
    public boolean manages(Resource node) {
        return node.get("ni") instanceof String ni && managedEndpoint.test(ni);
    }

    @Override
    public CompletionStage<ActionOutcome> perform(ManagementAction action) {
        try {
            Registration reg = requests.registration(action.nodeId());
            return switch (action.action()) {
                case "rbo" -> execute(reg, "/3/0/4", "reboot");
                case "far" -> execute(reg, "/3/0/5", "factory reset");
                case "ud" -> firmware.run(reg, action.arguments().get("url") instanceof String url ? url : null);
                case "in" -> software(reg, action, 4, "install");
                case "un" -> software(reg, action, 6, "uninstall");
                case "act" -> software(reg, action, 10, "activate");
                case "dea" -> software(reg, action, 11, "deactivate");
                case "exe" -> command(reg, action);
                default -> CompletableFuture.failedFuture(new OneM2MException(ResponseStatusCode.MGMT_CONVERSION_ERROR,
                        "the action " + action.action() + " has no LwM2M operation"));
            };
        } catch (OneM2MException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A {@code <mgmtCmd>} execution (TS-0004 7.4.16): RESET (1) and REBOOT (2) are the Device object's Executes. */
    private CompletionStage<ActionOutcome> command(Registration reg, ManagementAction action) {
        Object cmt = action.arguments().get("cmt");
        long type = cmt instanceof Number n ? n.longValue() : -1;
        if (type == 1) {
            return execute(reg, "/3/0/5", "factory reset");
        }
        if (type == 2) {
            return execute(reg, "/3/0/4", "reboot");
        }
        return CompletableFuture.failedFuture(new OneM2MException(ResponseStatusCode.INVALID_CMDTYPE,
                "the cmdType " + cmt + " has no LwM2M operation (RESET 1 and REBOOT 2 have)"));
    }

    /** Software Management /9/i: the instance the software mgmtObj stands for (its objectPaths entry). */
    private CompletionStage<ActionOutcome> software(Registration reg, ManagementAction action, int resource, String what) {
        String instance = objects.path(action.targetRi());
        if (instance == null || !instance.startsWith("/9/")) {
            return CompletableFuture.failedFuture(new OneM2MException(ResponseStatusCode.MGMT_CONVERSION_ERROR,
                    "the software " + action.targetRi() + " stands for no Software Management instance of " + action.nodeId()));
        }
        return execute(reg, instance + "/" + resource, what);
    }

    private CompletionStage<ActionOutcome> execute(Registration reg, String path, String what) {
        return requests.execute(reg, path).thenApply(rsp -> outcome(rsp, "Execute " + path + " (" + what + ")"));
    }

    private static ActionOutcome outcome(LwM2mResponse rsp, String what) {
        return rsp.isSuccess() ? ActionOutcome.success(what + " done")
                : ActionOutcome.failure(what + " answered " + rsp.getCode() + DeviceRequests.describe(rsp));
    }
}
