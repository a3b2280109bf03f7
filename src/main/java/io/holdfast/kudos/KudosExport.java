package io.holdfast.kudos;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The recognition log as a file for performance reviews: CSV for spreadsheets, JSON for HR tools. Both
 * carry the same fields in the same order; instants are ISO-8601 UTC and the verification fields are
 * empty (CSV) or null (JSON) until a lead verifies the kudos.
 */
public final class KudosExport {

    public enum Format {
        CSV, JSON;

        /** "csv" or "json" in any case; empty for anything else. */
        public static Optional<Format> parse(String name) {
            return Arrays.stream(values()).filter(f -> f.name().equals(name.toUpperCase(Locale.ROOT))).findFirst();
        }
    }

    private enum Field {
        NUMBER("number", Kudos::number),
        GIVEN_AT("given_at", k -> iso(k.givenAt())),
        GIVER("giver", Kudos::giverId),
        RECIPIENTS("recipients", Kudos::recipients),
        ACCOUNT("account", Kudos::accountName),
        TEXT("text", Kudos::text),
        VERIFIED_BY("verified_by", Kudos::verifierId),
        VERIFIED_AT("verified_at", k -> iso(k.verifiedAt())),
        IMPACT("impact", k -> score(k, Rubric::impact)),
        SPEED("speed", k -> score(k, Rubric::speed)),
        CREATIVITY("creativity", k -> score(k, Rubric::creativity)),
        RUBRIC_TOTAL("rubric_total", k -> score(k, Rubric::total));

        final String label;
        final Function<Kudos, Object> value;

        Field(String label, Function<Kudos, Object> value) {
            this.label = label;
            this.value = value;
        }
    }

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder()
            .setHeader(Arrays.stream(Field.values()).map(f -> f.label).toArray(String[]::new))
            .get();

    // The caller owns the writer (it may be standard output), so Jackson must not close it.
    private static final ObjectWriter JSON = JsonMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build()
            .writerWithDefaultPrettyPrinter();

    private KudosExport() {
    }

    /** Writes {@code kudos} in the order given; flushes {@code out} but leaves it open. */
    public static void write(List<Kudos> kudos, Format format, Writer out) throws IOException {
        switch (format) {
            case CSV -> writeCsv(kudos, out);
            case JSON -> writeJson(kudos, out);
        }
        out.flush();
    }

    private static void writeCsv(List<Kudos> kudos, Writer out) throws IOException {
        // Not closed: closing a CSVPrinter closes the caller's writer.
        CSVPrinter printer = new CSVPrinter(out, CSV);
        for (Kudos k : kudos) {
            List<Object> cells = new ArrayList<>();
            for (Field field : Field.values()) {
                cells.add(cell(field.value.apply(k)));
            }
            printer.printRecord(cells);
        }
        printer.flush();
    }

    private static void writeJson(List<Kudos> kudos, Writer out) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Kudos k : kudos) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (Field field : Field.values()) {
                record.put(field.label, field.value.apply(k));
            }
            records.add(record);
        }
        JSON.writeValue(out, records);
    }

    private static Object cell(Object value) {
        if (value instanceof List<?> ids) {
            return defuse(String.join(" ", ids.stream().map(String::valueOf).toList()));
        }
        return value instanceof String s ? defuse(s) : value;
    }

    /**
     * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
     * kudos text like "=HYPERLINK(...)" could act on the reviewer's machine. A leading quote makes the
     * cell plain text. JSON is not evaluated, so it keeps the text exactly as given.
     */
    private static String defuse(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Integer score(Kudos k, ToIntFunction<Rubric> part) {
        return k.rubric() == null ? null : part.applyAsInt(k.rubric());
    }
}
