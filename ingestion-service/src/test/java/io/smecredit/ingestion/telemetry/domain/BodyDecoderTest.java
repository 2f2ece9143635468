package io.smecredit.ingestion.telemetry.domain;

import io.smecredit.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyDecoderTest {

    @Test
    void passesAnUncompressedBodyThrough() {
        byte[] body = "[1]".getBytes(StandardCharsets.UTF_8);
        assertThat(BodyDecoder.decode(body, null, 100)).isEqualTo(body);
        assertThat(BodyDecoder.decode(body, "identity", 100)).isEqualTo(body);
    }

    @Test
    void decompressesGzip() throws IOException {
        assertThat(new String(BodyDecoder.decode(gzip("[\"hello\"]"), "gzip", 100), StandardCharsets.UTF_8))
                .isEqualTo("[\"hello\"]");
    }

    @Test
    void countsTheLimitAfterDecompressionSoAGzipBombStopsThere() throws IOException {
        byte[] bomb = gzip(" ".repeat(1_000_000));
        assertThat(bomb.length).isLessThan(10_000);

        assertThatThrownBy(() -> BodyDecoder.decode(bomb, "gzip", 100_000))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void refusesBodiesDeclaredGzipThatAreNot() {
        assertThatThrownBy(() -> BodyDecoder.decode("plain".getBytes(StandardCharsets.UTF_8), "gzip", 100))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains("not valid gzip");
                });
    }

    @Test
    void refusesUnknownEncodings() {
        assertThatThrownBy(() -> BodyDecoder.decode(new byte[]{1}, "br", 100))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(415));
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
