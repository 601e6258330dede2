package io.keel.core.management;

import java.util.Map;

/**
 * What the device reported about an action.
 *
 * @param succeeded whether the action was carried out
 * @param detail    a readable account of the outcome, for status attributes and logs
 * @param results   values the device returned, by short name (an execInstance's {@code exr}, a software's
 *                  {@code vr} after installation, …); empty when it returned none
 */
public record ActionOutcome(boolean succeeded, String detail, Map<String, Object> results) {
    public ActionOutcome {
        results = Map.copyOf(results);
    }

    public static ActionOutcome success(String detail) {
        return new ActionOutcome(true, detail, Map.of());
    }

    public static ActionOutcome failure(String detail) {
        return new ActionOutcome(false, detail, Map.of());
    }
}
