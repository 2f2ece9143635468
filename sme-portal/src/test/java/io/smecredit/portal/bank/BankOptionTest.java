package io.smecredit.portal.bank;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BankOptionTest {

    @Test
    void entriesNameABankByIdWithAnOptionalDisplayName() {
        assertThat(BankOption.parse(List.of("bank-a=Demo Bank A", " bank-b ", "", "bank-c=", "=nameless")))
                .containsExactly(
                        new BankOption("bank-a", "Demo Bank A"),
                        new BankOption("bank-b", "bank-b"),
                        new BankOption("bank-c", "bank-c"));
    }

    @Test
    void theProductionOverlaysPlaceholderIsRefusedNotOfferedToOwners() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BankOption.parse(
                        List.of("REPLACE-ME-bank-client-id=REPLACE ME with the bank's name")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PORTAL_BANKS");
    }

    @Test
    void theDirectoryPrefersLoanServicesNameThenTheConfiguredOneThenTheId() {
        BankDirectory banks = new BankDirectory(Arrays.asList("bank-a=Demo Bank A", "bank-b"));

        assertThat(banks.ids()).containsExactlyInAnyOrder("bank-a", "bank-b");
        assertThat(banks.displayName("bank-a", "Bank A plc")).isEqualTo("Bank A plc");
        assertThat(banks.displayName("bank-a", null)).isEqualTo("Demo Bank A");
        assertThat(banks.displayName("bank-x", " ")).isEqualTo("bank-x");
    }
}
