package com.translation.pipeline.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI as a new user meets it, in headless Chromium: open query-api's {@code /docs},
 * "Authorize" with a read key, "Try it out" on the list of sessions and "Execute": the answer shown
 * is 200. Without the browser it needs, Debian's {@code chromium} and {@code chromium-driver}
 * packages (which {@code .ci/run} installs), it is skipped with that reason. Its screenshot is
 * written to {@code target/swagger-ui.png} (the one in docs/images was taken so).
 */
class SwaggerUiIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String OPERATION = "#operations-sessions-listSessions";

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        assumeTrue(
                CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "no headless browser: apt-get install chromium chromium-driver");
        ChromeOptions options =
                new ChromeOptions()
                        .setBinary(CHROMIUM)
                        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        ChromeDriverService driver =
                new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        browser = new ChromeDriver(driver, options);
        browser.manage().window().setSize(new Dimension(1280, 1400));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void authorizeThenTryItOutGetsA200() throws IOException {
        PipelineProcesses pipeline = RunningPipeline.get();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(pipeline.query().baseUrl() + "/docs");
        click(wait, "button.authorize");
        WebElement key =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(".modal-ux input[type=text]")));
        key.sendKeys(PipelineProcesses.READ_KEY);
        click(wait, ".modal-ux button.modal-btn.auth.authorize");
        click(wait, ".modal-ux button.btn-done");

        click(wait, OPERATION + " .opblock-summary-control");
        click(wait, OPERATION + " button.try-out__btn");
        click(wait, OPERATION + " button.execute");
        WebElement status =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(
                                        OPERATION
                                                + " .live-responses-table .response"
                                                + " .response-col_status")));
        String curl = browser.findElement(By.cssSelector(OPERATION + " .curl-command")).getText();

        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", status);
        Path screenshot = Path.of("target/swagger-ui.png");
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(status.getText()).as("the status Swagger UI shows").isEqualTo("200");
        assertThat(curl)
                .as("the call Swagger UI made")
                .contains("X-API-Key: " + PipelineProcesses.READ_KEY);
    }

    private void click(WebDriverWait wait, String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }
}
