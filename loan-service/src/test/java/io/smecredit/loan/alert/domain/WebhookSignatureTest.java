package io.smecredit.loan.alert.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void matchesAnIndependentlyComputedHmacOverTimestampDotBody() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign("whsec_test", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("v1=" + OPENSSL_DIGEST);
    }

    @Test
    void aChangedBodyTimestampOrSecretDoesNotVerify() {
        String signature = WebhookSignature.sign("s3cret", 1_700_000_000L, "{\"a\":1}");
        assertThat(WebhookSignature.verify("s3cret", 1_700_000_000L, "{\"a\":1}", signature)).isTrue();
        assertThat(WebhookSignature.verify("s3cret", 1_700_000_000L, "{\"a\":2}", signature)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", 1_700_000_001L, "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSignature.verify("other", 1_700_000_000L, "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", 1_700_000_000L, "{\"a\":1}", null)).isFalse();
    }

    private static final String OPENSSL_DIGEST = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789";
}
