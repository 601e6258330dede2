package io.keel.primitive;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Typed values of primitive parameters written as text (HTTP query and header fields, scalars of a serialized
 * primitive). Every failure is a 4000 whose reason names the parameter, e.g. {@code "query field lim"} or
 * {@code "X-M2M-EC"}.
 */
public final class ParameterValues {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private ParameterValues() {
    }

    /** Exactly {@code true}, {@code false}, {@code 1} or {@code 0} (TS-0009 table 6.2.2.2-1). */
    public static boolean bool(String name, String v) {
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw OneM2MException.badRequest(name + " must be true, false, 1 or 0: " + v);
        };
    }

    /** Decimal digits only (no sign, no spaces) that fit an int. */
    public static int nonNegativeInt(String name, String v) {
        long n = nonNegativeLong(name, v);
        if (n > Integer.MAX_VALUE) {
            throw OneM2MException.badRequest(name + " is too large: " + v);
        }
        return (int) n;
    }

    /** Decimal digits only (no sign, no spaces) that fit a long. */
    public static long nonNegativeLong(String name, String v) {
        if (!DIGITS.matcher(v).matches()) {
            throw OneM2MException.badRequest(name + " must be a non-negative integer: " + v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw OneM2MException.badRequest(name + " is too large: " + v);
        }
    }

    public static int intInRange(String name, String v, int min, int max) {
        int n = nonNegativeInt(name, v);
        if (n < min || n > max) {
            throw OneM2MException.badRequest(name + " must be between " + min + " and " + max + ": " + v);
        }
        return n;
    }

    public static <E extends Enum<E> & IntEnum> E enumValue(Class<E> type, String name, String v) {
        return IntEnum.of(type, nonNegativeInt(name, v), name);
    }

    /** An m2m:timestamp. */
    public static Instant timestamp(String name, String v) {
        return guarded(name, v, () -> Timestamps.parse(v, name));
    }

    /** An m2m:absRelTimestamp (timestamp, milliseconds from now, or xs:duration from now). */
    public static Instant absRelTimestamp(String name, String v, Instant now) {
        return guarded(name, v, () -> Timestamps.parseAbsRel(v, now, name));
    }

    /** Event Category (ec): 2, 3, 4 or 100..999. */
    public static int eventCategory(String name, String v) {
        if (DIGITS.matcher(v).matches() && v.length() <= 3) {
            int ec = Integer.parseInt(v);
            if (ec == 2 || ec == 3 || ec == 4 || (ec >= 100 && ec <= 999)) {
                return ec;
            }
        }
        throw OneM2MException.badRequest(name + " must be 2, 3, 4 or 100-999: " + v);
    }

    /** The items of a list written with a separator ({@code a+b}, {@code u1&u2}): trimmed, empty items dropped. */
    public static java.util.List<String> items(String value, Pattern separator) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : separator.split(value, -1)) {
            String item = part.trim();
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return out;
    }

    /** Text fields may carry TAB, LF and CR but no other C0 control (they cannot even be written in XML 1.0). */
    public static String text(String name, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw OneM2MException.badRequest(name + " holds a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return v;
    }

    /** Out-of-range numbers inside a date or duration surface from the JDK as unchecked exceptions: they are a 4000 too. */
    private static <T> T guarded(String name, String v, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (OneM2MException e) {
            throw e;
        } catch (RuntimeException e) {
            throw OneM2MException.badRequest(name + " is out of range: " + v);
        }
    }
}
