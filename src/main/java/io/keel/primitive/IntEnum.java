package io.keel.primitive;

/** An enumeration carried on the wire as an integer. */
public interface IntEnum {
    int value();

    /** Looks an integer up among an enum's constants; a value out of range is a 4000 with the parameter named. */
    static <E extends Enum<E> & IntEnum> E of(Class<E> type, int value, String parameter) {
        for (E e : type.getEnumConstants()) {
            if (e.value() == value) {
                return e;
            }
        }
        throw OneM2MException.badRequest("invalid value " + value + " for " + parameter);
    }
}
