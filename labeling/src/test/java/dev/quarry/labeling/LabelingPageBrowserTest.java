package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The labeling page in a real browser (Debian's headless Chromium through Selenium): open it with
 * the token, answer a whole batch by clicks and by keys, see the next batch appear after the round,
 * and find every answer in the checkpoint. One browser for the class. Without Chromium and its
 * driver ({@code apt-get install chromium chromium-driver}) the test is skipped, unless {@code
 * QUARRY_REQUIRE_BROWSER} is set (CI sets it, so there a missing browser fails).
 */
class LabelingPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String KEYS = "1234567890";

    @TempDir
    static Path dir;

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("QUARRY_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(present, "Chromium and chromedriver are not installed "
                    + "(apt-get install chromium chromium-driver)");
        }
        assertTrue(present, "QUARRY_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + DRIVER + " is missing");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // Headless, and no calls home: this machine's network is closed.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1000", "--user-data-dir=" + dir.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static long currentItem() {
        return Long.parseLong(browser.findElement(By.id("current-image")).getDomAttribute("data-id"));
    }

    @Test
    void givenThePage_whenABatchIsAnsweredByClicksAndKeys_thenTheNextBatchAppearsAndEveryLabelLanded()
            throws IOException {
        Path run = LabelServerTest.newRun(dir.resolve("run"));
        try (LabelServer server = LabelServer.start(LabelingSession.open(run), LabelServer.loopback(), 0)) {
            browser.get(server.pageUrl().toString());
            waitUpTo(30).until(d -> text("progress").equals("0 / 6 answered")
                    && !d.findElements(By.cssSelector(".class-button")).isEmpty());
            assertEquals("Round 1 of 2", text("round"));
            List<String> classes = browser.findElements(By.cssSelector(".class-button")).stream()
                    .map(b -> b.getDomAttribute("data-class")).toList();
            assertEquals(10, classes.size());
            assertEquals(6, browser.findElements(By.cssSelector("#thumbs .thumb img")).size(), "thumbnails of the batch");

            Map<Long, String> given = new HashMap<>();
            List<Long> order = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                long item = currentItem();
                String label;
                if (k < 3) {
                    label = classes.get(k + 2);
                    WebElement button = browser.findElement(By.cssSelector(".class-button[data-class='" + label + "']"));
                    button.click();
                } else {
                    label = classes.get(k);
                    browser.findElement(By.tagName("body")).sendKeys(String.valueOf(KEYS.charAt(k)));
                }
                given.put(item, label);
                order.add(item);
                int answered = k + 1;
                if (k == 1) {
                    // Undo the second answer by key, then give it again by click.
                    waitUpTo(10).until(d -> text("progress").startsWith(answered + " / 6"));
                    browser.findElement(By.tagName("body")).sendKeys("u");
                    waitUpTo(10).until(d -> text("progress").startsWith("1 / 6") && currentItem() == item);
                    browser.findElement(By.cssSelector(".class-button[data-class='" + label + "']")).click();
                }
                if (k < 5) {
                    waitUpTo(10).until(d -> text("progress").startsWith(answered + " / 6") && currentItem() != item);
                }
            }
            waitUpTo(180).until(d -> text("round").equals("Round 2 of 2") && text("progress").equals("0 / 4 answered"));
            waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#curve circle")).isEmpty());
            assertTrue(text("prediction").matches(".+ \\(0\\.\\d\\d\\)"), "the model's prediction: " + text("prediction"));
            Double.parseDouble(text("score")); // the item's acquisition score, as a number
            waitUpTo(10).until(d -> ((ChromeDriver) d).executeScript(
                    "return Array.from(document.querySelectorAll('#thumbs img')).every(i => i.complete && i.naturalWidth > 0)")
                    .equals(Boolean.TRUE));
            waitUpTo(10).until(d -> d.findElement(By.cssSelector(".class-button")).isEnabled());
            long first = currentItem();
            browser.findElement(By.tagName("body")).sendKeys("1");
            waitUpTo(10).until(d -> text("progress").startsWith("1 / 4") && currentItem() != first);
            Path shot = Path.of("target", "labeling-page.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

            RunState state = new CheckpointStore(run).read().orElseThrow();
            long[] labeled = state.labeled().ids();
            long[] expected = order.stream().mapToLong(Long::longValue).sorted().toArray();
            assertArrayEquals(expected, Arrays.stream(labeled).sorted().toArray(), "every answered item is labeled");
            for (int i = 0; i < labeled.length; i++) {
                assertEquals(given.get(labeled[i]), state.classes().get(state.labeled().labels()[i]), "item " + labeled[i]);
            }
            assertEquals(4, state.pending().ids().length);
            assertEquals(7, state.votes().size(), "one vote per item (the undone answer withdrawn), and one of round 2");
        }
    }
}
