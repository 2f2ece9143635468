package io.smecredit.portal.web;

import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableErrorsTest {

    @Test
    void aProblemDetailFromLoanServiceIsShownWithItsFieldErrors() {
        LoanServiceFailure failure = ReadableErrors.fromProblem(400, """
                {"type":"https://sme-credit.dev/problems/validation","title":"Invalid request","status":400,
                 "detail":"The consent grant is not valid.",
                 "errors":[{"field":"expiresAt","reason":"must be at most one year ahead"}]}""");

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.message())
                .isEqualTo("The consent grant is not valid. (expiresAt: must be at most one year ahead)");
    }

    @Test
    void aFieldErrorTheDetailAlreadySaysIsNotRepeated() {
        assertThat(ReadableErrors.fromProblem(400, """
                {"status":400,"detail":"purpose must not contain control characters",
                 "errors":[{"field":"purpose","reason":"must not contain control characters"}]}""").message())
                .isEqualTo("purpose must not contain control characters");
    }

    @Test
    void aProblemWithoutDetailFallsBackToItsTitle() {
        assertThat(ReadableErrors.fromProblem(409, "{\"title\":\"Conflict\",\"status\":409}").message())
                .isEqualTo("Conflict");
    }

    @Test
    void anythingThatIsNotAProblemGetsAFixedSentenceForItsStatus() {
        assertThat(ReadableErrors.fromProblem(404, "<html>not found</html>").message())
                .isEqualTo("This consent no longer exists.");
        assertThat(ReadableErrors.fromProblem(409, null).message())
                .isEqualTo("This consent has changed in the meantime. Reload the page to see its current state.");
        assertThat(ReadableErrors.fromProblem(429, "[1,2]").message()).startsWith("Too many requests");
    }

    @Test
    void serverFailuresNeverShowWhatLoanServiceSaid() {
        LoanServiceFailure failure = ReadableErrors.fromProblem(500,
                "{\"detail\":\"java.lang.NullPointerException at io.smecredit.loan...\"}");

        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.message()).doesNotContain("NullPointerException").contains("nothing was changed");
    }

    @Test
    void anExpiredSessionAsksTheOwnerToSignInAgain() {
        LoanServiceFailure failure = ReadableErrors.fromProblem(401, "{\"detail\":\"Bearer token expired\"}");

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.message()).contains("sign in again");
    }

    @Test
    void anUnreachableLoanServiceIsSaidPlainly() {
        LoanServiceFailure failure = ReadableErrors.describe(
                new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:8083")));

        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.message()).contains("cannot be reached").doesNotContain("127.0.0.1");
    }

    @Test
    void wireStatusNamesReadAsWords() {
        assertThat(ReadableErrors.fromProblem(409,
                "{\"detail\":\"Consent 6e73 is terminatedByBank and cannot be approved.\"}").message())
                .isEqualTo("Consent 6e73 is ended by the bank and cannot be approved.");
    }

    @Test
    void veryLongDetailsAreCut() {
        String message = ReadableErrors.problemText("{\"detail\":\"" + "a".repeat(2000) + "\"}");

        assertThat(message).hasSize(501).endsWith("…");
    }
}
