package io.smecredit.loan.common;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs the calls that arrive while one batch is in flight together, as the next batch: one database round trip for
 * many requests. At most one batch runs at a time, first come first served, at most {@code maxBatch} calls each; a
 * call that arrives when nothing is in flight starts a batch of one at once, so at low load nothing waits. A call's
 * batch always starts after the call arrived, so it sees everything committed before it (a revocation, a new score).
 * <p>
 * A batch that fails, throws, answers the wrong number of results or takes longer than {@code timeout} fails its own
 * calls only; the next batch runs as usual. Each batch runs on a fresh duplicated context of the event loop its first
 * call came from, so batches spread over the event loops and no caller's context-local state (logging or tracing
 * data) leaks into another's batch.
 *
 * @param <I> one call's input
 * @param <O> one call's result
 */
public final class GroupedCalls<I, O> {

    private static final Logger LOG = Logger.getLogger(GroupedCalls.class);

    private record Pending<I, O>(I input, CompletableFuture<O> done, Context origin) {
    }

    private final Queue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final String name;
    private final int maxBatch;
    private final Duration timeout;
    private final boolean dropAbandoned;
    private final Function<List<I>, Uni<List<O>>> batchCall;

    /**
     * @param dropAbandoned leave out calls whose caller stopped waiting (a client that disconnected) before their batch
     *                      started; only for calls without effects of their own that must happen anyway
     * @param batchCall     answers a batch with one result per input, in the inputs' order
     */
    public GroupedCalls(String name, int maxBatch, Duration timeout, boolean dropAbandoned,
                        Function<List<I>, Uni<List<O>>> batchCall) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.timeout = timeout;
        this.dropAbandoned = dropAbandoned;
        this.batchCall = batchCall;
    }

    public Uni<O> call(I input) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<O> done = enqueue(input);
            drain();
            return onCallersContext(done);
        });
    }

    /**
     * Queues all inputs at once, in order and before any batch is formed from them, rather than one by one as their
     * callers resume: so the results of another batch fanned in here travel together (in one batch unless other calls
     * are queued ahead of them or they exceed {@code maxBatch}).
     */
    public List<Uni<O>> callAll(List<I> inputs) {
        List<CompletableFuture<O>> dones = new ArrayList<>(inputs.size());
        inputs.forEach(input -> dones.add(enqueue(input)));
        drain();
        List<Uni<O>> results = new ArrayList<>(dones.size());
        dones.forEach(done -> results.add(Uni.createFrom().deferred(() -> onCallersContext(done))));
        return results;
    }

    private CompletableFuture<O> enqueue(I input) {
        CompletableFuture<O> done = new CompletableFuture<>();
        queue.add(new Pending<>(input, done, Vertx.currentContext()));
        return done;
    }

    private static <O> Uni<O> onCallersContext(CompletableFuture<O> done) {
        Uni<O> answered = Uni.createFrom().completionStage(done);
        // The batch completes on its own context; the caller continues on its own (a Hibernate Reactive session must
        // stay on the thread that opened it, and a request on its event loop).
        Context caller = Vertx.currentContext();
        return caller == null ? answered : answered.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private void drain() {
        if (queue.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        List<Pending<I, O>> batch = new ArrayList<>();
        for (Pending<I, O> p = queue.poll(); p != null; p = batch.size() < maxBatch ? queue.poll() : null) {
            // A cancelled future is one whose caller has gone: Mutiny cancels it when the subscriber cancels.
            if (!(dropAbandoned && p.done().isCancelled())) {
                batch.add(p);
            }
        }
        if (batch.isEmpty()) {
            running.set(false);
            drain();
            return;
        }
        Context origin = batch.get(0).origin();
        if (origin == null) {
            run(batch);
        } else {
            VertxContext.createNewDuplicatedContext(origin).runOnContext(ignored -> run(batch));
        }
    }

    private void run(List<Pending<I, O>> batch) {
        List<I> inputs = new ArrayList<>(batch.size());
        batch.forEach(p -> inputs.add(p.input()));
        Uni<List<O>> results;
        try {
            results = batchCall.apply(inputs);
        } catch (Throwable e) { // even an Error must not leave the batcher running forever
            results = Uni.createFrom().failure(e);
        }
        results.ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                        name + ": a batch of " + batch.size() + " got no answer within " + timeout))
                .subscribe().with(outputs -> finish(batch, outputs, null), failure -> finish(batch, null, failure));
    }

    private void finish(List<Pending<I, O>> batch, List<O> outputs, Throwable failure) {
        try {
            Throwable error = failure;
            if (error == null && (outputs == null || outputs.size() != batch.size())) {
                error = new IllegalStateException(name + ": a batch of " + batch.size() + " calls answered "
                        + (outputs == null ? "nothing" : outputs.size() + " results"));
            }
            if (error != null) {
                LOG.warnf("%s: a batch of %d failed: %s", name, batch.size(), error.toString());
                for (Pending<I, O> p : batch) {
                    p.done().completeExceptionally(error);
                }
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(outputs.get(i));
                }
            }
        } finally {
            running.set(false);
            drain();
        }
    }
}
