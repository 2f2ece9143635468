package io.smecredit.loan.report.service;

import io.vertx.sqlclient.SqlConnectOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report query is the service's hottest statement. Above the client's prepared-statement cache limit it is parsed
 * and planned on every request, which tripled its database time without any test noticing; this one does.
 */
class CreditReportQueryTest {

    @Test
    void theReportQueryFitsThePreparedStatementCache() {
        assertThat(CreditReportService.REPORTS.length())
                .isLessThanOrEqualTo(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT);
    }
}
