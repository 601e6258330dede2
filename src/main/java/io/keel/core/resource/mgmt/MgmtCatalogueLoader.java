package io.keel.core.resource.mgmt;

import static io.keel.core.resource.CatalogueFiles.fields;
import static io.keel.core.resource.CatalogueFiles.list;
import static io.keel.core.resource.CatalogueFiles.presence;
import static io.keel.core.resource.CatalogueFiles.text;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.CatalogueFiles;
import io.keel.core.resource.flex.CatalogueLoader.CatalogueException;
import io.keel.core.resource.mgmt.MgmtSpecialization.Action;
import io.keel.core.resource.mgmt.MgmtSpecialization.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the mgmtObj specializations (TS-0004 Annex D) from the declarative files Keel ships under {@code mgmt/} on
 * the class path, listed in {@code mgmt/catalogue.txt}, one file per specialization, with the data types named as the
 * Annex D tables name them. A file that is not what it must be stops the start: {@link CatalogueException} names the
 * file and the field.
 *
 * <pre>
 * { "mgmtDefinition": 1001, "rootElement": "m2m:fwr", "longName": "firmware", "clause": "D.2", "announced": true,
 *   "attributes": [ { "shortName": "vr", "longName": "version", "type": "xs:string", "create": "M", "update": "O" } ],
 *   "actions": [ { "trigger": "ud", "status": "uds" } ] }
 * </pre>
 */
public final class MgmtCatalogueLoader {
    public static final String BUILT_IN_FOLDER = "mgmt/";
    public static final String BUILT_IN_INDEX = "catalogue.txt";
    private static final Set<String> FIELDS = Set.of("mgmtDefinition", "rootElement", "longName", "clause", "announced",
            "maxPerNode", "attributes", "actions");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("shortName", "longName", "type", "create", "update", "min", "max");
    private static final Set<String> ACTION_FIELDS = Set.of("trigger", "status", "exclusiveWith", "onlyTrue");
    /** What every mgmtObj declares (TS-0004 tables 7.4.15.1-1/-2 and the universal attributes): no file may redeclare it. */
    private static final Set<String> RESERVED = Set.of("rn", "ty", "ri", "pi", "acpi", "ct", "et", "lt", "st", "lbl",
            "at", "aa", "cr", "daci", "mgd", "obis", "obps", "dc", "mgs");
    private static final Pattern SHORT_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    /** The data types of the Annex D tables, as Keel checks them. */
    private static final Map<String, AttributeType> TYPES = Map.ofEntries(
            Map.entry("xs:string", AttributeType.STRING),
            Map.entry("xs:anyURI", AttributeType.ANY_URI),
            Map.entry("xs:boolean", AttributeType.BOOLEAN),
            Map.entry("xs:unsignedInt", AttributeType.UNSIGNED_INT),
            // Keel holds 64-bit integers: an xs:unsignedLong beyond 2^63-1 is refused as too large.
            Map.entry("xs:unsignedLong", AttributeType.NON_NEGATIVE_INTEGER),
            Map.entry("xs:nonNegativeInteger", AttributeType.NON_NEGATIVE_INTEGER),
            Map.entry("xs:positiveInteger", AttributeType.POSITIVE_INTEGER),
            Map.entry("xs:long", AttributeType.LONG),
            Map.entry("xs:anyType", AttributeType.ANY),
            Map.entry("m2m:ID", AttributeType.ID),
            Map.entry("m2m:timestamp", AttributeType.TIMESTAMP),
            Map.entry("m2m:listOfURIs", AttributeType.LIST_OF_URIS),
            Map.entry("m2m:listOfM2MID", AttributeType.LIST_OF_URIS),
            // TS-0004 6.3.5.24 gives it XML attributes (name, type) Keel does not keep: the links are the URIs.
            Map.entry("m2m:mgmtLinkRef", AttributeType.LIST_OF_URIS),
            Map.entry("m2m:protocolList", AttributeType.LIST),
            Map.entry("m2m:actionStatus", AttributeType.ACTION_STATUS),
            Map.entry("m2m:batteryStatus", AttributeType.BATTERY_STATUS),
            Map.entry("m2m:logTypeId", AttributeType.LOG_TYPE_ID),
            Map.entry("m2m:logStatus", AttributeType.LOG_STATUS),
            Map.entry("m2m:eventCat", AttributeType.EVENT_CAT),
            Map.entry("list of m2m:eventCat", AttributeType.LIST_OF_EVENT_CAT),
            Map.entry("list of m2m:eventCatWithDef", AttributeType.LIST_OF_EVENT_CAT_WITH_DEF),
            Map.entry("m2m:listOfMinMax", AttributeType.LIST_OF_MIN_MAX),
            Map.entry("restricted list of xs:boolean", AttributeType.LIST_OF_BOOLEANS),
            Map.entry("m2m:backOffParameters", AttributeType.BACK_OFF_PARAMETERS));

    private MgmtCatalogueLoader() {
    }

    /** The specializations Keel ships. */
    public static MgmtCatalogue builtIn() {
        List<MgmtSpecialization> all = new ArrayList<>();
        CatalogueFiles.builtIn(BUILT_IN_FOLDER, BUILT_IN_INDEX).forEach((name, json) -> all.add(parse(name, json)));
        try {
            return new MgmtCatalogue(all);
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(e.getMessage());
        }
    }

    /** One file's specialization; {@code source} names the file in messages. */
    public static MgmtSpecialization parse(String source, String json) {
        Map<?, ?> m = CatalogueFiles.object(source, json, FIELDS);
        if (!(m.get("mgmtDefinition") instanceof Integer mgd) || mgd < 1001 || mgd > 1026) {
            throw new CatalogueException(source + ": mgmtDefinition must be one of TS-0004 table 6.3.4.2.22-1, 1001-1026");
        }
        String root = text(source, m, "rootElement", "");
        if (!root.startsWith("m2m:") || !SHORT_NAME.matcher(root.substring(4)).matches()) {
            throw new CatalogueException(source + ": rootElement must be m2m:<short name>, not " + root);
        }
        List<AttributeDef> attributes = new ArrayList<>();
        List<String> longNames = new ArrayList<>();
        Map<String, Range> ranges = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (Object a : list(source, m, "attributes")) {
            String where = "attributes[" + i++ + "].";
            if (!(a instanceof Map<?, ?> am)) {
                throw new CatalogueException(source + ": " + where + " must be an object");
            }
            fields(source, where, am, ATTRIBUTE_FIELDS);
            String sn = text(source, am, "shortName", where);
            if (!SHORT_NAME.matcher(sn).matches()) {
                throw new CatalogueException(source + ": " + where + "shortName " + sn + " is not a short name");
            }
            if (RESERVED.contains(sn)) {
                throw new CatalogueException(source + ": " + where + "shortName " + sn + " is an attribute of every mgmtObj");
            }
            if (!seen.add(sn)) {
                throw new CatalogueException(source + ": " + where + "shortName " + sn + " appears twice");
            }
            longNames.add(text(source, am, "longName", where));
            String typeName = text(source, am, "type", where);
            AttributeType type = TYPES.get(typeName);
            if (type == null) {
                throw new CatalogueException(source + ": " + where + "type " + typeName + " is none of " + new java.util.TreeSet<>(TYPES.keySet()));
            }
            Presence create = presence(source, where + "create", text(source, am, "create", where), false);
            Presence update = presence(source, where + "update", text(source, am, "update", where), true);
            attributes.add(new AttributeDef(sn, type, create, update));
            if (am.containsKey("min") || am.containsKey("max")) {
                if (!(am.get("min") instanceof Integer min) || !(am.get("max") instanceof Integer max) || min > max) {
                    throw new CatalogueException(source + ": " + where + "min and max must be integers, min <= max");
                }
                ranges.put(sn, new Range(min, max));
            }
        }
        List<Action> actions = new ArrayList<>();
        i = 0;
        for (Object a : m.containsKey("actions") ? list(source, m, "actions") : List.of()) {
            String where = "actions[" + i++ + "].";
            if (!(a instanceof Map<?, ?> am)) {
                throw new CatalogueException(source + ": " + where + " must be an object");
            }
            fields(source, where, am, ACTION_FIELDS);
            String trigger = text(source, am, "trigger", where);
            requireBoolean(source, where + "trigger", trigger, attributes);
            String status = am.containsKey("status") ? text(source, am, "status", where) : null;
            if (status != null && !seen.contains(status)) {
                throw new CatalogueException(source + ": " + where + "status " + status + " is no attribute of the file");
            }
            String exclusive = am.containsKey("exclusiveWith") ? text(source, am, "exclusiveWith", where) : null;
            if (exclusive != null) {
                requireBoolean(source, where + "exclusiveWith", exclusive, attributes);
            }
            actions.add(new Action(trigger, status, exclusive, Boolean.TRUE.equals(am.get("onlyTrue"))));
        }
        int maxPerNode = 0;
        if (m.containsKey("maxPerNode")) {
            if (!(m.get("maxPerNode") instanceof Integer n) || n < 1) {
                throw new CatalogueException(source + ": maxPerNode must be a positive integer");
            }
            maxPerNode = n;
        }
        if (!(m.get("announced") instanceof Boolean announced)) {
            throw new CatalogueException(source + ": announced must be true or false");
        }
        return new MgmtSpecialization(mgd, root.substring(4), text(source, m, "longName", ""), text(source, m, "clause", ""),
                List.copyOf(attributes), List.copyOf(longNames), List.copyOf(actions), Map.copyOf(ranges), maxPerNode,
                announced, source);
    }

    private static void requireBoolean(String source, String field, String sn, List<AttributeDef> attributes) {
        if (attributes.stream().noneMatch(d -> d.sn().equals(sn) && d.type() == AttributeType.BOOLEAN)) {
            throw new CatalogueException(source + ": " + field + " " + sn + " is no xs:boolean attribute of the file");
        }
    }
}
