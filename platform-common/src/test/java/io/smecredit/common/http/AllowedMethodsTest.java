package io.smecredit.common.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedMethodsTest {

    @Test
    void aParameterIsOneSegmentAndTheClassAndMethodPathsJoin() {
        var consent = AllowedMethods.pattern("/api/v1/" + "/" + "consents/{id}");

        assertThat(consent.matcher("/api/v1/consents/4865a3e4-0000-0000-0000-000000000000").matches()).isTrue();
        assertThat(consent.matcher("/api/v1/consents/a/b").matches()).isFalse();
        assertThat(consent.matcher("/api/v1/consents/").matches()).isFalse();
        assertThat(AllowedMethods.pattern("/api/v1/me/consents/").matcher("/api/v1/me/consents").matches()).isTrue();
    }

    @Test
    void aParameterWithItsOwnRegexUsesIt() {
        var months = AllowedMethods.pattern("/reports/{month: \\d\\d\\d\\d-\\d\\d}");

        assertThat(months.matcher("/reports/2026-12").matches()).isTrue();
        assertThat(months.matcher("/reports/december").matches()).isFalse();
    }

    @Test
    void literalPartsAreNotRegularExpressions() {
        assertThat(AllowedMethods.pattern("/q.x/{id}").matcher("/qax/1").matches()).isFalse();
    }
}
