package io.holdfast.config;

import java.util.Map;

/**
 * {@code HOLDFAST_LOG_FORMAT}: {@code text} (the default, for people reading a terminal) or
 * {@code json} (one JSON object per line, for log collectors). Read before anything logs, because
 * Logback configures itself at the first logger.
 */
public enum LogFormat {
    TEXT("logback.xml"),
    JSON("logback-json.xml");

    public static final String VARIABLE = "HOLDFAST_LOG_FORMAT";
    private final String configuration;

    LogFormat(String configuration) {
        this.configuration = configuration;
    }

    public static LogFormat fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault(VARIABLE, "").strip();
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "", "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ConfigException(VARIABLE, "must be text or json, e.g. HOLDFAST_LOG_FORMAT=json (got \"" + value + "\")");
        };
    }

    /** The Logback configuration on the class path that writes this format. */
    public String configuration() {
        return configuration;
    }
}
