package io.holdfast.config;

/** A configuration problem, phrased as one line naming the variable and what is expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String variable, String expectation) {
        super(variable + " " + expectation);
    }
}
