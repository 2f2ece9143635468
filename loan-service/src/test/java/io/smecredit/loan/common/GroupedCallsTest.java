package io.smecredit.loan.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The batching loop behind the credit-report reads and the audit group commit, driven by hand. */
class GroupedCallsTest {

    private static final Duration AWAIT = Duration.ofSeconds(10);

    /** A batch call whose batches stay in flight until the test answers them. */
    private static final class HeldBatches implements Function<List<String>, Uni<List<String>>> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<List<String>>> answers = new CopyOnWriteArrayList<>();

        @Override
        public Uni<List<String>> apply(List<String> inputs) {
            batches.add(List.copyOf(inputs));
            CompletableFuture<List<String>> answer = new CompletableFuture<>();
            answers.add(answer);
            return Uni.createFrom().completionStage(answer);
        }

        void answer(int batch) {
            List<String> outputs = new ArrayList<>();
            batches.get(batch).forEach(input -> outputs.add(input.toUpperCase()));
            answers.get(batch).complete(outputs);
        }
    }

    private static GroupedCalls<String, String> grouped(Function<List<String>, Uni<List<String>>> call) {
        return new GroupedCalls<>("test", 3, AWAIT, true, call);
    }

    /** A call whose result a test can join without hanging if the batcher were stuck. */
    private static CompletableFuture<String> call(GroupedCalls<String, String> calls, String input) {
        return calls.call(input).subscribeAsCompletionStage().orTimeout(AWAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void callsArrivingWhileABatchIsInFlightFormTheNextBatchUpToItsLimit() {
        HeldBatches held = new HeldBatches();
        GroupedCalls<String, String> calls = grouped(held);

        CompletableFuture<String> a = call(calls, "a");
        CompletableFuture<String> b = call(calls, "b");
        CompletableFuture<String> c = call(calls, "c");
        CompletableFuture<String> d = call(calls, "d");
        CompletableFuture<String> e = call(calls, "e");
        assertThat(held.batches).containsExactly(List.of("a"));

        held.answer(0);
        assertThat(a.join()).isEqualTo("A");
        assertThat(held.batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
        held.answer(1);
        assertThat(List.of(b.join(), c.join(), d.join())).containsExactly("B", "C", "D");
        held.answer(2);
        assertThat(e.join()).isEqualTo("E");
        assertThat(held.batches).containsExactly(List.of("a"), List.of("b", "c", "d"), List.of("e"));
    }

    @Test
    void callAllQueuesItsInputsTogether() {
        HeldBatches held = new HeldBatches();
        GroupedCalls<String, String> calls = grouped(held);
        CompletableFuture<String> first = call(calls, "first");

        List<Uni<String>> together = calls.callAll(List.of("x", "y"));
        held.answer(0);

        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(held.batches).containsExactly(List.of("first"), List.of("x", "y"));
        held.answer(1);
        assertThat(together.get(0).await().atMost(AWAIT)).isEqualTo("X");
        assertThat(together.get(1).await().atMost(AWAIT)).isEqualTo("Y");
    }

    @Test
    void aFailedBatchFailsOnlyItsOwnCalls() {
        HeldBatches held = new HeldBatches();
        GroupedCalls<String, String> calls = grouped(held);
        CompletableFuture<String> a = call(calls, "a");
        CompletableFuture<String> b = call(calls, "b");

        held.answers.get(0).completeExceptionally(new IllegalStateException("database gone"));
        held.answer(1);

        assertThatThrownBy(a::join).hasRootCauseMessage("database gone");
        assertThat(b.join()).isEqualTo("B");
    }

    @Test
    void aBatchCallThatThrowsEvenAnErrorDoesNotStopLaterBatches() {
        List<String> seen = new CopyOnWriteArrayList<>();
        GroupedCalls<String, String> calls = grouped(inputs -> {
            seen.addAll(inputs);
            if (inputs.contains("boom")) {
                throw new AssertionError("boom");
            }
            return Uni.createFrom().item(inputs.stream().map(String::toUpperCase).toList());
        });

        assertThatThrownBy(() -> call(calls, "boom").join()).hasRootCauseMessage("boom");
        assertThat(call(calls, "after").join()).isEqualTo("AFTER");
        assertThat(seen).containsExactly("boom", "after");
    }

    @Test
    void aBatchAnsweringTheWrongNumberOfResultsFailsAndLaterBatchesRun() {
        GroupedCalls<String, String> calls = grouped(inputs -> inputs.contains("short")
                ? Uni.createFrom().item(List.of())
                : Uni.createFrom().item(inputs.stream().map(String::toUpperCase).toList()));

        assertThatThrownBy(() -> call(calls, "short").join()).hasMessageContaining("answered 0 results");
        assertThat(call(calls, "next").join()).isEqualTo("NEXT");
    }

    @Test
    void aBatchWithNoAnswerTimesOutAndLaterBatchesRun() {
        GroupedCalls<String, String> calls = new GroupedCalls<>("test", 3, Duration.ofMillis(100), true,
                inputs -> inputs.contains("hung")
                        ? Uni.createFrom().nothing()
                        : Uni.createFrom().item(inputs.stream().map(String::toUpperCase).toList()));

        CompletableFuture<String> hung = call(calls, "hung");
        CompletableFuture<String> next = call(calls, "next");
        await().atMost(AWAIT).until(next::isDone);

        assertThatThrownBy(hung::join).hasCauseInstanceOf(TimeoutException.class);
        assertThat(next.join()).isEqualTo("NEXT");
    }

    @Test
    void aCallWhoseCallerHasGoneIsLeftOutOfItsBatchWhenDroppingIsAsked() {
        HeldBatches held = new HeldBatches();
        GroupedCalls<String, String> calls = grouped(held);
        call(calls, "a");
        Cancellable gone = calls.call("gone").subscribe().with(ignored -> {
        });
        CompletableFuture<String> kept = call(calls, "kept");

        gone.cancel();
        held.answer(0);

        assertThat(held.batches).containsExactly(List.of("a"), List.of("kept"));
        held.answer(1);
        assertThat(kept.join()).isEqualTo("KEPT");
    }

    @Test
    void aCallWhoseCallerHasGoneStillRunsWhenItsEffectMustHappen() {
        HeldBatches held = new HeldBatches();
        GroupedCalls<String, String> calls = new GroupedCalls<>("test", 3, AWAIT, false, held);
        call(calls, "a");
        Cancellable gone = calls.call("record").subscribe().with(ignored -> {
        });

        gone.cancel();
        held.answer(0);

        assertThat(held.batches).containsExactly(List.of("a"), List.of("record"));
    }
}
