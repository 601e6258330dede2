package io.keel.serialization;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Serialization;
import io.keel.primitive.SerializedText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * oneM2M XML (TS-0004 8.3) to and from the generic content tree, with the JDK's StAX. Decoding gives every scalar
 * as text (the core types it by attribute); a DTD is refused outright, so neither entity expansion nor external
 * entities (XXE) can happen.
 */
final class XmlCodec {
    static final String NAMESPACE = "http://www.onem2m.org/xml/protocols";
    private static final XMLInputFactory INPUT = inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    /** An XML QName (a prefix is allowed), approximated with Unicode letter and digit classes. */
    private static final Pattern XML_NAME = Pattern.compile("(?:[\\p{L}_][\\p{L}\\p{M}\\p{N}._-]*:)?[\\p{L}_][\\p{L}\\p{M}\\p{N}._-]*");

    private XmlCodec() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own, whatever else is on the class path
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    // ---------------------------------------------------------------------------------------------------- decoding

    static Map<String, Object> decode(byte[] body) {
        XMLStreamReader r = null;
        try {
            r = open(body);
            Map<String, Object> root = new LinkedHashMap<>();
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.DTD -> throw invalid("DTDs are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> { // the parser itself refuses a second root element
                        String known = XmlNamespaces.prefix(r.getNamespaceURI());
                        String name = known != null ? known + ":" + r.getLocalName() : qualified(r);
                        root.put(name, element(r, 1));
                    }
                    default -> {
                        // prolog and epilog: comments, processing instructions, white space
                    }
                }
            }
            if (root.isEmpty()) {
                throw invalid("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof OneM2MException o) {
                throw o;
            }
            throw invalid(reason(e));
        } finally {
            close(r);
        }
    }

    /**
     * UTF-8 (the default, and what oneM2M peers send) is checked strictly here, so that the parser never meets bad
     * bytes (the JDK's reports them on stderr too). A body that announces another encoding, by a UTF-16 byte order
     * mark or its XML declaration, is left to the parser.
     */
    private static XMLStreamReader open(byte[] body) throws XMLStreamException {
        if (declaresOtherEncoding(body)) {
            return INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
        }
        String text = ContentCodec.utf8(body, "XML");
        return INPUT.createXMLStreamReader(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
    }

    private static boolean declaresOtherEncoding(byte[] body) {
        if (body.length >= 2 && (body[0] == 0 || body[1] == 0 || (body[0] & 0xFF) == 0xFE || (body[0] & 0xFF) == 0xFF)) {
            return true; // UTF-16 or UTF-32, with or without a byte order mark
        }
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head.startsWith("\u00EF\u00BB\u00BF") ? head.substring(3) : head);
        return m.find() && !m.group(1).equalsIgnoreCase("UTF-8") && !m.group(1).equalsIgnoreCase("UTF8");
    }

    /** Reads the element the reader stands on, up to its end tag. */
    private static Object element(XMLStreamReader r, int depth) throws XMLStreamException {
        if (depth > ContentCodec.MAX_NESTING) {
            throw invalid("nested deeper than " + ContentCodec.MAX_NESTING + " levels");
        }
        String element = r.getLocalName();
        Map<String, Object> fields = new LinkedHashMap<>();
        Set<String> attributes = new HashSet<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(r.getAttributeNamespace(i))) {
                continue; // xsi:schemaLocation and the like describe the document, not the resource
            }
            String name = r.getAttributeLocalName(i);
            if (!attributes.add(name)) {
                throw invalid("attribute " + name + " appears twice on <" + element + ">");
            }
            fields.put(name, r.getAttributeValue(i));
        }
        boolean children = false;
        StringBuilder text = new StringBuilder();
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    children = true;
                    String known = r.getPrefix() != null && !r.getPrefix().isEmpty() ? XmlNamespaces.prefix(r.getNamespaceURI()) : null;
                    String name = known != null ? known + ":" + r.getLocalName() : r.getLocalName();
                    if (attributes.contains(name)) {
                        throw invalid(name + " is given both as attribute and as element in <" + element + ">");
                    }
                    add(fields, name, element(r, depth + 1));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(r.getText());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw invalid("entity references are not allowed");
                case XMLStreamConstants.END_ELEMENT -> {
                    return value(element, fields, attributes, children, text.toString());
                }
                default -> {
                    // comments and processing instructions carry no content
                }
            }
        }
    }

    private static Object value(String element, Map<String, Object> fields, Set<String> attributes, boolean children, String text) {
        if (children) {
            if (!text.isBlank()) {
                throw invalid("<" + element + "> mixes text and child elements");
            }
            return fields;
        }
        if (!attributes.isEmpty()) {
            if (!text.isEmpty()) {
                if (attributes.contains("val")) {
                    throw invalid("<" + element + "> has both a val attribute and text");
                }
                fields.put("val", text);
            }
            return fields;
        }
        return text.isEmpty() ? null : text;
    }

    /** Repeated sibling elements become a list in document order (a decoded value is never a list otherwise). */
    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> fields, String name, Object value) {
        if (!fields.containsKey(name)) {
            fields.put(name, value);
        } else if (fields.get(name) instanceof List<?> repeated) {
            ((List<Object>) repeated).add(value);
        } else {
            List<Object> repeated = new ArrayList<>();
            repeated.add(fields.get(name));
            repeated.add(value);
            fields.put(name, repeated);
        }
    }

    private static String qualified(XMLStreamReader r) {
        String prefix = r.getPrefix();
        return prefix == null || prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
    }

    private static OneM2MException invalid(String reason) {
        return OneM2MException.badRequest("the body is not valid XML: " + reason);
    }

    /** The parser's message without its "ParseError at [row,col]" preamble; namespace errors get plain words. */
    private static String reason(Exception e) {
        String msg = e.getMessage();
        if (msg == null) {
            return "malformed input";
        }
        int cut = msg.indexOf("Message: ");
        msg = (cut >= 0 ? msg.substring(cut + 9) : msg).lines().findFirst().orElse("").trim();
        if (msg.contains("ElementPrefixUnbound") || msg.contains("AttributePrefixUnbound")) {
            return "a namespace prefix is not declared";
        }
        if (msg.contains("AttributeNotUnique")) {
            return "an attribute appears twice";
        }
        if (msg.isEmpty() || msg.startsWith("http") || msg.contains("Exception") || msg.contains("java.")) {
            return "malformed input";
        }
        return msg.length() > 160 ? msg.substring(0, 157) + "..." : msg;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release beyond the in-memory input
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- encoding

    static byte[] encode(Object tree) {
        if (!(tree instanceof Map<?, ?> root) || root.size() != 1) {
            throw new IllegalArgumentException("XML content needs exactly one root element");
        }
        Map.Entry<?, ?> e = root.entrySet().iterator().next();
        if (e.getValue() instanceof List<?> l && !isScalarList(l)) {
            throw new IllegalArgumentException("XML content needs exactly one root element, not a list of " + e.getKey());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            write(w, String.valueOf(e.getKey()), e.getValue(), true);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException("cannot write XML", ex);
        }
        return out.toByteArray();
    }

    /**
     * One entry as element(s): a list of scalars is one xs:list; a list of maps or lists, or of strings that hold
     * spaces (actw schedule entries), repeats the element.
     */
    private static void write(XMLStreamWriter w, String name, Object value, boolean root) throws XMLStreamException {
        if (value instanceof List<?> list && (!isScalarList(list) || hasSpaces(list))) {
            for (Object item : list) {
                write(w, name, item, false);
            }
            return;
        }
        if (!XML_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" cannot be an XML element name");
        }
        int colon = name.indexOf(':');
        String prefix = colon > 0 ? name.substring(0, colon) : null;
        String uri = prefix == null ? null : XmlNamespaces.uri(prefix);
        boolean global = uri != null;
        if (value == null) {
            if (global) {
                w.writeEmptyElement(prefix, name.substring(colon + 1), uri);
            } else {
                w.writeEmptyElement(name);
            }
        } else if (global) {
            w.writeStartElement(prefix, name.substring(colon + 1), uri);
        } else {
            w.writeStartElement(name);
        }
        if (root) {
            w.writeNamespace("m2m", NAMESPACE);
        }
        if (global && !prefix.equals("m2m")) {
            // A specialization's element (cod:binSh) declares its namespace where it appears, root or nested.
            w.writeNamespace(prefix, uri);
        }
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            writeFields(w, map, root || global);
        } else {
            writeText(w, text(value));
        }
        w.writeEndElement();
    }

    /**
     * A map's entries: with a scalar {@code val}, the other scalars are XML attributes and {@code val} the text
     * (childResourceRef, TS-0004 8.3); on a resource element (the root, or an {@code m2m:} one) a scalar {@code rn}
     * is an attribute; everything else is a child element.
     */
    private static void writeFields(XMLStreamWriter w, Map<?, ?> map, boolean resource) throws XMLStreamException {
        boolean textual = map.containsKey("val") && isScalar(map.get("val"));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (isAttribute(key, e.getValue(), textual, resource)) {
                if (!XML_NAME.matcher(key).matches() || key.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("\"" + key + "\" cannot be an XML attribute name");
                }
                w.writeAttribute(key, clean(text(e.getValue())));
            }
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (textual && key.equals("val")) {
                if (e.getValue() != null) {
                    writeText(w, text(e.getValue()));
                }
            } else if (!isAttribute(key, e.getValue(), textual, resource)) {
                write(w, key, e.getValue(), false);
            }
        }
    }

    private static boolean isAttribute(String key, Object value, boolean textual, boolean resource) {
        return value != null && isScalar(value) && ((textual && !key.equals("val")) || (resource && key.equals("rn")));
    }

    /** Text as it was: a carriage return goes as a character reference, or the reading parser would drop it. */
    private static void writeText(XMLStreamWriter w, String text) throws XMLStreamException {
        String s = clean(text);
        int from = 0;
        for (int cr = s.indexOf('\r'); cr >= 0; cr = s.indexOf('\r', from)) {
            w.writeCharacters(s.substring(from, cr));
            w.writeEntityRef("#13");
            from = cr + 1;
        }
        w.writeCharacters(s.substring(from));
    }

    /** XML 1.0 cannot carry control characters (other than tab, LF, CR) or lone surrogates: they become U+FFFD. */
    private static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c));
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof Map) && !(v instanceof List);
    }

    private static boolean isScalarList(List<?> list) {
        for (Object o : list) {
            if (o == null || !isScalar(o)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an item would be torn apart as an xs:list item. */
    private static boolean hasSpaces(List<?> list) {
        return list.stream().anyMatch(o -> o instanceof String s && s.chars().anyMatch(Character::isWhitespace));
    }

    /** A scalar as text (booleans true/false, numbers by toString), or a list of scalars as xs:list. */
    private static String text(Object v) {
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (Object o : l) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(o);
            }
            return b.toString();
        }
        if (v instanceof SerializedText t) {
            return t.in(Serialization.XML);
        }
        return String.valueOf(v);
    }
}
