package io.smecredit.loan.common;

import io.smecredit.common.auth.Actors;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.SmeId;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, taken only from the verified access token, never from the request: the bank behind a
 * client-credentials token ({@code azp}), or the SME named by an SME user's {@code sme_id} claim.
 */
@ApplicationScoped
public class Tenants {

    public static final String SME_ID_CLAIM = "sme_id";

    private final JsonWebToken token;
    private final BankRegistry banks;

    public Tenants(JsonWebToken token, BankRegistry banks) {
        this.token = token;
        this.banks = banks;
    }

    /** The calling bank; the resource must already require role {@code bank}. */
    public Bank currentBank() {
        String clientId = token.getClaim("azp");
        return banks.byClientId(clientId).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Client '" + clientId + "' has role 'bank' but is not registered as a partner bank."));
    }

    /** The SME the calling user owns; the resource must already require role {@code sme}. */
    public String currentSmeId() {
        Object claim = token.getClaim(SME_ID_CLAIM);
        String smeId = claim == null ? null : claim.toString().replace("\"", "");
        if (!SmeId.isValid(smeId)) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "The access token does not name an SME (claim '" + SME_ID_CLAIM + "').");
        }
        return smeId;
    }

    /** Who to record in the audit log for the current caller: the same name the other services record. */
    public String subject() {
        return Actors.of(token);
    }
}
