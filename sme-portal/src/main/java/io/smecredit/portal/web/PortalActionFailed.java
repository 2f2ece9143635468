package io.smecredit.portal.web;

/** A use case that loan-service refused or could not serve; carries the message for the owner. */
public class PortalActionFailed extends RuntimeException {

    private final transient LoanServiceFailure failure;

    public PortalActionFailed(LoanServiceFailure failure, Throwable cause) {
        super(failure.message(), cause);
        this.failure = failure;
    }

    public LoanServiceFailure failure() {
        return failure;
    }
}
