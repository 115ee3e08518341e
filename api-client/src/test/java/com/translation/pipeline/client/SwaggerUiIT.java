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
 * Swagger UI as a new user meets it, in headless Chromium: open a service's {@code /docs},
 * "Authorize" with a key, "Try it out" and "Execute": query-api's list of sessions answers 200, and
 * ingest-api takes the example session Swagger UI builds from the contract's schema (202). Without
 * the browser it needs, Debian's {@code chromium} and {@code chromium-driver} packages (which
 * {@code .ci/run} installs), it is skipped with that reason. Its screenshot is written to {@code
 * target/swagger-ui*.png} (the one in docs/images was taken so).
 */
class SwaggerUiIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

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
    void queryApiAuthorizeThenTryItOutListsSessions() throws IOException {
        tryItOut(
                RunningPipeline.get().query().baseUrl(),
                PipelineProcesses.READ_KEY,
                "#operations-sessions-listSessions",
                "200",
                "swagger-ui.png");
    }

    /** The example body Swagger UI builds from the contract's Session schema is a valid item. */
    @Test
    void ingestApiAuthorizeThenTryItOutPublishesTheExampleSession() throws IOException {
        tryItOut(
                RunningPipeline.get().ingest().baseUrl(),
                PipelineProcesses.WRITE_KEY,
                "#operations-sessions-publishSessions",
                "202",
                "swagger-ui-ingest.png");
    }

    private void tryItOut(
            String baseUrl, String apiKey, String operation, String expected, String screenshot)
            throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(baseUrl + "/docs");
        click(wait, "button.authorize");
        WebElement key =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(".modal-ux input[type=text]")));
        key.sendKeys(apiKey);
        click(wait, ".modal-ux button.modal-btn.auth.authorize");
        click(wait, ".modal-ux button.btn-done");

        click(wait, operation + " .opblock-summary-control");
        click(wait, operation + " button.try-out__btn");
        click(wait, operation + " button.execute");
        WebElement status =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(
                                        operation
                                                + " .live-responses-table .response"
                                                + " .response-col_status")));
        String curl = browser.findElement(By.cssSelector(operation + " .curl-command")).getText();
        String answer =
                browser.findElement(By.cssSelector(operation + " .live-responses-table")).getText();

        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", status);
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", screenshot),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(status.getText())
                .as("the status Swagger UI shows: " + answer)
                .isEqualTo(expected);
        assertThat(curl).as("the call Swagger UI made").contains("X-API-Key: " + apiKey);
    }

    private void click(WebDriverWait wait, String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }
}
