package io.smecredit.portal.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** Time comes from one injectable clock so that expiry rules can be tested at chosen instants. */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock utc() {
        return Clock.systemUTC();
    }
}
