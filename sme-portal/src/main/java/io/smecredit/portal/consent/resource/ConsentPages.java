package io.smecredit.portal.consent.resource;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smecredit.portal.bank.BankDirectory;
import io.smecredit.portal.consent.domain.ConsentBoard;
import io.smecredit.portal.consent.domain.ConsentStatus;
import io.smecredit.portal.consent.domain.GrantRules;
import io.smecredit.portal.consent.domain.Scope;
import io.smecredit.portal.consent.service.ConsentService;
import io.smecredit.portal.web.HtmlResponses;
import io.smecredit.portal.web.PortalActionFailed;
import io.smecredit.portal.web.SignedInOwner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The owner's consent page: requests waiting for an answer, access banks have now, direct grants, history.
 * Every change is a form POST protected by a CSRF token, answered with a redirect to the page (post/redirect/get)
 * or, if loan-service refused it, with the page and loan-service's reason.
 */
@Path("/")
@RolesAllowed("sme")
@Produces(MediaType.TEXT_HTML)
public class ConsentPages {

    private static final String NO_SUCH_CONSENT = "This consent does not exist.";
    private static final String ALREADY_CHANGED = "This request or consent was already answered, revoked or ended "
            + "(perhaps in another window). The page below shows where it stands now.";

    /** At the top of the page: the form's own problems are further down, where an owner may not look. */
    private static final String GRANT_REFUSED = "No access was given. What to correct is shown under \"Give a bank "
            + "access\" below.";

    /** Consent ids travel in URLs to loan-service; anything but a plain identifier is refused before that. */
    private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(BoardPage page);
    }

    private final ConsentService consents;
    private final BankDirectory banks;
    private final SignedInOwner owner;
    private final Clock clock;

    public ConsentPages(ConsentService consents, BankDirectory banks, SignedInOwner owner, Clock clock) {
        this.consents = consents;
        this.banks = banks;
        this.owner = owner;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> board(@RestQuery String done) {
        String notice = Notice.fromKey(done).map(Notice::text).orElse(null);
        return render(200, notice, null, emptyForm(), List.of());
    }

    @POST
    @Path("consents/{id}/approve")
    @Operation(hidden = true)
    public Uni<Response> approve(@RestPath String id) {
        return change(id, () -> consents.approve(id).replaceWith(Notice.APPROVED), ConsentStatus.VALID,
                Notice.APPROVED);
    }

    @POST
    @Path("consents/{id}/reject")
    @Operation(hidden = true)
    public Uni<Response> reject(@RestPath String id) {
        return change(id, () -> consents.reject(id).replaceWith(Notice.REJECTED), ConsentStatus.REJECTED,
                Notice.REJECTED);
    }

    @POST
    @Path("consents/{id}/revoke")
    @Operation(hidden = true)
    public Uni<Response> revoke(@RestPath String id) {
        return change(id, () -> consents.revoke(id).map(otherAccess -> otherAccess
                .map(remains -> remains ? Notice.REVOKED_OTHER_ACCESS_REMAINS : Notice.REVOKED)
                .orElse(Notice.REVOKED_UNCHECKED)), ConsentStatus.REVOKED_BY_SME, Notice.REVOKED_UNCHECKED);
    }

    /**
     * A form's POST that arrives as a GET: the session had ended, and the browser came back from Keycloak's silent
     * sign-in with a GET to the form's address. Nothing was changed; say so on the page instead of a 405.
     */
    @GET
    @Path("consents{action: (/[^/]+/(approve|reject|revoke))?}")
    @Operation(hidden = true)
    public Response formLostToSignIn() {
        return redirectWith(Notice.SESSION_ENDED);
    }

    @POST
    @Path("consents")
    @Operation(hidden = true)
    public Uni<Response> grant(@RestForm String bankId, @RestForm String purpose, @RestForm List<String> scope,
                               @RestForm String expiresOn) {
        GrantForm form = new GrantForm(bankId, purpose, scope, expiresOn);
        GrantRules.Checked checked = GrantRules.check(bankId, purpose, scope, expiresOn, banks.ids(), today());
        if (checked.grant().isEmpty()) {
            return render(422, null, GRANT_REFUSED, form, checked.problems());
        }
        return consents.grant(checked.grant().get())
                .map(granted -> redirectWith(Notice.GRANTED))
                .onFailure(PortalActionFailed.class).recoverWithUni(failure -> {
                    PortalActionFailed refused = (PortalActionFailed) failure;
                    return render(refused.failure().status(), null, GRANT_REFUSED, form,
                            List.of(refused.failure().message()));
                });
    }

    /**
     * @param intended  the status the action leads to
     * @param alreadyDone the confirmation when the consent turns out to be there already: a double click on a slow
     *                  line, or the same click in another tab, answers 409 for the second POST although the owner's
     *                  wish was carried out, and a red "already answered" left them unsure whether it was
     */
    private Uni<Response> change(String consentId, Supplier<Uni<Notice>> action, ConsentStatus intended,
                                 Notice alreadyDone) {
        if (!CONSENT_ID.matcher(consentId).matches()) {
            return render(404, null, NO_SUCH_CONSENT, emptyForm(), List.of());
        }
        return action.get()
                .map(ConsentPages::redirectWith)
                .onFailure(PortalActionFailed.class).recoverWithUni(failure -> {
                    PortalActionFailed refused = (PortalActionFailed) failure;
                    int status = refused.failure().status();
                    if (status == 409) {
                        return conflict(consentId, intended, alreadyDone);
                    }
                    // loan-service's words for these name ids and wire statuses; the owner needs what it means.
                    String message = status == 404 ? NO_SUCH_CONSENT : refused.failure().message();
                    return render(status, null, message, emptyForm(), List.of());
                });
    }

    /** Where the consent stands now decides what the owner is told: done already, or why nothing changed. */
    private Uni<Response> conflict(String consentId, ConsentStatus intended, Notice alreadyDone) {
        Instant now = clock.instant();
        return consents.board()
                .flatMap(board -> {
                    Optional<ConsentStatus> current = board.find(consentId).map(c -> c.effectiveStatus(now));
                    if (current.isPresent() && current.get() == intended) {
                        return Uni.createFrom().item(redirectWith(alreadyDone));
                    }
                    String message = current.map(ConsentPages::whyNothingChanged).orElse(ALREADY_CHANGED);
                    // The board just read is the page's: no second call to loan-service for it.
                    return HtmlResponses.render(409, Templates.board(page(board, null, message, emptyForm(),
                            List.of())));
                })
                .onFailure(PortalActionFailed.class)
                .recoverWithUni(failure -> render(409, null, ALREADY_CHANGED, emptyForm(), List.of()));
    }

    private static String whyNothingChanged(ConsentStatus now) {
        return switch (now) {
            case EXPIRED -> "This request or consent had expired, so nothing was changed. The bank can no longer see "
                    + "your data through it; it can send you a new request.";
            case TERMINATED_BY_BANK -> "The bank withdrew this request or ended this consent itself, so nothing was "
                    + "changed.";
            case REJECTED -> "You had already rejected this request (perhaps in another window), so nothing was "
                    + "changed.";
            case VALID -> "You had already approved this request (perhaps in another window). If the bank should "
                    + "not see your data, revoke its access below.";
            case REVOKED_BY_SME -> "You had already revoked this consent (perhaps in another window).";
            default -> ALREADY_CHANGED;
        };
    }

    /** The page, with whatever loan-service could tell; if it cannot list the consents, the page says so. */
    private Uni<Response> render(int status, String notice, String error, GrantForm form, List<String> grantProblems) {
        return consents.board()
                .map(board -> page(board, notice, error, form, grantProblems))
                .onFailure(PortalActionFailed.class).recoverWithItem(failure -> {
                    String loadError = ((PortalActionFailed) failure).failure().message();
                    return page(null, notice, error == null ? loadError : error, form, grantProblems);
                })
                .flatMap(page -> HtmlResponses.render(status, Templates.board(page)));
    }

    private BoardPage page(ConsentBoard board, String notice, String error, GrantForm form, List<String> grantProblems) {
        LocalDate today = today();
        return new BoardPage(owner.current(), board, notice, error, form, grantProblems, banks.all(),
                List.of(Scope.values()), today.plusDays(1), GrantRules.latestExpiry(today), clock.instant());
    }

    private GrantForm emptyForm() {
        return new GrantForm(null, null, List.of(Scope.CREDIT_REPORT.wireName()), today().plusDays(90).toString());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Response redirectWith(Notice notice) {
        return Response.seeOther(URI.create("/?done=" + notice.key())).build();
    }
}
