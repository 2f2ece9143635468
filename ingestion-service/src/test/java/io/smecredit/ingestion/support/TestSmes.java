package io.smecredit.ingestion.support;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers a fresh SME per test through the operator API, so tests never depend on or disturb each other's data. */
public final class TestSmes {

    private TestSmes() {
    }

    public static String register(String... machines) {
        return registerIn("metal-fabrication", "north", machines);
    }

    /** A fresh SME in the cohort {@code industry × region}; a region of its own gives a test a cohort of its own. */
    public static String registerIn(String industry, String region, String... machines) {
        String smeId = "it-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.operator())
                .contentType(ContentType.JSON)
                .body(new Registration("Test Works", industry, region, List.of(machines)))
                .put("/api/v1/smes/{smeId}", smeId)
                .then().statusCode(201);
        return smeId;
    }

    /** Registers (or re-registers) an SME with a fixed id, e.g. the one the test MQTT gateway is bound to. */
    public static String registerFixed(String smeId, String... machines) {
        given().auth().oauth2(Tokens.operator())
                .contentType(ContentType.JSON)
                .body(new Registration("Test Works", "metal-fabrication", "north", List.of(machines)))
                .put("/api/v1/smes/{smeId}", smeId)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return smeId;
    }

    public static String event(String eventId, String smeId, String machineId, String timestamp, double run,
                               double idle, double down, long produced, long rejected, double energy) {
        return """
                {"eventId":"%s","smeId":"%s","machineId":"%s","timestamp":"%s","metrics":{"runSeconds":%s,\
                "idleSeconds":%s,"downSeconds":%s,"unitsProduced":%d,"unitsRejected":%d,"energyKwh":%s}}"""
                .formatted(eventId, smeId, machineId, timestamp, run, idle, down, produced, rejected, energy);
    }

    public record Registration(String name, String industry, String region, List<String> machines) {
    }
}
