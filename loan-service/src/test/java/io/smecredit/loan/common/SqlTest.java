package io.smecredit.loan.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    @Test
    void compactingKeepsTheStatementsWordsAndLiterals() {
        assertThat(Sql.compact("""
                SELECT a,
                       count( b )
                FROM   t   WHERE x = '1 month' AND y LIKE '%,z,%'
                """)).isEqualTo("SELECT a,count(b ) FROM t WHERE x = '1 month' AND y LIKE '%,z,%'");
    }
}
