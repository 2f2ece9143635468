package io.smecredit.scoring.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether this instance's consumers have joined their groups, i.e. received a first partition assignment
 * (possibly empty, when there are more instances than partitions). Until then records published now may be
 * read by nobody on this instance, so it does not report ready; the check names the groups still joining.
 */
@ApplicationScoped
@Identifier(ConsumerGroupMembership.NAME)
@Readiness
public class ConsumerGroupMembership implements KafkaConsumerRebalanceListener, HealthCheck {

    public static final String NAME = "scoring-consumer-groups";

    private final Set<String> expected;
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    public ConsumerGroupMembership(
            @ConfigProperty(name = "mp.messaging.incoming.features-in.group.id") String featuresGroup,
            @ConfigProperty(name = "mp.messaging.incoming.outcomes-in.group.id") String outcomesGroup) {
        this.expected = Set.of(featuresGroup, outcomesGroup);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Resolve the starting positions now, so that whatever is published after "ready" is read.
        partitions.forEach(consumer::position);
        joined.add(consumer.groupMetadata().groupId());
    }

    @Override
    public HealthCheckResponse call() {
        Set<String> waiting = new TreeSet<>(expected);
        waiting.removeAll(joined);
        return HealthCheckResponse.named(NAME).status(waiting.isEmpty())
                .withData("joining", String.join(",", waiting))
                .build();
    }
}
