package io.holdfast.core;

import java.util.regex.Pattern;

/** Runs of whitespace in what people type or import, compiled once for every place that reads them. */
public final class Whitespace {
    public static final Pattern RUN = Pattern.compile("\\s+");

    private Whitespace() {
    }

    /** Each run of whitespace, line breaks included, as one space: names and list lines stay on one line. */
    public static String collapsed(String text) {
        return RUN.matcher(text).replaceAll(" ");
    }
}
