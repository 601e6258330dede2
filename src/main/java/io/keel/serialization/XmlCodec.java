package io.keel.serialization;

import io.keel.primitive.OneM2MException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * oneM2M XML (TS-0004 8.3) to and from the generic content tree. Decoding gives every scalar as text (the core
 * types it by attribute); DTDs are refused outright, so entity expansion and external entities (XXE) cannot occur.
 */
final class XmlCodec {
    static final String NAMESPACE = "http://www.onem2m.org/xml/protocols";
    private static final XMLInputFactory INPUT = inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private XmlCodec() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static Map<String, Object> decode(byte[] body) {
        if (body.length == 0) {
            throw OneM2MException.badRequest("the body is empty");
        }
        XMLStreamReader r = null;
        try {
            r = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            Map<String, Object> root = new LinkedHashMap<>();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw OneM2MException.badRequest("the body is not valid XML: DTDs are not allowed");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!root.isEmpty()) {
                        throw OneM2MException.badRequest("the body is not valid XML: more than one root element");
                    }
                    String name = NAMESPACE.equals(r.getNamespaceURI()) ? "m2m:" + r.getLocalName()
                            : (r.getPrefix() == null || r.getPrefix().isEmpty() ? r.getLocalName() : r.getPrefix() + ":" + r.getLocalName());
                    root.put(name, element(r, 1));
                }
            }
            if (root.isEmpty()) {
                throw OneM2MException.badRequest("the body is not valid XML: no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof OneM2MException o) {
                throw o;
            }
            throw OneM2MException.badRequest("the body is not valid XML: " + reason(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the byte array
                }
            }
        }
    }

    /** Reads the element the reader stands on, up to its end tag. */
    private static Object element(XMLStreamReader r, int depth) throws XMLStreamException {
        if (depth > ContentCodec.MAX_NESTING) {
            throw OneM2MException.badRequest("the body is not valid XML: nested deeper than " + ContentCodec.MAX_NESTING + " levels");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            fields.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        int attributes = fields.size();
        boolean children = false;
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    children = true;
                    boolean global = NAMESPACE.equals(r.getNamespaceURI()) && r.getPrefix() != null && !r.getPrefix().isEmpty();
                    add(fields, global ? "m2m:" + r.getLocalName() : r.getLocalName(), element(r, depth + 1));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(r.getText());
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                        throw OneM2MException.badRequest("the body is not valid XML: entities are not allowed");
                case XMLStreamConstants.END_ELEMENT -> {
                    if (children) {
                        return fields;
                    }
                    String value = text.toString();
                    if (attributes > 0) {
                        if (!value.isBlank()) {
                            fields.put("val", value);
                        }
                        return fields;
                    }
                    return value.isEmpty() ? null : value;
                }
                default -> {
                    // comments and processing instructions carry no content
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> fields, String name, Object value) {
        if (!fields.containsKey(name)) {
            fields.put(name, value);
            return;
        }
        Object existing = fields.get(name);
        if (existing instanceof RepeatedElements l) {
            l.add(value);
        } else {
            RepeatedElements l = new RepeatedElements();
            l.add(existing);
            l.add(value);
            fields.put(name, l);
        }
    }

    /** A list made of repeated sibling elements (as opposed to a value that merely is a list). */
    private static final class RepeatedElements extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    static byte[] encode(Object tree) {
        if (!(tree instanceof Map<?, ?> root) || root.size() != 1) {
            throw new IllegalArgumentException("XML content needs exactly one root element");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            Map.Entry<?, ?> e = root.entrySet().iterator().next();
            write(w, (String) e.getKey(), e.getValue(), true);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException("cannot write XML", ex);
        }
        return out.toByteArray();
    }

    private static void write(XMLStreamWriter w, String name, Object value, boolean root) throws XMLStreamException {
        if (value instanceof List<?> list && !isScalarList(list)) {
            for (Object item : list) {
                write(w, name, item, root);
            }
            return;
        }
        boolean global = name.startsWith("m2m:");
        if (value == null) {
            startEmpty(w, name, global, root);
            return;
        }
        start(w, name, global, root);
        if (value instanceof Map<?, ?> map) {
            boolean valueElement = map.containsKey("val");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                boolean asAttribute = isScalar(e.getValue()) && e.getValue() != null
                        && ((valueElement && !key.equals("val")) || (global && key.equals("rn")));
                if (asAttribute) {
                    w.writeAttribute(key, text(e.getValue()));
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                boolean attributeWritten = isScalar(e.getValue()) && e.getValue() != null
                        && ((valueElement && !key.equals("val")) || (global && key.equals("rn")));
                if (valueElement && key.equals("val")) {
                    w.writeCharacters(text(e.getValue()));
                } else if (!attributeWritten) {
                    write(w, key, e.getValue(), false);
                }
            }
        } else {
            w.writeCharacters(text(value));
        }
        w.writeEndElement();
    }

    private static void start(XMLStreamWriter w, String name, boolean global, boolean root) throws XMLStreamException {
        if (global) {
            w.writeStartElement("m2m", name.substring(4), NAMESPACE);
            if (root) {
                w.writeNamespace("m2m", NAMESPACE);
            }
        } else {
            w.writeStartElement(name);
        }
    }

    private static void startEmpty(XMLStreamWriter w, String name, boolean global, boolean root) throws XMLStreamException {
        if (global) {
            w.writeEmptyElement("m2m", name.substring(4), NAMESPACE);
            if (root) {
                w.writeNamespace("m2m", NAMESPACE);
            }
        } else {
            w.writeEmptyElement(name);
        }
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof Map) && !(v instanceof List);
    }

    private static boolean isScalarList(List<?> list) {
        for (Object o : list) {
            if (!isScalar(o) || o == null) {
                return false;
            }
        }
        return true;
    }

    /** A scalar, or a list of scalars as xs:list (space-separated). */
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
        return String.valueOf(v);
    }

    private static String reason(Exception e) {
        String msg = e.getMessage();
        if (msg == null) {
            return "malformed input";
        }
        int cut = msg.indexOf("Message: ");
        return (cut >= 0 ? msg.substring(cut + 9) : msg).lines().findFirst().orElse("malformed input");
    }
}
