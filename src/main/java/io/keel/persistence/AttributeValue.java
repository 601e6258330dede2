package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One scalar value of a type-specific attribute, as attribute conditions query it. */
@Embeddable
public class AttributeValue {
    /** Longer values are cut: a condition can then not match them exactly, which is the documented limit. */
    static final int MAX_LENGTH = 1024;

    @Column(name = "nm")
    String nm;
    @Column(name = "val")
    String val;

    protected AttributeValue() {
    }

    AttributeValue(String nm, String val) {
        this.nm = nm;
        this.val = val.length() > MAX_LENGTH ? val.substring(0, MAX_LENGTH) : val;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeValue a && a.nm.equals(nm) && a.val.equals(val);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nm, val);
    }
}
