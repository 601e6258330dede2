package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console browsing another CSE through forwarding (TS-0004 7.3.2.6): the console of an IN-CSE lists its
 * {@code <remoteCSE>} of a registered MN-CSE and works on the MN's tree through the IN. The IN authenticates every
 * request (the registration needs it, TS-0004 7.3.2.1), so the console sends the Authorization typed in its header.
 * The MN takes the IN's admin originator, which arrives there as {@code /id-in/CAdmin}, as its own admin originator.
 */
class ConsoleRemoteCseIT {
    private static final String MN_AUTH = Credentials.basic("mn", "mn-secret");
    private static final String ADMIN_AUTH = Credentials.basic("admin", "admin-secret");
    private static final String MN_ADMIN = "/id-in/CAdmin";
    private static final Duration REGISTRATION = Duration.ofSeconds(30);
    private static KeelProcess in;
    private static KeelProcess mn;
    private static OneM2MClient atMn;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("keel-console-remote");
        Files.writeString(dir.resolve("credentials"), String.join("\n",
                "basic mn:" + Credentials.pbkdf2("mn-secret") + " /id-mn",
                "basic admin:" + Credentials.pbkdf2("admin-secret") + " CAdmin,C*", ""));
        in = CseEnv.of(dir, "id-in", "cse-in", "IN").credentials(dir.resolve("credentials")).start();
        mn = CseEnv.of(dir, "id-mn", "cse-mn", "MN").set("KEEL_ADMIN_ORIGINATOR", MN_ADMIN)
                .registrar("http://127.0.0.1:" + in.base().getPort(), "id-in", "cse-in", MN_AUTH).start();
        atMn = new OneM2MClient(mn.base());
        OneM2MClient atIn = new OneM2MClient(in.base());
        Eventually.holds(REGISTRATION, () -> atIn.get("/~/id-mn/cse-mn").header("Authorization", ADMIN_AUTH).send().status() == 200,
                "the MN registered with the IN and reachable through it");
    }

    @AfterAll
    static void stop() {
        if (mn != null) {
            mn.close();
        }
        if (in != null) {
            in.close();
        }
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The IN's console, with the admin's credential typed into its header. */
    private void open() throws IOException {
        ConsoleBrowser browser = ConsoleBrowser.open(new OneM2MClient(in.base()).base());
        driver = browser.driver;
        wait = browser.wait;
        driver.findElement(By.id("authorization")).sendKeys(ADMIN_AUTH);
    }

    private static String containerOnMn(String rn) {
        Reply r = atMn.create("/cse-mn", 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(MN_ADMIN).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
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

    private String attribute(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#attributes tr[data-attr='" + name + "'] td"))).getText();
    }

    /** Expands the IN's CSEBase, selects its remoteCSE of the MN and browses the MN's tree from there. */
    private void browseTheMn() {
        expand("cse-in");
        WebElement csr = wait.until(ExpectedConditions.presenceOfElementLocated(node("cse-in/id-mn")));
        assertEquals("id-mn remoteCSE", csr.findElement(By.cssSelector(":scope > .name")).getText());
        select("cse-in/id-mn");
        assertEquals("/id-mn/cse-mn", attribute("cb"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("browse"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(node("~/id-mn/cse-mn")));
        expand("~/id-mn/cse-mn");
    }

    @Test
    void ts0004_7_3_2_6_theConsoleListsTheRemoteCseAndBrowsesTheMnsTreeThroughTheIn() throws IOException {
        String box = OneM2MClient.unique("box");
        String ri = containerOnMn(box);
        open();
        browseTheMn();
        assertTrue(driver.findElements(node("cse-in/id-mn")).isEmpty(), "the tree shows the MN's CSEBase only");
        select("~/id-mn/cse-mn/" + box);
        assertEquals(ri, attribute("ri"));
        assertTrue(!driver.findElement(By.id("watch")).isDisplayed(), "watching stays with this CSE's own resources");

        driver.findElement(By.id("local")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(node("cse-in")));
        assertTrue(driver.findElements(node("~/id-mn/cse-mn")).isEmpty());
        assertTrue(!driver.findElement(By.id("local")).isDisplayed(), "no way back from the local tree");
    }

    @Test
    void ts0004_7_3_2_6_aContentInstanceCreatedInTheRemoteTreeExistsOnTheMn() throws IOException {
        String box = OneM2MClient.unique("box");
        containerOnMn(box);
        open();
        browseTheMn();
        select("~/id-mn/cse-mn/" + box);
        new Select(driver.findElement(By.id("create-type"))).selectByVisibleText("contentInstance");
        driver.findElement(By.id("create-rn")).sendKeys("fromConsole");
        driver.findElement(By.id("create-con")).sendKeys("21.5");
        driver.findElement(By.cssSelector("#create-form button[type=submit]")).click();
        expand("~/id-mn/cse-mn/" + box);
        wait.until(ExpectedConditions.presenceOfElementLocated(node("~/id-mn/cse-mn/" + box + "/fromConsole")));
        Reply r = atMn.get("/cse-mn/" + box + "/fromConsole").from(MN_ADMIN).send();
        assertEquals(200, r.status(), r.text());
        assertEquals("21.5", r.json().path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_3_2_6_aContainerUpdatedAndDeletedInTheRemoteTreeChangesOnTheMn() throws IOException {
        String box = OneM2MClient.unique("box");
        containerOnMn(box);
        open();
        browseTheMn();
        select("~/id-mn/cse-mn/" + box);
        // The form shows once the selection is set up (the remoteCSE selected before has none).
        WebElement body = wait.until(ExpectedConditions.elementToBeClickable(By.id("update-body")));
        body.clear();
        body.sendKeys("{\"m2m:cnt\":{\"lbl\":[\"viaConsole\"]}}");
        driver.findElement(By.cssSelector("#update-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "updated ~/id-mn/cse-mn/" + box));
        Reply updated = atMn.get("/cse-mn/" + box).from(MN_ADMIN).send();
        assertEquals("[\"viaConsole\"]", updated.json().path("m2m:cnt").path("lbl").toString(), updated.text());

        WebElement delete = driver.findElement(By.id("delete"));
        delete.click();
        delete.click();
        wait.until(ExpectedConditions.numberOfElementsToBe(node("~/id-mn/cse-mn/" + box), 0));
        assertEquals(4004, atMn.get("/cse-mn/" + box).from(MN_ADMIN).send().rsc());
    }
}
