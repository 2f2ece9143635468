package io.smecredit.scoring.monitoring.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.http.PageSize;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.scoring.model.service.ModelRegistry;
import io.smecredit.scoring.monitoring.domain.DriftAlert;
import io.smecredit.scoring.monitoring.domain.GradeBacktest;
import io.smecredit.scoring.monitoring.domain.MonitoringReport;
import io.smecredit.scoring.monitoring.repository.MonitoringRepository;
import io.smecredit.scoring.monitoring.service.DriftMonitor;
import io.smecredit.scoring.score.repository.Sql;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Model monitoring for operators: drift (PSI) and matured performance reports, drift alerts, and a manual run. */
@Path("/api/v1/monitoring")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class MonitoringResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final TypeReference<Map<String, Double>> PSI = new TypeReference<>() {
    };
    private static final TypeReference<List<GradeBacktest>> BACKTEST = new TypeReference<>() {
    };

    static final LocalDate EARLIEST_RUN_DAY = LocalDate.of(1900, 1, 1);

    private final DriftMonitor monitor;
    private final MonitoringRepository monitoring;
    private final ModelRegistry registry;
    private final ObjectMapper json;

    public MonitoringResource(DriftMonitor monitor, MonitoringRepository monitoring, ModelRegistry registry,
                              ObjectMapper json) {
        this.monitor = monitor;
        this.monitoring = monitoring;
        this.registry = registry;
        this.json = json;
    }

    /** Runs the daily monitoring now for one as-of day (blocking, on a worker thread) and answers its reports. */
    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<MonitoringReport> run(MonitoringRunRequest request) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate day = request == null || request.day() == null ? today.minusDays(1) : request.day();
        // A day the platform cannot have data for is a mistake, and one at the ends of the calendar broke the date
        // arithmetic of the run (a 500).
        if (day.isBefore(EARLIEST_RUN_DAY) || day.isAfter(today)) {
            String reason = "must be a day from " + EARLIEST_RUN_DAY + " to today (" + today + ")";
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "day " + reason + "; got " + day + ".",
                    List.of(new Problem.FieldError("day", reason)));
        }
        return monitor.run(day);
    }

    @GET
    @Path("/reports")
    public Uni<List<MonitoringReport>> reports(@QueryParam("modelVersion") String modelVersion,
                                               @QueryParam("limit") String limit) {
        int rows = parseLimit(limit);
        return knownModel(modelVersion).chain(() -> Panache.withSession(() -> monitoring.reports(modelVersion, rows)))
                .map(found -> found.stream().map(this::report).toList());
    }

    @GET
    @Path("/drift-alerts")
    public Uni<List<DriftAlert>> alerts(@QueryParam("modelVersion") String modelVersion,
                                        @QueryParam("limit") String limit) {
        int rows = parseLimit(limit);
        return knownModel(modelVersion).chain(() -> Panache.withSession(() -> monitoring.alerts(modelVersion, rows)));
    }

    /** A filter naming no registered model is a typo to point out (404), not an empty list that looks like health. */
    private Uni<Void> knownModel(String modelVersion) {
        return modelVersion == null ? Uni.createFrom().voidItem() : registry.require(modelVersion).replaceWithVoid();
    }

    private MonitoringReport report(Object[] r) {
        try {
            return new MonitoringReport((String) r[0], MonitoringRepository.date(r[1]), ((Number) r[2]).intValue(),
                    r[3] == null ? null : ((Number) r[3]).doubleValue(), json.readValue((String) r[4], PSI),
                    ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).doubleValue(),
                    r[7] == null ? null : ((Number) r[7]).doubleValue(),
                    r[9] == null ? List.of() : json.readValue((String) r[9], BACKTEST), Sql.instant(r[8]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable monitoring report", e);
        }
    }

    static int parseLimit(String limit) {
        return PageSize.require(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }
}
