package io.smecredit.scoring.monitoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smecredit.model.Metrics;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ServingModel;
import io.smecredit.scoring.history.domain.OutcomeLabel;
import io.smecredit.scoring.model.domain.LoadedModel;
import io.smecredit.scoring.model.service.ModelRegistry;
import io.smecredit.scoring.model.service.ServedModels;
import io.smecredit.scoring.monitoring.domain.DriftAlert;
import io.smecredit.scoring.monitoring.domain.DriftAssessment;
import io.smecredit.scoring.monitoring.domain.GradeBacktest;
import io.smecredit.scoring.monitoring.domain.MonitoringReport;
import io.smecredit.scoring.monitoring.repository.MonitoringRepository;
import io.smecredit.scoring.monitoring.repository.MonitoringRepository.MaturedScore;
import io.smecredit.scoring.monitoring.repository.MonitoringRepository.ScoredSnapshot;
import io.smecredit.scoring.monitoring.stream.DriftAlertPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Daily model monitoring. For every model that scored vectors as of a day: PSI of each feature and of the score
 * against the baseline bins stored with the model, a drift alert (stored, and published on Kafka once) for every
 * PSI above {@code scoring.monitoring.psi-alert-threshold}, and AUC/KS and a PD backtest per grade of the cohort
 * scored 12 months earlier, whose outcomes have matured by now. Runs on a worker thread: on schedule for the previous UTC day, or when an
 * operator asks. Several instances may run it; reports are upserted and alerts are unique per model, day and
 * subject, so the outcome is the same.
 */
@ApplicationScoped
public class DriftMonitor {

    private static final Logger LOG = Logger.getLogger(DriftMonitor.class);
    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    private final MonitoringRepository monitoring;
    private final ModelRegistry registry;
    private final ServedModels served;
    private final DriftAlertPublisher publisher;
    private final ObjectMapper json;
    private final double alertThreshold;
    private final int minRows;
    private final int schemaVersion;
    private final Clock clock = Clock.systemUTC();

    public DriftMonitor(MonitoringRepository monitoring, ModelRegistry registry, ServedModels served,
                        DriftAlertPublisher publisher, ObjectMapper json,
                        @ConfigProperty(name = "scoring.monitoring.psi-alert-threshold") double alertThreshold,
                        @ConfigProperty(name = "scoring.monitoring.min-rows") int minRows,
                        @ConfigProperty(name = "scoring.features.schema-version") int schemaVersion) {
        this.monitoring = monitoring;
        this.registry = registry;
        this.served = served;
        this.publisher = publisher;
        this.json = json;
        this.alertThreshold = alertThreshold;
        this.minRows = minRows;
        this.schemaVersion = schemaVersion;
    }

    @Scheduled(cron = "${scoring.monitoring.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        try {
            List<MonitoringReport> reports = run(yesterday);
            LOG.infof("Monitoring of %s: %d model report(s)", yesterday, reports.size());
        } catch (Throwable e) {
            LOG.errorf(e, "Monitoring of %s failed; it can be rerun with POST /api/v1/monitoring/runs", yesterday);
        }
    }

    /** Monitors every model that scored vectors as of {@code day}; blocking, never call it on an event loop. */
    public List<MonitoringReport> run(LocalDate day) {
        List<ScoredSnapshot> scored = await(() -> Panache.withSession(() -> monitoring.scoredOn(day, schemaVersion)));
        Map<String, List<ScoredSnapshot>> byModel = scored.stream()
                .collect(Collectors.groupingBy(ScoredSnapshot::modelVersion, LinkedHashMap::new, Collectors.toList()));
        // Models that scored a cohort whose outcomes mature today get a report too, even if they no longer serve.
        List<String> maturing = await(() -> Panache.withSession(() ->
                monitoring.modelsScoredOn(day.minus(OutcomeLabel.HORIZON))));
        maturing.forEach(version -> byModel.putIfAbsent(version, List.of()));
        List<MonitoringReport> reports = new ArrayList<>();
        for (Map.Entry<String, List<ScoredSnapshot>> entry : byModel.entrySet()) {
            reports.add(monitor(entry.getKey(), day, entry.getValue()));
        }
        return reports;
    }

    private MonitoringReport monitor(String version, LocalDate day, List<ScoredSnapshot> scored) {
        Double scorePsi = null;
        Map<String, Double> featurePsi = new LinkedHashMap<>();
        Map<String, Double> alerts = Map.of();
        if (scored.size() >= minRows) {
            ServingModel model = model(version);
            List<String> names = model.featureNames();
            List<DriftAssessment.ScoredRow> rows = new ArrayList<>(scored.size());
            for (ScoredSnapshot s : scored) {
                rows.add(new DriftAssessment.ScoredRow(row(names, s.featuresJson()), s.pd()));
            }
            DriftAssessment.Result result = DriftAssessment.assess(model.artifact().baseline(), names, rows);
            scorePsi = result.scorePsi();
            featurePsi = result.featurePsi();
            alerts = result.above(alertThreshold);
        }
        LocalDate cohortDay = day.minus(OutcomeLabel.HORIZON);
        List<MaturedScore> matured = await(() -> Panache.withSession(() ->
                monitoring.maturedCohort(version, cohortDay)));
        double[] pds = matured.stream().mapToDouble(MaturedScore::pd).toArray();
        boolean[] defaulted = new boolean[matured.size()];
        float[] labels = new float[matured.size()];
        for (int i = 0; i < labels.length; i++) {
            defaulted[i] = matured.get(i).defaulted();
            labels[i] = defaulted[i] ? 1f : 0f;
        }
        Double auc = null;
        Double ks = null;
        if (matured.stream().anyMatch(MaturedScore::defaulted) && matured.stream().anyMatch(m -> !m.defaulted())) {
            auc = Metrics.auc(pds, labels);
            ks = Metrics.ks(pds, labels);
        }
        MonitoringReport report = new MonitoringReport(version, day, scored.size(), scorePsi, featurePsi,
                matured.size(), auc, ks, GradeBacktest.of(pds, defaulted), clock.instant());
        String featurePsiJson = write(featurePsi);
        String backtestJson = write(report.calibrationByGrade());
        await(() -> Panache.withTransaction(() -> monitoring.save(report, featurePsiJson, backtestJson)));
        for (Map.Entry<String, Double> above : alerts.entrySet()) {
            raise(new DriftAlert(DriftAlert.idOf(version, day, above.getKey()), version, day, above.getKey(),
                    above.getValue(), alertThreshold, scored.size(), clock.instant()));
        }
        return report;
    }

    private void raise(DriftAlert alert) {
        boolean isNew = await(() -> Panache.withTransaction(() -> monitoring.insertIfAbsent(alert)));
        if (isNew) {
            LOG.warnf("Drift alert: model %s, %s, %s PSI %.3f > %.2f over %d vectors", alert.modelVersion(),
                    alert.day(), alert.subject(), alert.psi(), alert.threshold(), alert.rowsScored());
            publisher.publishAndAwait(alert);
            await(() -> Panache.withTransaction(() -> monitoring.markPublished(alert.id())));
        }
    }

    /** The served instance when the model is served, else read from the registry (retired models still have scores). */
    private ServingModel model(String version) {
        ServedModels.Served now = served.current();
        for (LoadedModel loaded : new LoadedModel[]{now.champion(), now.challenger()}) {
            if (loaded != null && loaded.version().equals(version)) {
                return loaded.serving();
            }
        }
        ModelArtifact artifact = await(() -> registry.loadArtifact(version));
        return ServingModel.of(artifact);
    }

    private double[] row(List<String> names, String featuresJson) {
        Map<String, Double> features;
        try {
            features = json.readValue(featuresJson, FEATURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable feature snapshot", e);
        }
        double[] row = new double[names.size()];
        for (int f = 0; f < row.length; f++) {
            Double value = features == null ? null : features.get(names.get(f));
            row[f] = value == null ? Double.NaN : value;
        }
        return row;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
