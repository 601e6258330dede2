package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * {@code <flexContainerInstance>} (Release 4, m2m:fcin) of a flexContainer with mni: the subscribers of the flexContainer
 * hear of each new instance as of a child creation (net 3, TS-0004 7.5.1.2.2) and of the flexContainer's Update (net 1);
 * the instances read in XML and CBOR (TS-0004 8.4, 8.5) as in JSON.
 */
class FlexContainerInstanceIT extends KeelIT {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String BIN_SH = "org.onem2m.common.moduleclass.binarySwitch";
    private static final String M2M = "http://www.onem2m.org/xml/protocols";
    private NotificationReceiver receiver;
    private String ae;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("fcin"), OneM2MClient.unique("fcinAe"));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** A binarySwitch that keeps its last {@code mni} states, created in Release 4. */
    private String history(String rn, int mni) {
        Reply created = cse.create("/" + ae, 28, "{\"cod:binSh\":{\"rn\":\"" + rn + "\",\"cnd\":\"" + BIN_SH
                + "\",\"state\":false,\"mni\":" + mni + "}}").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(201, created.status(), created.text());
        return "/" + ae + "/" + rn;
    }

    private void switchTo(String path, boolean state) {
        Reply updated = cse.put(path, "{\"cod:binSh\":{\"state\":" + state + "}}").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(200, updated.status(), updated.text());
    }

    private void subscribe(String target, String rn, String enc) {
        Reply r = cse.create(target, 23, "{\"m2m:sub\":{\"rn\":\"" + rn + "\",\"nu\":[\"" + receiver.url("/" + rn) + "\"],\"enc\":"
                + enc + "}}").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    @Test
    void ts0004_7_5_1_2_2_aNewFlexContainerInstanceIsAChildCreationAndItsStateAnUpdateOfTheFlexContainer() {
        String sw = history("sw", 3);
        subscribe(sw, "created", "{\"net\":[3]}");
        subscribe(sw, "updated", "{\"net\":[1]}");
        subscribe(sw, "instancesOnly", "{\"net\":[3],\"chty\":[58]}");
        subscribe(sw, "subscriptionsOnly", "{\"net\":[3],\"chty\":[23]}");
        // Each subscription created above is a child creation the ones before it hear of: drain them.
        receiver.next(3, Duration.ofSeconds(10));
        receiver.expectNothing(Duration.ofMillis(300));

        switchTo(sw, true);
        List<Received> got = receiver.next(3, Duration.ofSeconds(10));
        receiver.expectNothing(Duration.ofMillis(300)); // nothing for subscriptionsOnly
        List<String> targets = new ArrayList<>();
        got.forEach(n -> targets.add(n.target()));
        for (Received n : got) {
            JsonNode nev = n.sgn().path("nev");
            switch (n.target()) {
                case "/created", "/instancesOnly" -> {
                    assertEquals(3, nev.path("net").asInt(), n.text());
                    JsonNode fcin = nev.path("rep").path("m2m:fcin");
                    assertEquals(58, fcin.path("ty").asInt(), n.text());
                    assertTrue(fcin.path("state").asBoolean(), "the instance records the new state: " + n.text());
                    assertTrue(fcin.path("pi").asText().length() > 0, n.text());
                }
                case "/updated" -> {
                    assertEquals(1, nev.path("net").asInt(), n.text());
                    JsonNode fcnt = nev.path("rep").path("cod:binSh");
                    assertTrue(fcnt.path("state").asBoolean(), n.text());
                    assertEquals(2, fcnt.path("cni").asInt(), "the creation's instance and this one: " + n.text());
                }
                default -> throw new AssertionError("unexpected notification to " + n.target() + ": " + n.text());
            }
        }
        assertTrue(targets.containsAll(List.of("/created", "/updated", "/instancesOnly")), targets.toString());

        // The instance the notification announced is the one stored.
        JsonNode la = cse.get(sw + "/la").header("X-M2M-RVI", "4").from(ae).send().json().path("m2m:fcin");
        for (Received n : got) {
            if (n.target().equals("/created")) {
                assertEquals(la.path("ri").asText(), n.sgn().path("nev").path("rep").path("m2m:fcin").path("ri").asText());
            }
        }

        // An Update that sets no custom attribute stores no instance: the update, but no child creation.
        Reply labelled = cse.put(sw, "{\"cod:binSh\":{\"lbl\":[\"hall\"]}}").header("X-M2M-RVI", "4").from(ae).send();
        assertEquals(200, labelled.status(), labelled.text());
        Received update = receiver.next(Duration.ofSeconds(10));
        assertEquals("/updated", update.target(), update.text());
        receiver.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void ts0004_8_4_and_8_5_flexContainerInstancesInXmlAndCbor() throws Exception {
        String sw = history("hist", 5);
        switchTo(sw, true);

        Reply xml = cse.get(sw + "/la").header("X-M2M-RVI", "4").header("Accept", "application/xml").from(ae).send();
        assertEquals(200, xml.status(), xml.text());
        assertTrue(xml.header("Content-Type").startsWith("application/xml"), xml.header("Content-Type"));
        Element newest = root(xml.response().body());
        assertEquals(M2M, newest.getNamespaceURI(), xml.text());
        assertEquals("fcin", newest.getLocalName(), xml.text());
        assertEquals("m2m", newest.getPrefix(), xml.text());
        assertEquals("58", child(newest, "ty"), xml.text());
        assertEquals("true", child(newest, "state"), xml.text());
        assertEquals(ae, child(newest, "org"), "the originator of the change: " + xml.text());

        Reply cbor = cse.get(sw + "/ol").header("X-M2M-RVI", "4").header("Accept", "application/cbor").from(ae).send();
        assertEquals(200, cbor.status(), cbor.text());
        assertTrue(cbor.header("Content-Type").startsWith("application/cbor"), cbor.header("Content-Type"));
        JsonNode oldest = CBOR.readTree(cbor.response().body());
        assertEquals(List.of("m2m:fcin"), fieldNames(oldest));
        JsonNode ol = oldest.path("m2m:fcin");
        assertEquals(58, ol.path("ty").asInt(), ol.toString());
        assertTrue(ol.path("state").isBoolean(), "a boolean in CBOR, not text: " + ol);
        assertFalse(ol.path("state").asBoolean(), "the state the flexContainer was created with: " + ol);
        assertTrue(ol.path("cs").isIntegralNumber(), ol.toString());

        // The flexContainer with its instances as children (rcn 4), in XML: the specialization's root, the fcin children.
        Reply tree = cse.get(sw + "?rcn=4").header("X-M2M-RVI", "4").header("Accept", "application/xml").from(ae).send();
        assertEquals(200, tree.status(), tree.text());
        Element fcnt = root(tree.response().body());
        assertEquals("http://www.onem2m.org/xml/sdt", fcnt.getNamespaceURI(), tree.text());
        assertEquals("binSh", fcnt.getLocalName(), tree.text());
        assertEquals("2", child(fcnt, "cni"), tree.text());
        int instances = fcnt.getElementsByTagNameNS(M2M, "fcin").getLength();
        assertEquals(2, instances, tree.text());

        // The same in CBOR.
        Reply cborTree = cse.get(sw + "?rcn=4").header("X-M2M-RVI", "4").header("Accept", "application/cbor").from(ae).send();
        assertEquals(200, cborTree.status(), cborTree.text());
        JsonNode children = CBOR.readTree(cborTree.response().body()).path("cod:binSh").path("m2m:fcin");
        assertEquals(2, children.size(), children.toString());
        assertTrue(children.get(0).path("state").isBoolean() && children.get(1).path("state").isBoolean(), children.toString());
        assertTrue(children.get(0).path("state").asBoolean() != children.get(1).path("state").asBoolean(), children.toString());
    }

    private static Element root(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }

    /** The text of the direct child element {@code name} (no namespace, as oneM2M attributes are). */
    private static String child(Element e, String name) {
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getLocalName() == null ? c.getTagName() : c.getLocalName())) {
                return c.getTextContent();
            }
        }
        throw new AssertionError("no " + name + " in " + e.getTagName());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
