package io.holdfast;

/**
 * Failure messages made safe for a terminal or log: drivers and pools put whole JDBC URLs (with any
 * password) and tokens into their messages, and secrets must never be printed.
 */
final class Redaction {
    private Redaction() {
    }

    /** The chain of causes, one per line, with credentials masked. */
    static String causes(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (out.length() > 0) {
                out.append("\n  caused by ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(mask(String.valueOf(t.getMessage())));
        }
        return out.toString();
    }

    static String mask(String text) {
        return text.replaceAll("(?i)(password|passwd|pwd|secret|token)=[^&;\\s]*", "$1=***")
                .replaceAll("xox[a-z]-[A-Za-z0-9-]+", "xox?-***")
                .replaceAll("xapp-[A-Za-z0-9-]+", "xapp-***")
                .replaceAll("(?i)(jdbc:postgresql://)[^@/\\s]*@", "$1***@");
    }
}
