package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console (README "Console") in headless Chromium ({@link ConsoleBrowser}: skipped where it is missing),
 * against real data created over HTTP. Browsing another CSE needs two: {@link ConsoleRemoteCseIT}.
 */
class ConsoleIT extends KeelIT {
    private static final String[] VALUES = {"3", "1.5", "4", "2"};
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private String ae;
    private String aePath;
    private String cntPath;
    private String cntRi;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void data() {
        ae = cse.registerAe("C" + OneM2MClient.unique("console"), OneM2MClient.unique("consoleAe"));
        aePath = "cse-in/" + cse.get("/" + ae).from(ae).send().json().path("m2m:ae").path("rn").asText();
        Reply cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"temps\"}}").from(ae).send();
        assertEquals(201, cnt.status(), cnt.text());
        cntRi = cnt.json().path("m2m:cnt").path("ri").asText();
        cntPath = aePath + "/temps";
        for (String v : VALUES) {
            instance(v);
        }
        instance("n/a"); // not a number: no point in the plot
    }

    private void instance(String con) {
        Reply r = cse.create("/" + cntRi, 4, "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"" + con + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Opens the console in headless Chromium; skips the test where there is no Chromium. */
    private void open() throws IOException {
        ConsoleBrowser browser = ConsoleBrowser.open(cse.base());
        driver = browser.driver;
        wait = browser.wait;
    }

    private By node(String path) {
        return By.cssSelector("li[data-path='" + path + "']");
    }

    private WebElement expand(String path) {
        WebElement li = wait.until(ExpectedConditions.presenceOfElementLocated(node(path)));
        li.findElement(By.cssSelector(":scope > .toggle")).click();
        return li;
    }

    private void select(String path) {
        wait.until(ExpectedConditions.presenceOfElementLocated(node(path))).findElement(By.cssSelector(":scope > .name")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-path"), path));
    }

    /** Expands the tree down to the container and selects it, as a user would. */
    private void selectContainer() {
        expand("cse-in");
        expand(aePath);
        select(cntPath);
    }

    private String attribute(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#attributes tr[data-attr='" + name + "'] td"))).getText();
    }

    private int points() {
        return driver.findElements(By.cssSelector("#plot svg circle")).size();
    }

    @Test
    void theTreeLoadsChildrenOnlyWhenExpandedAndShowsTheSelectedResourcesAttributes() throws IOException {
        open();
        wait.until(ExpectedConditions.presenceOfElementLocated(node("cse-in")));
        assertTrue(driver.findElements(node(aePath)).isEmpty(), "the AE is listed before the CSEBase is expanded");
        expand("cse-in");
        wait.until(ExpectedConditions.presenceOfElementLocated(node(aePath)));
        assertTrue(driver.findElements(node(cntPath)).isEmpty(), "the container is listed before its AE is expanded");
        expand(aePath);
        select(cntPath);
        assertEquals(cntRi, attribute("ri"));
        assertEquals(String.valueOf(VALUES.length + 1), attribute("cni"));
    }

    @Test
    void theContainerIsPlottedWithOnePointPerNumericContentInstance() throws IOException {
        open();
        selectContainer();
        wait.until(d -> points() == VALUES.length);
        assertTrue(driver.findElement(By.id("status")).getText().contains("1 without numeric con left out"),
                driver.findElement(By.id("status")).getText());
    }

    @Test
    void aContainerCreatedThroughTheFormExistsOverHttp() throws IOException {
        open();
        expand("cse-in");
        expand(aePath);
        select(aePath);
        new Select(driver.findElement(By.id("create-type"))).selectByVisibleText("container");
        driver.findElement(By.id("create-rn")).sendKeys("fromConsole");
        driver.findElement(By.id("create-mni")).sendKeys("7");
        driver.findElement(By.cssSelector("#create-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(node(aePath + "/fromConsole")));
        Reply r = cse.get("/" + aePath + "/fromConsole").send();
        assertEquals(200, r.status(), r.text());
        assertEquals(7, r.json().path("m2m:cnt").path("mni").asInt());
    }

    @Test
    void aResourceDeletedThroughTheConsoleIsGoneOverHttp() throws IOException {
        assertEquals(201, cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"doomed\"}}").from(ae).send().status());
        open();
        expand("cse-in");
        expand(aePath);
        select(aePath + "/doomed");
        WebElement delete = driver.findElement(By.id("delete"));
        delete.click();
        assertEquals(200, cse.get("/" + aePath + "/doomed").send().status(), "the first click only asks");
        delete.click();
        wait.until(ExpectedConditions.numberOfElementsToBe(node(aePath + "/doomed"), 0));
        assertEquals(4004, cse.get("/" + aePath + "/doomed").send().rsc());
    }

    @Test
    void aNotificationArrivesLiveAndThePlotFollows() throws IOException {
        open();
        selectContainer();
        wait.until(d -> points() == VALUES.length);
        driver.findElement(By.id("watch")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "watching " + cntPath));
        instance("42.5");
        WebElement n = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#notifications li.notification")));
        assertTrue(n.getText().contains("con=42.5"), n.getText());
        assertEquals("3", n.getDomAttribute("data-net"));
        wait.until(d -> points() == VALUES.length + 1);
    }

    @Test
    void aFlexContainersCustomAttributesAreShownByTheirLongNames() throws IOException {
        Reply fcnt = cse.create("/" + ae, 28, "{\"cod:tempe\":{\"rn\":\"th\",\"cnd\":"
                + "\"org.onem2m.common.moduleclass.temperature\",\"curT0\":21.5}}").from(ae).send();
        assertEquals(201, fcnt.status(), fcnt.text());
        Reply names = cse.get("/.well-known/keel/console/flex-names.json").header("X-M2M-Origin", null).send();
        assertEquals(200, names.status(), names.text());
        assertEquals("currentTemperature", names.json().path("cod:tempe").path("attributes").path("curT0").asText());
        assertEquals("temperature", names.json().path("cod:tempeAnnc").path("longName").asText());

        open();
        expand("cse-in");
        expand(aePath);
        select(aePath + "/th");
        assertEquals("21.5", attribute("curT0"));
        WebElement th = driver.findElement(By.cssSelector("#attributes tr[data-attr='curT0'] th"));
        assertEquals("currentTemperature", th.getText());
        assertEquals("curT0", th.getDomAttribute("title"));
        assertEquals("cnd", driver.findElement(By.cssSelector("#attributes tr[data-attr='cnd'] th")).getText(),
                "a common attribute keeps its short name");
    }

    /**
     * A timeSeries (TS-0004 7.4.38) is plotted over its instances' dgt, with the missing data points the CSE recorded in
     * mdlt marked: three instances one period (1 s) apart in the past, then silence until the CSE has found some missing.
     */
    @Test
    void aTimeSeriesIsPlottedOverDgtWithItsMissingDataPointsMarked() throws IOException {
        Reply ts = cse.create("/" + ae, 29, "{\"m2m:ts\":{\"rn\":\"meter\",\"pei\":1000,\"peid\":0,\"mdt\":5000,"
                + "\"mdd\":true,\"mdn\":20}}").from(ae).send();
        assertEquals(201, ts.status(), ts.text());
        String tsPath = aePath + "/meter";
        // The last instance is at most now; mdt 5 s leaves the creates 3 s before the first point could be due.
        Instant first = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String[] values = {"20.5", "21", "19.25"};
        for (int i = 0; i < values.length; i++) {
            Reply tsi = cse.create("/" + tsPath, 30, "{\"m2m:tsi\":{\"dgt\":\"" + TIMESTAMP.format(first.plusSeconds(i))
                    + "\",\"con\":\"" + values[i] + "\"}}").from(ae).send();
            assertEquals(201, tsi.status(), tsi.text());
        }
        Eventually.holds(Duration.ofSeconds(20), () -> cse.get("/" + tsPath).from(ae).send().json().path("m2m:ts")
                .path("mdc").asInt() >= 2, "the CSE records missing data points");
        // Detection off keeps the list as it is (TS-0004 7.4.38.2.3), so that the console and this test see one list.
        assertEquals(200, cse.put("/" + tsPath, "{\"m2m:ts\":{\"mdd\":false}}").from(ae).send().status());
        JsonNode mdlt = cse.get("/" + tsPath).from(ae).send().json().path("m2m:ts").path("mdlt");
        assertTrue(mdlt.size() >= 2, mdlt.toString());

        open();
        expand("cse-in");
        expand(aePath);
        select(tsPath);
        wait.until(d -> points() == values.length);
        assertEquals("timeSeriesInstances over dataGenerationTime", driver.findElement(By.id("plot-title")).getText());
        List<WebElement> marks = driver.findElements(By.cssSelector("#plot svg g.missing"));
        assertEquals(mdlt.size(), marks.size(), mdlt.toString());
        Instant firstMissing = TIMESTAMP.parse(mdlt.get(0).asText().substring(0, 15), Instant::from);
        assertEquals(first.plusSeconds(3), firstMissing,
                "the first missing point is the period after the last instance");
        assertTrue(marks.get(0).findElement(By.tagName("title")).getDomProperty("textContent").startsWith("missing data point"),
                marks.get(0).getDomProperty("innerHTML"));
        assertTrue(driver.findElement(By.id("plot-legend")).getText().contains(mdlt.size() + " missing data points"),
                driver.findElement(By.id("plot-legend")).getText());
        assertEquals(1, driver.findElements(By.cssSelector("#plot svg polyline")).size(),
                "the line joins the three instances, which have no gap between them");
    }

    /**
     * A node (TS-0004 7.4.18) shows its mgmtObjs (7.4.15, Annex D) with their attributes; Reboot sends the Update rbo=true
     * of its reboot mgmtObj (D.10) and Update firmware stores url and vr, then sends ud=true (D.2); the console shows the
     * CSE's answer to each, the error of a node without a management adapter included.
     */
    @Test
    void aNodeShowsItsMgmtObjsAndRebootAndFirmwareUpdateShowTheCsesAnswer() throws IOException {
        String rn = OneM2MClient.unique("node");
        Reply node = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + rn + "-id\"}}").send();
        assertEquals(201, node.status(), node.text());
        String nodePath = "cse-in/" + rn;
        Reply reboot = cse.create("/" + nodePath, 13, "{\"m2m:rbo\":{\"rn\":\"reboot\",\"mgd\":1009,\"dc\":\"restarts the gateway\"}}")
                .send();
        assertEquals(201, reboot.status(), reboot.text());
        Reply firmware = cse.create("/" + nodePath, 13, "{\"m2m:fwr\":{\"rn\":\"fw\",\"mgd\":1001,\"vr\":\"1.0\","
                + "\"fwn\":\"gateway\",\"url\":\"http://firmware.example/gw-1.0.bin\",\"ud\":false}}").send();
        assertEquals(201, firmware.status(), firmware.text());

        open();
        expand("cse-in");
        select(nodePath);
        WebElement fwCard = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#mgmt article[data-path='" + nodePath + "/fw']")));
        WebElement rboCard = driver.findElement(By.cssSelector("#mgmt article[data-path='" + nodePath + "/reboot']"));
        assertTrue(fwCard.findElement(By.tagName("h4")).getText().startsWith("firmware"), fwCard.getText());
        assertEquals("1.0", fwCard.findElement(By.cssSelector("tr[data-attr='vr'] td")).getText());
        assertEquals("http://firmware.example/gw-1.0.bin", fwCard.findElement(By.cssSelector("tr[data-attr='url'] td")).getText());
        assertTrue(rboCard.findElement(By.tagName("h4")).getText().startsWith("reboot"), rboCard.getText());
        assertEquals("restarts the gateway", rboCard.findElement(By.cssSelector(".dc")).getText());

        rboCard.findElement(By.cssSelector("button.reboot")).click();
        String rebootAnswer = answer(rboCard);
        assertSameAnswer(rebootAnswer, cse.put("/" + nodePath + "/reboot", "{\"m2m:rbo\":{\"rbo\":true}}").send());

        WebElement url = fwCard.findElement(By.cssSelector("input[name='url']"));
        url.clear();
        url.sendKeys("http://firmware.example/gw-2.0.bin");
        WebElement vr = fwCard.findElement(By.cssSelector("input[name='vr']"));
        vr.clear();
        vr.sendKeys("2.0");
        fwCard.findElement(By.cssSelector("form.firmware button[type=submit]")).click();
        String firmwareAnswer = answer(fwCard);
        JsonNode stored = cse.get("/" + nodePath + "/fw").send().json().path("m2m:fwr");
        assertEquals("2.0", stored.path("vr").asText(), "the console stored the new version first: " + stored);
        assertEquals("http://firmware.example/gw-2.0.bin", stored.path("url").asText(), stored.toString());
        assertSameAnswer(firmwareAnswer, cse.put("/" + nodePath + "/fw", "{\"m2m:fwr\":{\"ud\":true}}").send());
    }

    /** The final answer a mgmtObj card shows for its action (not the progress note before it). */
    private String answer(WebElement card) {
        WebElement out = card.findElement(By.cssSelector("output.answer"));
        wait.until(d -> !out.getText().isEmpty() && !out.getText().endsWith("…"));
        return out.getText();
    }

    /** The console showed what the CSE answers to that Update: its rsc, and its m2m:dbg when it is an error. */
    private static void assertSameAnswer(String shown, Reply direct) {
        if (direct.status() / 100 == 2) {
            assertTrue(shown.startsWith(String.valueOf(direct.rsc())), shown + " / " + direct.text());
        } else {
            String dbg = direct.json().path("m2m:dbg").asText();
            assertEquals(direct.rsc() + ": " + dbg, shown, direct.text());
        }
    }

    @Test
    void theConsoleIsNoOneM2MRequestAndServesOnlyItsOwnFiles() {
        Reply page = cse.get("/.well-known/keel/console/").header("X-M2M-Origin", null).send();
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertNull(page.header("X-M2M-RSC"));
        Reply module = cse.get("/.well-known/keel/console/js/main.js").send();
        assertTrue(module.header("Content-Type").startsWith("text/javascript"), module.header("Content-Type"));
        assertEquals(302, cse.get("/.well-known/keel/console").send().status());
        assertEquals(404, cse.get("/.well-known/keel/console/WEB-INF/web.xml").send().status());
        assertEquals(404, cse.get("/.well-known/keel/console/../../../WEB-INF/web.xml").send().status());
        assertEquals(404, cse.get("/.well-known/keel/elsewhere").send().status());
    }
}
