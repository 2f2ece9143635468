package io.smecredit.loan.audit.service;

import io.vertx.sqlclient.SqlConnectOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The group commit runs for nearly every bank read: it must stay prepared, not be parsed and planned each time. */
class AuditBatcherStatementTest {

    @Test
    void theGroupCommitFitsThePreparedStatementCache() {
        assertThat(AuditBatcher.APPEND.length())
                .isLessThanOrEqualTo(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT);
    }
}
