package io.keel.interworking.lwm2m;

import io.keel.core.Settings;
import java.util.List;

/**
 * The LwM2M bridge's settings ({@code keel.lwm2m.*}); the bridge is off unless {@code keel.lwm2m.port} is set.
 *
 * @param host           address the LwM2M server binds to
 * @param port           its CoAP (UDP) port
 * @param aeId           the AE-ID of the bridge's IPE AE, the originator of its containers
 * @param aeName         the IPE AE's resourceName
 * @param acpi           accessControlPolicyIDs given to every node and IPE AE the bridge creates (empty: the default
 *                       policy, under which only the CSE and the admin originator reach the nodes)
 * @param requestTimeout milliseconds the client has to answer a Read, Write, Execute or Observe of the bridge
 * @param actionTimeout  milliseconds a firmware update may take from Write of the package URI to its result: the CSE's
 *                       {@code keel.management.action-timeout}, after which it stops waiting for any action
 * @param modelFolder    folder of extra LwM2M object models (DDF XML files), or null
 * @param securePort     UDP port of LwM2M over DTLS in pre-shared key mode, or null
 * @param pskFile        the clients' pre-shared keys ({@link PskFile}), needed with {@code securePort}
 */
public record Lwm2mSettings(String host, int port, String aeId, String aeName, List<String> acpi, long requestTimeout,
                            long actionTimeout, String modelFolder, Integer securePort, String pskFile) {
    /** The settings, or null when {@code keel.lwm2m.port} is not set (the bridge is off). */
    public static Lwm2mSettings of(Settings settings) {
        if (settings.get("keel.lwm2m.port", null) == null) {
            return null;
        }
        String aeId = settings.get("keel.lwm2m.ae-id", "CLwm2mIpe");
        if (!aeId.startsWith("C") && !aeId.startsWith("S")) {
            throw new IllegalStateException("keel.lwm2m.ae-id must be an AE-ID starting with C or S, not " + aeId);
        }
        String securePort = settings.get("keel.lwm2m.secure-port", null);
        String pskFile = settings.get("keel.lwm2m.psk-file", null);
        if (securePort != null && pskFile == null) {
            throw new IllegalStateException("keel.lwm2m.secure-port needs keel.lwm2m.psk-file, the clients' pre-shared keys "
                    + "(lines of: endpoint identity hex-key); the bridge offers DTLS in PSK mode only");
        }
        return new Lwm2mSettings(settings.get("keel.lwm2m.host", settings.httpHost()), settings.getInt("keel.lwm2m.port", 5683),
                aeId, settings.get("keel.lwm2m.ae-name", "lwm2m"), settings.getList("keel.lwm2m.acpi", ""),
                settings.getLong("keel.lwm2m.request-timeout", 10_000), settings.getLong("keel.management.action-timeout", 60_000),
                settings.get("keel.lwm2m.models", null),
                securePort == null ? null : settings.getInt("keel.lwm2m.secure-port", 5684), pskFile);
    }
}
