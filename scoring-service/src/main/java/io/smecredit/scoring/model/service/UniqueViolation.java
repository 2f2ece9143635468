package io.smecredit.scoring.model.service;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's unique_violation however Hibernate Reactive wrapped it. */
final class UniqueViolation {

    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && SQL_STATE.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
