package io.smecredit.ingestion.telemetry.service;

import io.smecredit.ingestion.telemetry.domain.SmeScope;

/**
 * Who sent a batch and through which channel: recorded on dead letters and metrics, and the scope of SMEs the
 * sender may report for.
 *
 * @param channel "http", "mqtt" or "backfill" (an operator's backfill of history over HTTP)
 * @param source  the gateway's or operator's client id (HTTP) or the MQTT topic
 */
public record Sender(String channel, String source, SmeScope scope) {

    public static final String HTTP = "http";
    public static final String MQTT = "mqtt";
    public static final String BACKFILL = "backfill";

    /** Gateways report the present: their events must be within the late window. A backfill brings the past. */
    public boolean lateWindow() {
        return !BACKFILL.equals(channel);
    }
}
