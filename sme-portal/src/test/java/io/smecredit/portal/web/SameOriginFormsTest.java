package io.smecredit.portal.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginFormsTest {

    @Test
    void aFormFromThePortalsOwnHostAndPortIsSameOrigin() {
        assertThat(SameOriginForms.sameOrigin("http://127.0.0.1:8084", "127.0.0.1:8084")).isTrue();
        assertThat(SameOriginForms.sameOrigin("https://Portal.Example", "portal.example")).isTrue();
        assertThat(SameOriginForms.sameOrigin("https://portal.example", "portal.example:443")).isTrue();
    }

    @Test
    void anotherPortOfTheSameHostASiblingSubdomainOrAnOpaqueOriginIsNot() {
        // Cookies are shared across ports and can be set for a parent domain: these pages could plant a CSRF cookie.
        assertThat(SameOriginForms.sameOrigin("http://127.0.0.1:9998", "127.0.0.1:8084")).isFalse();
        assertThat(SameOriginForms.sameOrigin("https://evil.example", "portal.example")).isFalse();
        assertThat(SameOriginForms.sameOrigin("https://other.portal.example", "portal.example")).isFalse();
        assertThat(SameOriginForms.sameOrigin("null", "portal.example")).isFalse();
        assertThat(SameOriginForms.sameOrigin("http://127.0.0.1:8084", null)).isFalse();
    }
}
