package io.holdfast.risk;

import java.time.Duration;

/** How the risk model says numbers: the way a person would in a triage, rounded down so it never overstates. */
final class RiskWords {
    /** Long promise texts are cut so one entry of a digest stays one line. */
    private static final int QUOTE_LENGTH = 60;

    private RiskWords() {
    }

    /** "40 min", "3 h" up to two days, then "4 days". */
    static String duration(Duration d) {
        if (d.toHours() >= 48) {
            return count(d.toDays(), "day");
        }
        return d.toMinutes() >= 60 ? d.toHours() + " h" : Math.max(1, d.toMinutes()) + " min";
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "$950", "$1.5k", "$120k", "$2.4M". */
    static String money(long amount) {
        if (amount >= 1_000_000) {
            return "$" + tenths(amount / 100_000) + "M";
        }
        return amount >= 1_000 ? "$" + tenths(amount / 100) + "k" : "$" + amount;
    }

    static String quote(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > QUOTE_LENGTH ? line.substring(0, QUOTE_LENGTH - 1) + "…" : line) + "\"";
    }

    private static String tenths(long tenths) {
        return tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }
}
