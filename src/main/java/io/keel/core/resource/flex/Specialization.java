package io.keel.core.resource.flex;

import io.keel.core.resource.AttributeDef;
import java.util.List;

/**
 * One {@code <flexContainer>} specialization (TS-0004 7.4.37, TS-0001 9.6.35), as a catalogue file declares it: its
 * root element ({@code prefix:shortName}), the containerDefinition (cnd) that names it, its custom attributes, and the
 * specializations its resources may hold as children.
 *
 * @param prefix     the namespace prefix of its root element ({@code cod})
 * @param shortName  the short name of its root element ({@code binSh})
 * @param longName   its long name ({@code binarySwitch})
 * @param cnd        the containerDefinition value ({@code org.onem2m.common.moduleclass.binarySwitch})
 * @param namespace  the XML namespace its prefix stands for
 * @param attributes the custom attributes, as declarations
 * @param longNames  the long names of the custom attributes, in the order of {@code attributes}
 * @param children   root elements of the specializations allowed as child flexContainers
 * @param source     the file it was read from, for messages
 */
public record Specialization(String prefix, String shortName, String longName, String cnd, String namespace,
                             List<AttributeDef> attributes, List<String> longNames, List<String> children, String source) {

    public String rootElement() {
        return prefix + ":" + shortName;
    }
}
