package io.smecredit.simulator;

import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.simulator.gateway.HttpGateway;
import io.smecredit.simulator.gateway.MqttGateways;
import io.smecredit.simulator.gateway.OperatorClient;
import io.smecredit.simulator.model.SmeSpec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends batches on a few threads, over HTTP or MQTT, retrying a failed batch with the same event ids (the platform
 * counts a repeated id once) and counting the outcome in a {@link Progress}. At most {@code 4 × concurrency}
 * batches wait, so a slow platform slows the generator instead of filling memory.
 */
public final class BatchSender implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final HttpGateway http;
    private final MqttGateways mqtt;
    private final Progress progress;
    private final ExecutorService threads;
    private final Semaphore waiting;
    private final Phaser pending = new Phaser(1);

    public BatchSender(HttpGateway http, MqttGateways mqtt, Progress progress, int concurrency) {
        this.http = http;
        this.mqtt = mqtt;
        this.progress = progress;
        this.threads = Executors.newFixedThreadPool(concurrency);
        this.waiting = new Semaphore(concurrency * 4);
    }

    public void submit(String smeId, List<TelemetryEvent> events) throws InterruptedException {
        waiting.acquire();
        pending.register();
        threads.execute(() -> {
            try {
                send(smeId, events);
            } finally {
                waiting.release();
                pending.arriveAndDeregister();
            }
        });
    }

    /** Blocks until every batch submitted so far was answered or given up. */
    public void awaitSent() {
        pending.arriveAndAwaitAdvance();
    }

    private void send(String smeId, List<TelemetryEvent> events) {
        long backoffMillis = 500;
        for (int attempt = 1; ; attempt++) {
            try {
                if (mqtt != null) {
                    mqtt.publish(smeId, events);
                } else {
                    progress.record(http.post(events));
                }
                progress.sent.addAndGet(events.size());
                return;
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    progress.errors.addAndGet(events.size());
                    System.err.println("\ngave up on " + events.size() + " events of " + smeId + " after "
                            + ATTEMPTS + " attempts: " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    progress.errors.addAndGet(events.size());
                    return;
                }
                backoffMillis *= 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                progress.errors.addAndGet(events.size());
                return;
            }
        }
    }

    /** Registers the SMEs and their machines in the ingestion registry (operator API), a few at a time. */
    public static void register(OperatorClient operator, List<SmeSpec> smes) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (SmeSpec sme : smes) {
            done.add(pool.submit(() -> {
                operator.register(sme);
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (var future : done) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not register the simulated SMEs (is the platform running? ./platform status): "
                    + e.getCause(), e.getCause());
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws InterruptedException {
        awaitSent();
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        if (mqtt != null) {
            mqtt.close();
        }
    }
}
