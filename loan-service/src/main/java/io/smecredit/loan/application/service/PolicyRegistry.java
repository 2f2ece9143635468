package io.smecredit.loan.application.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.application.domain.CreditPolicy;
import io.smecredit.loan.application.repository.CreditPolicyRepository;
import io.smecredit.loan.application.repository.CreditPolicyRepository.Registration;
import io.smecredit.loan.application.repository.CreditPolicyRepository.StoredPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a policy version's rules fixed for good. At startup the policy in force is registered under its version; if
 * that version was put in force before with other rules, the service refuses to start: decisions name the version
 * they applied, and two decisions under one version must have followed the same rules.
 */
@ApplicationScoped
public class PolicyRegistry {

    private static final Logger LOG = Logger.getLogger(PolicyRegistry.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final CreditPolicyRepository policies;
    private final PolicyProvider inForce;
    private final Clock clock;

    public PolicyRegistry(CreditPolicyRepository policies, PolicyProvider inForce, Clock clock) {
        this.policies = policies;
        this.inForce = inForce;
        this.clock = clock;
    }

    void registerPolicyInForce(@Observes StartupEvent event) {
        CreditPolicy policy = register(inForce.current()).await().atMost(STARTUP_TIMEOUT);
        LOG.infof("Credit policy %s in force", policy.version());
    }

    /** Registers the policy's version, or fails when that version is already registered with other rules. */
    public Uni<CreditPolicy> register(CreditPolicy policy) {
        return policies.register(policy, clock.instant()).map(registration -> {
            if (!registration.sameRules()) {
                throw new IllegalStateException(conflict(policy, registration));
            }
            return policy;
        });
    }

    public Uni<Optional<StoredPolicy>> byVersion(String version) {
        return policies.byVersion(version);
    }

    public Uni<List<StoredPolicy>> all() {
        return policies.all();
    }

    public CreditPolicy current() {
        return inForce.current();
    }

    private static String conflict(CreditPolicy policy, Registration registration) {
        return "Credit policy version '" + policy.version() + "' has been in force since "
                + registration.firstInForce() + " with other rules than this policy file's. Decisions name the "
                + "version they applied, so changed rules need a new version: change \"version\" in the file "
                + "(GET /api/v1/policies/" + policy.version() + " shows the rules registered under it).";
    }
}
