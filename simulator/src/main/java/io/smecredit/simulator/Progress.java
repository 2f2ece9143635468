package io.smecredit.simulator;

import io.smecredit.simulator.gateway.IngestionAnswer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what was sent and what the platform answered, and shows it on stderr once a second: rewriting one line on a
 * terminal, one line every few seconds into a log.
 */
public final class Progress implements AutoCloseable {

    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong accepted = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    public final AtomicLong silent = new AtomicLong();
    public final Map<String, AtomicLong> rejectedByCode = new ConcurrentHashMap<>();

    private final String label;
    private final boolean answered;
    private final String unanswered;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSent;
    private long lastNanos = startNanos;
    private int ticks;

    /**
     * @param answered   false when nobody answers per event (MQTT: the broker acknowledges delivery only)
     * @param unanswered what "sent" means then, e.g. "(published, QoS 1)"
     */
    public Progress(String label, boolean answered, String unanswered) {
        this.label = label;
        this.answered = answered;
        this.unanswered = unanswered;
        ticker.scheduleAtFixedRate(this::show, 1, 1, TimeUnit.SECONDS);
    }

    public void record(IngestionAnswer answer) {
        accepted.addAndGet(answer.accepted());
        duplicates.addAndGet(answer.duplicates());
        rejected.addAndGet(answer.rejected());
        answer.rejectedByReason().forEach((code, n) -> rejectedByCode.computeIfAbsent(code, c -> new AtomicLong()).addAndGet(n));
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private synchronized void show() {
        ticks++;
        long now = System.nanoTime();
        long total = sent.get();
        double rate = (total - lastSent) / ((now - lastNanos) / 1e9);
        lastSent = total;
        lastNanos = now;
        if (terminal) {
            System.err.print("\r" + line(rate) + "   ");
        } else if (ticks % 5 == 0) {
            System.err.println(line(rate));
        }
    }

    String line(double rate) {
        long seconds = elapsed().toSeconds();
        StringBuilder line = new StringBuilder(String.format("[%s] %02d:%02d:%02d sent %,d (%,.0f events/s)",
                label, seconds / 3600, seconds / 60 % 60, seconds % 60, sent.get(), rate));
        if (answered) {
            line.append(String.format(", accepted %,d, duplicates %,d, rejected %,d", accepted.get(), duplicates.get(), rejected.get()));
            if (!rejectedByCode.isEmpty()) {
                line.append(' ').append(new java.util.TreeMap<>(rejectedByCode));
            }
        } else {
            line.append(' ').append(unanswered);
        }
        line.append(String.format(", errors %,d", errors.get()));
        if (silent.get() > 0) {
            line.append(String.format(", silent %,d", silent.get()));
        }
        return line.toString();
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        double seconds = Math.max(1e-3, elapsed().toNanos() / 1e9);
        if (terminal) {
            System.err.println();
        }
        System.err.println(line(sent.get() / seconds) + " — done (average rate)");
    }
}
