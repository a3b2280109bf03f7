package io.holdfast.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Typed reads of environment variables; each failure names the variable and the expected form. */
final class Env {
    private final Map<String, String> values;

    Env(Map<String, String> values) {
        this.values = values;
    }

    Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    int port(String name, int fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new ConfigException(name, "must be a port number from 0 to 65535, e.g. 3000 (got \"" + raw.get() + "\")");
    }

    int intInRange(String name, int fallback, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new ConfigException(name, "must be a whole number from " + min + " to " + max + ", e.g. " + fallback + " (got \"" + raw.get() + "\")");
    }

    String dbUrl(String name, String fallback) {
        String url = optional(name).orElse(fallback);
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(name, "must be jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB, e.g. jdbc:sqlite:holdfast.db");
        }
        if (url.equals("jdbc:sqlite:")) {
            throw new ConfigException(name, "needs a file path after jdbc:sqlite:, e.g. jdbc:sqlite:holdfast.db");
        }
        return url;
    }

    Optional<String> prefixed(String name, String prefix) {
        Optional<String> value = optional(name);
        if (value.isPresent() && !value.get().startsWith(prefix)) {
            throw new ConfigException(name, "must be a bot token starting with " + prefix);
        }
        return value;
    }

    /** A Slack app-level token; the refusal gives the form, never the value, since a mistyped token is still a secret. */
    Optional<String> appToken(String name) {
        Optional<String> value = optional(name);
        if (value.isPresent() && !value.get().startsWith("xapp-")) {
            throw new ConfigException(name, "must be an app-level token starting with xapp-, e.g. xapp-1-A0123456789-1234567890123-abc123 "
                    + "(Slack app > Basic Information > App-Level Tokens, scope connections:write)");
        }
        return value;
    }

    URI httpUrl(String name, String fallback) {
        String raw = optional(name).orElse(fallback);
        try {
            URI uri = new URI(raw.endsWith("/") ? raw : raw + "/");
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below with the expected form
        }
        throw new ConfigException(name, "must be an http(s) URL, e.g. " + fallback);
    }

    Optional<URI> optionalHttpUrl(String name, String example) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ignored) {
            // reported below with the expected form
        }
        throw new ConfigException(name, "must be an http(s) URL, e.g. " + example);
    }

    /** A key given as base64; the value is never repeated in the message, since it is a secret. */
    Optional<String> base64Key(String name, int bytes) {
        Optional<String> raw = optional(name);
        if (raw.isPresent()) {
            int length;
            try {
                length = Base64.getDecoder().decode(raw.get()).length;
            } catch (IllegalArgumentException notBase64) {
                length = -1;
            }
            if (length != bytes) {
                throw new ConfigException(name, "must be base64 of " + bytes + " random bytes (" + (length < 0 ? "it is not base64" : "it has " + length)
                        + "), e.g. " + name + "=$(openssl rand -base64 " + bytes + ")");
            }
        }
        return raw;
    }

    boolean bool(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name, "must be true or false (got \"" + raw.get() + "\")");
        };
    }
}
