package io.smecredit.ingestion.telemetry.domain;

import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Undoes Content-Encoding, never holding more than the size limit in memory (a gzip bomb stops at the limit). */
public final class BodyDecoder {

    private BodyDecoder() {
    }

    public static byte[] decode(byte[] body, String contentEncoding, int maxBytes) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> {
                if (body != null && body.length > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                yield body;
            }
            case "gzip", "x-gzip" -> gunzip(body, maxBytes);
            default -> throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding '" + contentEncoding + "' is not supported; send the body as is or gzip-compressed.");
        };
    }

    private static byte[] gunzip(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Request body is empty.");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 8));
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + read > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (ZipException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "Body is declared gzip-compressed (Content-Encoding: gzip) but is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Body could not be decompressed: " + e.getMessage());
        }
    }

    public static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Body exceeds " + maxBytes / (1024 * 1024)
                + " MB (counted after decompression); split it into smaller batches.");
    }
}
