package io.smecredit.common.http;

import org.junit.jupiter.api.Test;

import static io.smecredit.common.http.ControlCharacterGuard.UriFault.BROKEN_ESCAPE;
import static io.smecredit.common.http.ControlCharacterGuard.UriFault.CONTROL_CHARACTER;
import static io.smecredit.common.http.ControlCharacterGuard.UriFault.NONE;
import static io.smecredit.common.http.ControlCharacterGuard.faultOf;
import static org.assertj.core.api.Assertions.assertThat;

class ControlCharacterGuardTest {

    @Test
    void escapesThatDecodeToOrdinaryTextPass() {
        assertThat(faultOf("/api/v1/consents?purpose=working%20capital&limit=%35")).isEqualTo(NONE);
        assertThat(faultOf("/api/v1/smes/sme-001%2Fx/credit-report")).isEqualTo(NONE);
        assertThat(faultOf("/api/v1/consents?q=%EF%BC%95")).isEqualTo(NONE);
    }

    @Test
    void escapedControlCharactersAreFaults() {
        assertThat(faultOf("/api/v1/smes/sme-001%00/credit-report")).isEqualTo(CONTROL_CHARACTER);
        assertThat(faultOf("/api/v1/consents?status=valid%0A")).isEqualTo(CONTROL_CHARACTER);
        assertThat(faultOf("/api/v1/consents?status=%7F")).isEqualTo(CONTROL_CHARACTER);
    }

    @Test
    void brokenEscapesAreFaultsInThePathAndInTheQuery() {
        assertThat(faultOf("/api/v1/consents?limit=%ZZ")).isEqualTo(BROKEN_ESCAPE);
        assertThat(faultOf("/api/v1/consents?limit=%")).isEqualTo(BROKEN_ESCAPE);
        assertThat(faultOf("/api/v1/consents/%ZZ")).isEqualTo(BROKEN_ESCAPE);
        assertThat(faultOf("/api/v1/consents?limit=%E")).isEqualTo(BROKEN_ESCAPE);
    }
}
