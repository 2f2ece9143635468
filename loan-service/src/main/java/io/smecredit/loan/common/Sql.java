package io.smecredit.loan.common;

/** SQL text as sent on the hot paths. */
public final class Sql {

    private Sql() {
    }

    /**
     * Whitespace runs become one space, and the space after a comma or an opening parenthesis goes: the client keeps a
     * statement prepared (parsed and planned once per connection) only if its text is at most 2,048 characters
     * (Vert.x' prepared-statement cache limit, which Quarkus does not expose). Only for SQL whose literals hold no run
     * of whitespace and no comma or parenthesis followed by a space.
     */
    public static String compact(String sql) {
        return sql.strip().replaceAll("\\s+", " ").replace(", ", ",").replace("( ", "(");
    }
}
