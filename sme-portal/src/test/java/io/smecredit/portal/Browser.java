package io.smecredit.portal;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A real headless Chromium (the distribution's chromium and chromium-driver packages, installed by
 * {@code ./platform test}), with a fresh profile so no cookie or cache from elsewhere leaks into a test.
 */
final class Browser {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private Browser() {
    }

    static ChromeDriver start() {
        for (String executable : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(executable).canExecute()) {
                throw new IllegalStateException(executable + " is missing: install the Debian packages chromium and "
                        + "chromium-driver ('./platform test' does)");
            }
        }
        try {
            Path profile = Files.createTempDirectory("sme-portal-browser-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows to target/screenshots/NAME.png, for a person to look at. */
    static Path screenshot(ChromeDriver browser, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png").toAbsolutePath();
            Files.createDirectories(target.getParent());
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
