package io.keel.core.resource.flex;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.CatalogueFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads flexContainer specializations from declarative JSON files, one per specialization: those Keel ships under
 * {@code flex/} on the class path (listed in {@code flex/catalogue.txt}) and those of an operator's folder. A file that
 * is not what it must be stops the start: {@link CatalogueException} names the file and the field.
 *
 * <pre>
 * { "rootElement": "cod:binSh", "longName": "binarySwitch",
 *   "containerDefinition": "org.onem2m.common.moduleclass.binarySwitch", "namespace": "http://…",
 *   "attributes": [ { "shortName": "state", "longName": "state", "type": "boolean", "create": "M", "update": "O" } ],
 *   "children": [ "cod:tempe" ] }
 * </pre>
 */
public final class CatalogueLoader {
    /** The class path folder of the shipped catalogue, and its index (a class path cannot be listed portably). */
    public static final String BUILT_IN_FOLDER = "flex/";
    public static final String BUILT_IN_INDEX = BUILT_IN_FOLDER + "catalogue.txt";
    private static final Set<String> FIELDS = Set.of("rootElement", "longName", "containerDefinition", "namespace",
            "attributes", "children");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("shortName", "longName", "type", "create", "update");
    /** Names the flexContainer resource itself declares (TS-0004 tables 7.4.37.1-1/-2): a custom one may not reuse them. */
    private static final Set<String> RESERVED = Set.of("rn", "ty", "ri", "pi", "acpi", "ct", "et", "lt", "st", "lbl",
            "at", "aa", "cr", "daci", "cnd", "or", "cs", "nl");
    private static final Pattern NC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private CatalogueLoader() {
    }

    /** The shipped specializations, and those of {@code folder} (every {@code *.json} in it) when it is not null. */
    public static FlexCatalogue load(Path folder) {
        List<Specialization> all = new ArrayList<>(builtIn());
        if (folder != null) {
            all.addAll(folder(folder));
        }
        try {
            return new FlexCatalogue(all);
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(e.getMessage());
        }
    }

    /** The specializations Keel ships. */
    public static List<Specialization> builtIn() {
        List<Specialization> out = new ArrayList<>();
        CatalogueFiles.builtIn(BUILT_IN_FOLDER, BUILT_IN_INDEX.substring(BUILT_IN_FOLDER.length()))
                .forEach((name, json) -> out.add(parse(name, json)));
        return out;
    }

    /** Every {@code *.json} file of an operator's folder, in name order. */
    public static List<Specialization> folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new CatalogueException("keel.flex.catalogue: " + folder + " is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Specialization> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new CatalogueException("keel.flex.catalogue: cannot read " + folder + ": " + e.getMessage());
        }
    }

    /** One file's specialization; {@code source} names the file in messages. */
    public static Specialization parse(String source, String json) {
        Map<?, ?> m = CatalogueFiles.object(source, json, FIELDS);
        String root = text(source, m, "rootElement");
        int colon = root.indexOf(':');
        if (colon <= 0 || !NC_NAME.matcher(root.substring(0, colon)).matches() || !NC_NAME.matcher(root.substring(colon + 1)).matches()) {
            throw new CatalogueException(source + ": rootElement must be prefix:shortName, not " + root);
        }
        String prefix = root.substring(0, colon);
        if (prefix.equals("m2m")) {
            // Annex J's m2m: specializations would share the namespace of the core types; none is shipped (yet).
            throw new CatalogueException(source + ": rootElement " + root + " uses the prefix m2m, which Keel keeps for its own types");
        }
        String cnd = text(source, m, "containerDefinition");
        if (cnd.chars().anyMatch(Character::isWhitespace)) {
            throw new CatalogueException(source + ": containerDefinition must be a URI without white space");
        }
        List<AttributeDef> attributes = new ArrayList<>();
        List<String> longNames = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (Object a : list(source, m, "attributes")) {
            String where = "attributes[" + i++ + "]";
            if (!(a instanceof Map<?, ?> am)) {
                throw new CatalogueException(source + ": " + where + " must be an object");
            }
            CatalogueFiles.fields(source, where + ": ", am, ATTRIBUTE_FIELDS);
            String sn = text(source, am, where + ".shortName", "shortName");
            if (!NC_NAME.matcher(sn).matches()) {
                throw new CatalogueException(source + ": " + where + ".shortName " + sn + " is not an XML name");
            }
            if (RESERVED.contains(sn)) {
                throw new CatalogueException(source + ": " + where + ".shortName " + sn + " is an attribute of every flexContainer");
            }
            if (!seen.add(sn)) {
                throw new CatalogueException(source + ": " + where + ".shortName " + sn + " appears twice");
            }
            longNames.add(text(source, am, where + ".longName", "longName"));
            AttributeType type = type(source, where, text(source, am, where + ".type", "type"));
            Presence create = CatalogueFiles.presence(source, where + ".create", text(source, am, where + ".create", "create"), false);
            Presence update = CatalogueFiles.presence(source, where + ".update", text(source, am, where + ".update", "update"), true);
            attributes.add(new AttributeDef(sn, type, create, update));
        }
        List<String> children = new ArrayList<>();
        for (Object c : m.containsKey("children") ? list(source, m, "children") : List.of()) {
            if (!(c instanceof String s) || s.indexOf(':') <= 0) {
                throw new CatalogueException(source + ": children must list root elements (prefix:shortName), not " + c);
            }
            children.add(s);
        }
        String namespace = text(source, m, "namespace");
        return new Specialization(prefix, root.substring(colon + 1), text(source, m, "longName"), cnd, namespace,
                List.copyOf(attributes), List.copyOf(longNames), List.copyOf(children), source);
    }

    /** SDT data types (TS-0023) onto Keel's attribute types. */
    private static AttributeType type(String source, String where, String sdt) {
        return switch (sdt) {
            case "boolean" -> AttributeType.BOOLEAN;
            case "integer" -> AttributeType.INTEGER;
            case "nonNegInteger" -> AttributeType.NON_NEGATIVE_INTEGER;
            case "positiveInteger" -> AttributeType.POSITIVE_INTEGER;
            case "float" -> AttributeType.FLOAT;
            case "string" -> AttributeType.STRING;
            case "uri" -> AttributeType.ANY_URI;
            case "timestamp" -> AttributeType.TIMESTAMP;
            case "list" -> AttributeType.LIST;
            default -> throw new CatalogueException(source + ": " + where + ".type " + sdt + " is none of boolean, integer,"
                    + " nonNegInteger, positiveInteger, float, string, uri, timestamp, list");
        };
    }


    private static String text(String source, Map<?, ?> m, String field) {
        return text(source, m, field, field);
    }

    private static String text(String source, Map<?, ?> m, String field, String key) {
        return CatalogueFiles.text(source, m, key, field.substring(0, field.length() - key.length()));
    }

    private static List<?> list(String source, Map<?, ?> m, String field) {
        return CatalogueFiles.list(source, m, field);
    }

    /** A catalogue file that is not what it must be: the message names the file and the field. */
    public static final class CatalogueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CatalogueException(String message) {
            super(message);
        }
    }
}
