package io.smecredit.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line options {@code --name value} (a flag without value means "true"), with environment variables as the
 * fallback for connection settings, so the same command works against the demo and the test infrastructure.
 */
public final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new TreeSet<>();

    public Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option [value], got: " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(name, hasValue ? args[++i] : "true");
        }
    }

    public String string(String name, String envName, String fallback) {
        used.add(name);
        String value = values.get(name);
        if (value != null) {
            return value;
        }
        String env = envName == null ? null : System.getenv(envName);
        return env == null || env.isBlank() ? fallback : env;
    }

    public String string(String name, String fallback) {
        return string(name, null, fallback);
    }

    public int integer(String name, int fallback) {
        return parse(name, String.valueOf(fallback), Integer::parseInt);
    }

    public long number(String name, long fallback) {
        return parse(name, String.valueOf(fallback), Long::parseLong);
    }

    public double decimal(String name, double fallback) {
        return parse(name, String.valueOf(fallback), Double::parseDouble);
    }

    public boolean flag(String name, boolean fallback) {
        return Boolean.parseBoolean(string(name, String.valueOf(fallback)));
    }

    /** Fails on options no command asked for, so a typo is not silently ignored. */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
        }
    }

    private <T> T parse(String name, String fallback, java.util.function.Function<String, T> parser) {
        String value = string(name, fallback);
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got: " + value);
        }
    }
}
