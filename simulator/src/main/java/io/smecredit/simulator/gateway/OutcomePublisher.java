package io.smecredit.simulator.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Publishes simulated outcomes on {@link Topics#OUTCOMES}, keyed by SME id, idempotently and acknowledged by all. */
public final class OutcomePublisher {

    private final String bootstrapServers;

    public OutcomePublisher(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void publish(List<OutcomeEvent> outcomes) throws ExecutionException, InterruptedException {
        ensureTopic();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "simulator-outcomes");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (OutcomeEvent outcome : outcomes) {
                sent.add(producer.send(new ProducerRecord<>(Topics.OUTCOMES.name(), outcome.smeId(), json(outcome))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    /** Brokers do not auto-create topics; the outcomes topic may not exist yet when no service has started. */
    private void ensureTopic() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(Topics.OUTCOMES.name())) {
                try {
                    admin.createTopics(List.of(new NewTopic(Topics.OUTCOMES.name(), Topics.OUTCOMES.partitions(),
                            (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static String json(OutcomeEvent outcome) {
        try {
            return Json.MAPPER.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
