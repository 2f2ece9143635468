package io.smecredit.loan.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs the calls that arrive while one batch is in flight together, as the next batch: one database round trip for
 * many requests. At most one batch runs at a time; a call waits for at most the batch ahead of it, and a call that
 * arrives when nothing is in flight starts a batch of one at once, so at low load nothing waits. A call's batch always
 * starts after the call arrived, so it sees everything committed before it (a revocation, a new score).
 *
 * @param <I> one call's input
 * @param <O> one call's result
 */
public final class GroupedCalls<I, O> {

    private record Pending<I, O>(I input, CompletableFuture<O> done) {
    }

    private final Queue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final int maxBatch;
    private final Function<List<I>, Uni<List<O>>> batchCall;

    /**
     * @param batchCall answers a batch with one result per input, in the inputs' order; a failure fails every call
     *                  of the batch
     */
    public GroupedCalls(int maxBatch, Function<List<I>, Uni<List<O>>> batchCall) {
        this.maxBatch = maxBatch;
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
     * Queues all inputs at once, so they go in the same batch (the next one if a batch is in flight): the results of
     * another batch fanned in here in one piece rather than one by one as their callers resume.
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
        queue.add(new Pending<>(input, done));
        return done;
    }

    private static <O> Uni<O> onCallersContext(CompletableFuture<O> done) {
        Uni<O> answered = Uni.createFrom().completionStage(done);
        // The batch completes on its connection's thread; the caller continues on its own context (a Hibernate
        // Reactive session must stay on the thread that opened it, and a request on its event loop).
        Context caller = Vertx.currentContext();
        return caller == null ? answered : answered.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private void drain() {
        if (queue.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        List<Pending<I, O>> batch = new ArrayList<>();
        for (Pending<I, O> p = queue.poll(); p != null; p = batch.size() < maxBatch ? queue.poll() : null) {
            batch.add(p);
        }
        List<I> inputs = new ArrayList<>(batch.size());
        batch.forEach(p -> inputs.add(p.input()));
        Uni<List<O>> results;
        try {
            results = batchCall.apply(inputs);
        } catch (RuntimeException e) {
            results = Uni.createFrom().failure(e);
        }
        results.subscribe().with(outputs -> {
            if (outputs.size() != batch.size()) {
                IllegalStateException wrong = new IllegalStateException(
                        "a batch of " + batch.size() + " calls answered " + outputs.size() + " results");
                batch.forEach(p -> p.done().completeExceptionally(wrong));
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(outputs.get(i));
                }
            }
            running.set(false);
            drain();
        }, failure -> {
            batch.forEach(p -> p.done().completeExceptionally(failure));
            running.set(false);
            drain();
        });
    }
}
