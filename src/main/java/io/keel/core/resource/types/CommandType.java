package io.keel.core.resource.types;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;

/**
 * The m2m:cmdType values of a {@code <mgmtCmd>} (TS-0004 6.3.4.2.13) as data: the execReqArgs element each takes
 * (6.3.5.23, short names of 8.2.3), the arguments of that element with multiplicity 1 (6.3.5.16–6.3.5.22), and whether
 * a pending command of the type can be cancelled (TS-0004 7.4.16.2.4, 7.4.17.2.1 leave that to the cmdType: Keel holds
 * a reset or reboot handed to the device as done, the transfers and software operations as cancellable).
 */
enum CommandType {
    RESET(1, "rst", List.of(), false),
    REBOOT(2, "rbo", List.of(), false),
    UPLOAD(3, "uld", List.of("ftyp", "url", "unm", "pwd"), true),
    DOWNLOAD(4, "dld", List.of("ftyp", "url", "unm", "pwd", "fsi", "tgf", "dss", "surl", "stt", "cpt"), true),
    SOFTWAREINSTALL(5, "swin", List.of("url", "uuid", "unm", "pwd", "eer"), true),
    SOFTWAREUNINSTALL(6, "swun", List.of("uuid", "vr", "eer"), true),
    SOFTWAREUPDATE(7, "swup", List.of("uuid", "vr", "url", "unm", "pwd", "eer"), true);

    final long value;
    final String argsElement;
    final List<String> mandatoryArgs;
    final boolean cancellable;

    CommandType(long value, String argsElement, List<String> mandatoryArgs, boolean cancellable) {
        this.value = value;
        this.argsElement = argsElement;
        this.mandatoryArgs = mandatoryArgs;
        this.cancellable = cancellable;
    }

    /** The cmdType of the value; 6022 INVALID_CMDTYPE for another (TS-0004 7.4.16.2.1). */
    static CommandType of(Object cmt) {
        for (CommandType t : values()) {
            if (cmt instanceof Number n && n.longValue() == t.value) {
                return t;
            }
        }
        throw new OneM2MException(ResponseStatusCode.INVALID_CMDTYPE, "cmt " + cmt + " is no cmdType: 1 (RESET), 2 (REBOOT),"
                + " 3 (UPLOAD), 4 (DOWNLOAD), 5 (SOFTWAREINSTALL), 6 (SOFTWAREUNINSTALL) or 7 (SOFTWAREUPDATE)");
    }

    /**
     * Checks execReqArgs against the cmdType (TS-0004 7.4.16.2.1): an element of another cmdType is 6023
     * INVALID_ARGUMENTS, an entry without a mandatory argument 6024 INSUFFICIENT_ARGUMENTS. The element holds one entry
     * or a list of them (0..n).
     */
    void checkArguments(Object exra) {
        if (exra == null) {
            return;
        }
        if (!(exra instanceof Map<?, ?> args)) {
            throw OneM2MException.badRequest("exra must be an execReqArgsListType object, e.g. {\"" + argsElement + "\": [...]}");
        }
        for (Object element : args.keySet()) {
            if (!argsElement.equals(element)) {
                throw new OneM2MException(ResponseStatusCode.INVALID_ARGUMENTS, "exra holds " + element + ", which is not the"
                        + " argument element of cmdType " + name() + " (" + argsElement + ")");
            }
        }
        Object entries = args.get(argsElement);
        for (Object entry : entries instanceof List<?> l ? l : entries == null ? List.of() : List.of(entries)) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new OneM2MException(ResponseStatusCode.INVALID_ARGUMENTS, "exra." + argsElement + " must hold objects");
            }
            List<String> missing = mandatoryArgs.stream().filter(a -> m.get(a) == null).toList();
            if (!missing.isEmpty()) {
                throw new OneM2MException(ResponseStatusCode.INSUFFICIENT_ARGUMENTS, "exra." + argsElement + " lacks "
                        + String.join(", ", missing) + ", which cmdType " + name() + " needs");
            }
        }
    }

    /**
     * Whether the arguments suffice to convert the command for the device: a cmdType with mandatory arguments needs at
     * least one entry (TS-0004 7.4.16.2.3.2: else 6025 MGMT_CONVERSION_ERROR).
     */
    void requireConvertible(Object exra) {
        Object entries = exra instanceof Map<?, ?> m ? m.get(argsElement) : null;
        if (!mandatoryArgs.isEmpty() && (entries == null || entries instanceof List<?> l && l.isEmpty())) {
            throw new OneM2MException(ResponseStatusCode.MGMT_CONVERSION_ERROR, "cmdType " + name() + " cannot be executed"
                    + " without execReqArgs: exra." + argsElement + " with " + String.join(", ", mandatoryArgs));
        }
    }
}
