package io.smecredit.portal;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Real access tokens from the test Keycloak, for the realm the portal signs owners in with. */
final class KeycloakTokens {

    private static final io.smecredit.testsupport.KeycloakTokens REALM =
            io.smecredit.testsupport.KeycloakTokens.ofServiceUnderTest();

    private KeycloakTokens() {
    }

    static String realmUrl() {
        return REALM.realmUrl();
    }

    /**
     * Creates a person in the realm who has no role {@code sme}, through the admin API (dev-only bootstrap admin of
     * the test Keycloak); returns the user's id for {@link #deleteUser}.
     */
    static String createUserWithoutSmeRole(String username, String password) {
        String location = RestAssured.given()
                .auth().oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(java.util.Map.of(
                        "username", username,
                        "enabled", true,
                        "emailVerified", true,
                        "email", username + "@example.test",
                        "firstName", "Not",
                        "lastName", "An Owner",
                        "credentials", java.util.List.of(java.util.Map.of(
                                "type", "password", "value", password, "temporary", false))))
                .post(adminRealmUrl() + "/users")
                .then().statusCode(201)
                .extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static void deleteUser(String userId) {
        RestAssured.given().auth().oauth2(adminToken())
                .delete(adminRealmUrl() + "/users/" + userId)
                .then().statusCode(204);
    }

    private static String adminToken() {
        return REALM.masterAdmin();
    }

    private static String adminRealmUrl() {
        return realmUrl().replace("/realms/", "/admin/realms/");
    }

    /** A partner bank's token, as its back office gets one (client credentials). */
    static String bank(String clientId) {
        return REALM.fresh(clientId);
    }
}
