package io.smecredit.model.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records: commas, double-quoted fields with "" escapes and embedded line breaks, CRLF or LF. */
final class CsvReader {

    private final BufferedReader in;
    private int line = 1;
    private int recordLine;

    CsvReader(Reader reader) {
        this.in = new BufferedReader(reader, 1 << 16);
    }

    /** Line number (1-based) where the record last returned by {@link #next()} started. */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of input. */
    List<String> next() throws IOException {
        int c = in.read();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c == -1) {
                    throw new IllegalArgumentException("Line " + recordLine + ": a quoted field is never closed");
                }
                if (c == '"') {
                    in.mark(1);
                    int after = in.read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        if (after != -1) {
                            in.reset();
                        }
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0 && !quoted) {
                inQuotes = true;
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == '\r') {
                in.mark(1);
                int after = in.read();
                if (after != '\n' && after != -1) {
                    in.reset();
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = in.read();
        }
    }
}
