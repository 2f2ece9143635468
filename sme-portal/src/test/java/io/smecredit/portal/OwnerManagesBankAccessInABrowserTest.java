package io.smecredit.portal;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smecredit.testsupport.ManagementInterface;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SME owner uses the portal in a real browser (headless Chromium), signed in through Keycloak's own login form,
 * against the real packaged loan-service: every change the owner makes is checked where it matters, in what
 * loan-service tells the bank on its very next request.
 */
@QuarkusTest
@WithTestResource(LoanServiceProcess.class)
class OwnerManagesBankAccessInABrowserTest {

    private static final String OWNER = "owner-sme-004";
    private static final String PASSWORD = "demo-sme-004";
    private static final String SME = "sme-004";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowserOnceLoanServiceIsReady() {
        LoanServiceProcess.awaitReady();
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signingInSendsTheBrowserToKeycloakWithAnS256PkceChallenge() {
        Response response = given().redirects().follow(false).get(portal() + "/");

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location)
                .startsWith(KeycloakTokens.realmUrl() + "/protocol/openid-connect/auth?")
                .contains("response_type=code", "client_id=sme-portal", "code_challenge_method=S256",
                        "code_challenge=", "state=");
        // Pages are never stored by the browser: Back after signing out must not show an owner's data.
        assertThat(given().get(portal() + "/signed-out").then().statusCode(200).extract().header("Cache-Control"))
                .isEqualTo("no-store");
    }

    @Test
    void anOwnerApprovesABanksRequestThenRevokesItAndTheBankSeesEachChangeOnItsNextRequest() {
        String bankToken = KeycloakTokens.bank("bank-a");
        // Other suites share the demo SMEs: the bank's answer must depend on this consent alone.
        endEveryLiveConsentOfTheBankForTheSme(bankToken);
        assertThat(creditReportStatus(bankToken)).isEqualTo(403);
        String purpose = "Working-capital review " + UUID.randomUUID();
        String consentId = requestConsent(bankToken, purpose);
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "received");

        signIn();
        WebElement request = waitFor(By.id("pending-" + consentId));
        assertThat(request.getText()).contains("Demo Bank A", purpose, "Credit report", "Monitoring and early warnings");
        Browser.screenshot(browser, "1-pending-request");
        // The owner opens the portal in a second tab and approves there; then clicks Approve on the first tab's
        // page, which still shows the request. Its form must still be accepted (one CSRF token per session, not per
        // page), and the owner is told it is approved rather than that something went wrong.
        String firstTab = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(portal() + "/");
        waitFor(By.id("approve-" + consentId)).click();
        assertThat(waitFor(By.id("notice")).getText()).startsWith("Approved.");
        browser.close();
        browser.switchTo().window(firstTab);

        browser.findElement(By.id("approve-" + consentId)).click();
        assertThat(waitFor(By.id("notice")).getText()).startsWith("Approved.");
        assertThat(waitFor(By.id("active-" + consentId)).getText()).contains("Demo Bank A", purpose);
        // Shown once: a reload must not announce the approval again.
        assertThat(browser.getCurrentUrl()).doesNotContain("done=");
        assertThat(browser.findElements(By.id("pending-" + consentId))).isEmpty();
        Browser.screenshot(browser, "2-approved");
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "valid");
        assertThat(creditReportStatus(bankToken)).as("the consent gate opens for the bank").isNotEqualTo(403);

        // A form posted without the page's CSRF token, even with the owner's session cookie, changes nothing.
        given().cookies(portalCookies()).redirects().follow(false).header("Origin", portal())
                .contentType(ContentType.URLENC).formParam("ignored", "x")
                .post(portal() + "/consents/" + consentId + "/revoke")
                .then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("nothing was changed"));
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "valid");
        // Nor does one whose token pair was made up by a page that could set the cookie: such a page is of another
        // origin, or (not a browser) names none ...
        Map<String, String> plantedCookie = portalCookies();
        plantedCookie.put("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA");
        given().cookies(plantedCookie).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
                .post(portal() + "/consents/" + consentId + "/revoke")
                .then().statusCode(403)
                .body(org.hamcrest.Matchers.containsString("did not say which page it came from"));
        given().cookies(plantedCookie).redirects().follow(false).header("Origin", "http://127.0.0.1:9998")
                .contentType(ContentType.URLENC).formParam("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
                .post(portal() + "/consents/" + consentId + "/revoke")
                .then().statusCode(403);
        // ... nor one with the page's real token, posted from another origin (another port of the same host).
        String pageToken = browser.findElement(By.cssSelector("#active-" + consentId + " input[name=csrf-token]"))
                .getAttribute("value");
        given().cookies(portalCookies()).redirects().follow(false).header("Origin", "http://127.0.0.1:9998")
                .contentType(ContentType.URLENC).formParam("csrf-token", pageToken)
                .post(portal() + "/consents/" + consentId + "/revoke")
                .then().statusCode(403)
                .body(org.hamcrest.Matchers.containsString("sent from another website"));
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "valid");

        // Revoke asks first; cancelling changes nothing.
        browser.findElement(By.id("revoke-" + consentId)).click();
        org.openqa.selenium.Alert question = new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).startsWith("Revoke Demo Bank A's access for \"" + purpose + "\"?")
                .contains("From its next request the bank can no longer see your data");
        question.dismiss();
        assertThat(browser.findElement(By.id("revoke-" + consentId)).isEnabled()).isTrue();
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "valid");

        revoke(consentId);
        assertThat(waitFor(By.id("notice")).getText()).startsWith("Revoked. The bank can no longer see your data");
        assertThat(waitFor(By.cssSelector("#history-" + consentId + " .status")).getText()).isEqualTo("Revoked by you");
        assertThat(browser.findElements(By.id("active-" + consentId))).isEmpty();
        Browser.screenshot(browser, "3-revoked");
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "revokedBySme");
        assertThat(creditReportStatus(bankToken)).as("revocation takes effect on the next request").isEqualTo(403);
    }

    @Test
    void rejectAsksFirstBecauseTheAnswerIsFinalAndCancellingChangesNothing() {
        String bankToken = KeycloakTokens.bank("bank-a");
        String purpose = "Reject check " + UUID.randomUUID();
        String consentId = requestConsent(bankToken, purpose);

        signIn();
        waitFor(By.id("reject-" + consentId)).click();
        org.openqa.selenium.Alert question = new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).startsWith("Reject Demo Bank A's request for \"" + purpose + "\"?")
                .contains("you cannot take the answer back");
        question.dismiss();
        assertThat(browser.findElement(By.id("reject-" + consentId)).isEnabled()).isTrue();
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "received");

        browser.findElement(By.id("reject-" + consentId)).click();
        new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waitFor(By.id("notice")).getText()).startsWith("Rejected.");
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "rejected");
    }

    @Test
    void aPurposeWithAVeryLongUnbrokenWordStaysWithinThePageOnADesktopAndOnAPhone() {
        String bankToken = KeycloakTokens.bank("bank-a");
        // The bank writes the purpose: a 150-character URL once widened the consents table to 1,880 px. (Headless
        // Chromium's window is at least 500 px wide; the phone layout applies below 640 px.)
        String purpose = "https://bank-a.example/credit/reviews/" + "x".repeat(100) + UUID.randomUUID().toString()
                .substring(0, 12);
        String consentId = requestConsent(bankToken, purpose);

        signIn();
        WebElement request = waitFor(By.id("pending-" + consentId));
        assertFitsTheWindow(request);
        waitFor(By.id("approve-" + consentId)).click();
        waitFor(By.id("active-" + consentId));
        Browser.screenshot(browser, "8-long-purpose");
        assertFitsTheWindow(browser.findElement(By.id("revoke-" + consentId)));

        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(375, 812));
            browser.navigate().refresh();
            Browser.screenshot(browser, "8-long-purpose-phone");
            assertFitsTheWindow(waitFor(By.id("revoke-" + consentId)));
        } finally {
            browser.manage().window().setSize(desktop);
        }
        endByBank(bankToken, consentId);
    }

    /** Neither the page nor the element reaches past the window's right edge: nothing to scroll sideways for. */
    private static void assertFitsTheWindow(WebElement element) {
        JavascriptExecutor js = browser;
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        long pageWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        double right = ((Number) js.executeScript("return arguments[0].getBoundingClientRect().right", element))
                .doubleValue();
        assertThat(pageWidth).as("page width in a %d px window", viewport).isLessThanOrEqualTo(viewport);
        assertThat(right).as("right edge of %s", element.getAttribute("id")).isLessThanOrEqualTo(viewport);
    }

    @Test
    void aRequestTheBankWithdrewMeanwhileCannotBeApprovedAndTheOwnerIsToldWhyInWords() {
        String bankToken = KeycloakTokens.bank("bank-a");
        String purpose = "Receivables line " + UUID.randomUUID();
        String consentId = requestConsent(bankToken, purpose);

        signIn();
        waitFor(By.id("pending-" + consentId));
        endByBank(bankToken, consentId);

        browser.findElement(By.id("approve-" + consentId)).click();
        String error = waitFor(By.id("error")).getText();
        Browser.screenshot(browser, "4-withdrawn-request");
        // In words, without loan-service's ids and wire statuses.
        assertThat(error).contains("The bank withdrew this request").doesNotContain(consentId)
                .doesNotContainIgnoringCase("exception").doesNotContain("at io.");
        assertThat(browser.findElements(By.id("notice"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#history-" + consentId + " .status")).getText())
                .isEqualTo("Withdrawn by the bank");
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "terminatedByBank");
    }

    @Test
    void revokingOneOfTwoConsentsOfABankSaysTheBankStillHasAccessUntilTheLastOneIsRevoked() {
        String bankToken = KeycloakTokens.bank("bank-a");
        endEveryLiveConsentOfTheBankForTheSme(bankToken);
        String first = requestConsent(bankToken, "First line " + UUID.randomUUID());
        String second = requestConsent(bankToken, "Second line " + UUID.randomUUID());

        signIn();
        for (String consentId : List.of(first, second)) {
            waitFor(By.id("approve-" + consentId)).click();
            waitFor(By.id("active-" + consentId));
        }
        // Two buttons for the same bank: a screen reader must tell them apart.
        String firstLabel = browser.findElement(By.id("revoke-" + first)).getAttribute("aria-label");
        assertThat(firstLabel).startsWith("Revoke Demo Bank A's access for First line ")
                .isNotEqualTo(browser.findElement(By.id("revoke-" + second)).getAttribute("aria-label"));

        revoke(first);
        assertThat(waitFor(By.id("notice")).getText()).contains("still has access through another consent");
        assertThat(creditReportStatus(bankToken)).as("the other consent still opens the gate").isNotEqualTo(403);

        revoke(second);
        assertThat(waitFor(By.id("notice")).getText()).startsWith("Revoked. The bank can no longer see your data");
        assertThat(creditReportStatus(bankToken)).isEqualTo(403);
    }

    @Test
    void aFormThatComesBackAsAGetAfterASilentSignInChangesNothingAndSaysSo() {
        String bankToken = KeycloakTokens.bank("bank-a");
        String consentId = requestConsent(bankToken, "Idle owner " + UUID.randomUUID());

        signIn();
        // What the browser asks for after Keycloak signed an owner with an expired session back in.
        browser.get(portal() + "/consents/" + consentId + "/approve");
        assertThat(waitFor(By.id("notice")).getText()).containsIgnoringCase("nothing was changed").contains("click once more");
        assertThat(bankSees(bankToken, consentId)).containsEntry("status", "received");
        // The session outlives the 5-minute access token by Keycloak's 30-minute idle time, so that happens rarely.
        assertThat(browser.manage().getCookieNamed("q_session").getExpiry())
                .isAfter(java.util.Date.from(Instant.now().plus(30, ChronoUnit.MINUTES)));
        endByBank(bankToken, consentId);
    }

    @Test
    void anOwnerGrantsABankAccessDirectlyAndTheBankCanUseItAtOnce() {
        String bankToken = KeycloakTokens.bank("bank-b");
        String purpose = "Equipment financing " + UUID.randomUUID();
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).plusDays(30);

        signIn();
        new Select(waitFor(By.id("bankId"))).selectByValue("bank-b");
        browser.findElement(By.id("purpose")).sendKeys(purpose);
        WebElement monitoring = browser.findElement(By.id("scope-monitoring"));
        if (!monitoring.isSelected()) {
            monitoring.click();
        }
        // Typing into a date input depends on the browser's locale; setting its value does not.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id("expiresOn")), lastDay.toString());
        browser.findElement(By.id("grant-submit")).click();

        assertThat(waitFor(By.id("notice")).getText()).startsWith("Access granted.");
        WebElement row = waitFor(By.xpath("//section[@id='active']//tr[td[@class='purpose' and text()='" + purpose + "']]"));
        assertThat(row.getText()).contains("Demo Bank B", "Credit report", "Monitoring and early warnings");
        String consentId = row.getAttribute("data-consent-id");

        Map<String, Object> granted = bankSees(bankToken, consentId);
        assertThat(granted).containsEntry("status", "valid").containsEntry("smeId", SME).containsEntry("purpose", purpose);
        assertThat((List<String>) granted.get("scopes")).containsExactlyInAnyOrder("credit-report", "monitoring");
        assertThat(Instant.parse((String) granted.get("expiresAt")))
                .isEqualTo(lastDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        endByBank(bankToken, consentId);
    }

    @Test
    void anIncompleteGrantComesBackWithWhatToCorrectAndGrantsNothing() {
        String bankToken = KeycloakTokens.bank("bank-a");
        int consentsBefore = bankConsents(bankToken).size();

        signIn();
        new Select(waitFor(By.id("bankId"))).selectByValue("bank-a");
        // Past the browser's own checks (required, max), as a hand-made request would be.
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('expiresOn').value = arguments[0];"
                        + "document.getElementById('grant-form').submit();",
                LocalDate.now(ZoneOffset.UTC).plusDays(400).toString());

        String problems = waitFor(By.id("grant-problems")).getText();
        assertThat(problems).contains("Say what the bank may use your data for.", "Access can last at most one year");
        // Said at the top too, and the owner is taken to the problems: they are far below the first screen.
        assertThat(browser.findElement(By.id("error")).getText()).startsWith("No access was given.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("grant-problems");
        assertThat(new Select(browser.findElement(By.id("bankId"))).getFirstSelectedOption().getAttribute("value"))
                .as("the owner's choices are kept").isEqualTo("bank-a");
        assertThat(bankConsents(bankToken)).hasSize(consentsBefore);
    }

    @Test
    void aPurposeFarBeyondTheLimitIsJudgedByTheFormRulesAndAnOversizedFormIsRefusedWithoutAServerError() {
        String bankToken = KeycloakTokens.bank("bank-a");
        int consentsBefore = bankConsents(bankToken).size();

        signIn();
        new Select(waitFor(By.id("bankId"))).selectByValue("bank-a");
        browser.findElement(By.id("scope-credit-report")).click();
        // 1,000 emoji: 4,000 bytes, 12,000 once form-encoded, beyond the server's default 2,048 per form field
        // (which answered a bare "Request not accepted", and a 500 for a longer one). It must reach the form's own
        // rules, which say what to correct.
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('purpose').value = '\uD83D\uDE00'.repeat(1000);"
                        + "document.getElementById('expiresOn').value = arguments[0];"
                        + "document.getElementById('grant-form').submit();",
                LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        assertThat(waitFor(By.id("grant-problems")).getText()).contains("at most 200 characters");

        // A form no page of the portal can produce (beyond the portal's 64 KB body limit) is refused as too large.
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const form = new URLSearchParams();"
                        + "form.set('csrf-token', document.querySelector('input[name=\"csrf-token\"]').value);"
                        + "form.set('bankId', 'bank-a'); form.set('scope', 'credit-report');"
                        + "form.set('expiresOn', arguments[0]); form.set('purpose', 'x'.repeat(70000));"
                        + "fetch('/consents', {method: 'POST', body: form, redirect: 'manual'})"
                        + ".then(r => done(r.status), e => done(String(e)));",
                LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        assertThat(status).isEqualTo(413L);
        assertThat(bankConsents(bankToken)).hasSize(consentsBefore);
    }

    @Test
    void theAccessLogShowsWhichBankDidWhatWithTheOwnersData() {
        String bankToken = KeycloakTokens.bank("bank-a");
        for (int i = 0; i < 3; i++) {
            creditReportStatus(bankToken); // read or refused: three records of the same thing in a row
        }
        String consentId = requestConsent(bankToken, "Access log check " + UUID.randomUUID());

        signIn();
        browser.findElement(By.id("nav-access-log")).click();
        WebElement log = waitFor(By.id("access-log"));
        Browser.screenshot(browser, "5-access-log");
        List<String> rows = log.findElements(By.cssSelector("tr.by-bank")).stream().map(WebElement::getText).toList();
        assertThat(rows.get(0)).contains("Demo Bank A", "Asked for access to your data");
        // The three reads (or refusals) before it are one row that says how many.
        assertThat(rows.get(1)).contains("Demo Bank A").containsPattern("\\(([3-9]|\\d{2,})( or more)? times");
        endByBank(bankToken, consentId);
    }

    @Test
    void aBanksRunOfReadsIsCountedAcrossLoanServicePagesAndAnOverlongOneClaimsNoExactCount() {
        // Pages of 5 records in tests, followed into at most 5 further pages: a run of 12 spans three pages.
        String bankToken = KeycloakTokens.bank("bank-b");
        String before = requestConsent(bankToken, "Run check " + UUID.randomUUID());
        for (int i = 0; i < 12; i++) {
            creditReportStatus(bankToken);
        }
        String after = requestConsent(bankToken, "Run check " + UUID.randomUUID());

        signIn();
        browser.findElement(By.id("nav-access-log")).click();
        List<WebElement> rows = waitFor(By.id("access-log")).findElements(By.cssSelector("tbody tr"));
        assertThat(rows.get(0).getText()).contains("Demo Bank B", "Asked for access to your data");
        assertThat(rows.get(1).getText()).contains("Demo Bank B", "(12 times)").doesNotContain("or more");
        assertThat(rows).as("the page ends with the run; the request before it is on the next").hasSize(2);
        browser.findElement(By.id("older-entries")).click();
        waitFor(By.id("newest-entries"));
        assertThat(browser.findElement(By.cssSelector("#access-log tbody tr")).getText())
                .contains("Demo Bank B", "Asked for access to your data");

        // 40 in a row: more than the 30 records one page of the log reads.
        for (int i = 0; i < 40; i++) {
            creditReportStatus(bankToken);
        }
        browser.findElement(By.id("newest-entries")).click();
        WebElement newest = waitFor(By.cssSelector("#access-log tbody tr"));
        Browser.screenshot(browser, "7-long-run-access-log");
        assertThat(newest.getText()).contains("Demo Bank B", "(30 or more times: it may go on in older entries)");
        endByBank(bankToken, before);
        endByBank(bankToken, after);
    }

    @Test
    void theOwnerPagesBackToOlderAccessLogEntriesAndReturnsToTheNewest() {
        String bankToken = KeycloakTokens.bank("bank-a");
        // More records than one page holds (5 in tests): each request and its end are one record each.
        for (int i = 0; i < 3; i++) {
            endByBank(bankToken, requestConsent(bankToken, "Paging check " + UUID.randomUUID()));
        }

        signIn();
        browser.findElement(By.id("nav-access-log")).click();
        waitFor(By.id("access-log"));
        assertThat(browser.findElements(By.cssSelector("#access-log tbody tr"))).hasSize(5);
        assertThat(browser.findElements(By.id("newest-entries"))).as("already the newest page").isEmpty();

        browser.findElement(By.id("older-entries")).click();
        waitFor(By.id("newest-entries"));
        Browser.screenshot(browser, "6-older-access-log");
        assertThat(browser.getCurrentUrl()).matches(".*/access-log\\?before=\\d+");
        assertThat(browser.findElements(By.cssSelector("#access-log tbody tr"))).isNotEmpty().hasSizeLessThanOrEqualTo(5);

        browser.findElement(By.id("newest-entries")).click();
        waitFor(By.id("older-entries"));
        assertThat(browser.getCurrentUrl()).endsWith("/access-log");

        // A link that is not one the page made (edited, cut off) shows the newest entries, not a technical refusal.
        browser.get(portal() + "/access-log?before=yesterday");
        waitFor(By.id("older-entries"));
        assertThat(browser.getCurrentUrl()).endsWith("/access-log");
        assertThat(browser.findElements(By.id("error"))).isEmpty();
    }

    @Test
    void signingOutEndsTheSessionSoTheNextVisitAsksForTheLoginAgain() {
        signIn();
        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).startsWith(portal() + "/signed-out");

        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("kc-login"));
        assertThat(browser.getCurrentUrl()).startsWith(KeycloakTokens.realmUrl());
    }

    @Test
    void someoneWhoIsNotAnSmeOwnerIsToldSoAndSeesNoConsents() {
        String username = "it-not-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = KeycloakTokens.createUserWithoutSmeRole(username, "not-an-owner-pw");
        ChromeDriver otherBrowser = Browser.start();
        try {
            otherBrowser.get(portal() + "/");
            new WebDriverWait(otherBrowser, PAGE_WAIT).until(ExpectedConditions.elementToBeClickable(By.id("kc-login")));
            otherBrowser.findElement(By.id("username")).sendKeys(username);
            otherBrowser.findElement(By.id("password")).sendKeys("not-an-owner-pw");
            otherBrowser.findElement(By.id("kc-login")).click();

            String error = new WebDriverWait(otherBrowser, PAGE_WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText();
            Browser.screenshot(otherBrowser, "6-not-an-owner");
            assertThat(error).contains("not linked to an SME");
            assertThat(otherBrowser.findElements(By.id("pending"))).isEmpty();
            assertThat(otherBrowser.findElements(By.id("grant-form"))).isEmpty();
        } finally {
            otherBrowser.quit();
            KeycloakTokens.deleteUser(userId);
        }
    }

    @Test
    void pagesLoadNothingFromElsewhereAndCannotBeFramed() {
        given().get(portal() + "/signed-out").then().statusCode(200)
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void readinessReflectsKeycloakAndLoanService() {
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'identity-provider' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'loan-service' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private static String portal() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://127.0.0.1:" + port;
    }

    private static String loan() {
        return LoanServiceProcess.baseUrl();
    }

    /** Opens the portal; signs in through Keycloak's login form if the browser has no session yet. */
    private static void signIn() {
        browser.get(portal() + "/");
        new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("kc-login")),
                ExpectedConditions.presenceOfElementLocated(By.id("pending"))));
        if (!browser.findElements(By.id("kc-login")).isEmpty()) {
            browser.findElement(By.id("username")).sendKeys(OWNER);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("kc-login")).click();
        }
        waitFor(By.id("pending"));
        assertThat(browser.getCurrentUrl()).startsWith(portal());
        assertThat(browser.findElement(By.id("sme-id")).getText()).isEqualTo(SME);
    }

    /** Clicks Revoke and answers yes to the question it asks. */
    private static void revoke(String consentId) {
        waitFor(By.id("revoke-" + consentId)).click();
        new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.alertIsPresent()).accept();
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static Map<String, String> portalCookies() {
        Map<String, String> cookies = new HashMap<>();
        for (Cookie cookie : browser.manage().getCookies()) {
            cookies.put(cookie.getName(), cookie.getValue());
        }
        return cookies;
    }

    private static String requestConsent(String bankToken, String purpose) {
        return given().auth().oauth2(bankToken).contentType(ContentType.JSON)
                .body(Map.of("smeId", SME, "scopes", List.of("credit-report", "monitoring"), "purpose", purpose,
                        "expiresAt", Instant.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .post(loan() + "/api/v1/consent-requests")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** The bank withdraws its request or ends its access; also keeps the shared test SME's page short. */
    private static void endByBank(String bankToken, String consentId) {
        given().auth().oauth2(bankToken).delete(loan() + "/api/v1/consents/" + consentId).then().statusCode(200);
    }

    private static void endEveryLiveConsentOfTheBankForTheSme(String bankToken) {
        bankConsents(bankToken).stream()
                .filter(consent -> SME.equals(consent.get("smeId")))
                .filter(consent -> List.of("received", "valid").contains(consent.get("status")))
                .forEach(consent -> endByBank(bankToken, (String) consent.get("id")));
    }

    /** The bank's consents for the owner's SME (one page of up to 200: the test creates a handful). */
    private static List<Map<String, Object>> bankConsents(String bankToken) {
        return given().auth().oauth2(bankToken).queryParam("smeId", SME)
                .get(loan() + "/api/v1/consents")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** The consent as the bank sees it through its own API. */
    private static Map<String, Object> bankSees(String bankToken, String consentId) {
        return bankConsents(bankToken).stream().filter(consent -> consentId.equals(consent.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("the bank does not see consent " + consentId));
    }

    private static int creditReportStatus(String bankToken) {
        return given().auth().oauth2(bankToken).get(loan() + "/api/v1/smes/" + SME + "/credit-report").statusCode();
    }
}
