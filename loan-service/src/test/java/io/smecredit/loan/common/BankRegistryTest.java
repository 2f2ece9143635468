package io.smecredit.loan.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BankRegistryTest {

    @Test
    void banksAreKnownByTheirClientIdWithAnOptionalName() {
        BankRegistry banks = new BankRegistry(List.of("bank-a=Demo Bank A", " bank-b ", ""));
        assertThat(banks.byClientId("bank-a")).map(Bank::displayName).contains("Demo Bank A");
        assertThat(banks.byClientId("bank-b")).map(Bank::displayName).contains("bank-b");
        assertThat(banks.byClientId("bank-c")).isEmpty();
    }

    @Test
    void theProductionOverlaysPlaceholderStopsTheServiceInsteadOfServingABankNamedReplaceMe() {
        assertThatThrownBy(() -> new BankRegistry(List.of("REPLACE-ME-bank-client-id=REPLACE ME with the bank's name")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LOAN_BANKS");
    }
}
