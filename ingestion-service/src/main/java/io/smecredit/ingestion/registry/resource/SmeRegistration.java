package io.smecredit.ingestion.registry.resource;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "An SME and the complete list of its machines that may report telemetry.")
public record SmeRegistration(
        @NotBlank @Size(max = 200, message = "must be at most 200 characters") String name,
        @NotBlank @Size(max = 100, message = "must be at most 100 characters") @Schema(examples = "metal-fabrication")
        String industry,
        @NotBlank @Size(max = 100, message = "must be at most 100 characters") @Schema(examples = "north")
        String region,
        @NotEmpty @Size(max = 1000, message = "must name 1 to 1000 machines")
        List<@NotBlank @Size(max = 128, message = "must be at most 128 characters")
                @Pattern(regexp = SmeRegistration.ID_PATTERN,
                message = "must consist of letters, digits, '.', '_' or '-'") String> machines) {

    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
}
