package io.holdfast.kudos;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.holdfast.kudos.KudosExport.Format;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recognition log as reviewers receive it: every field in order, text intact, nothing a spreadsheet would run. */
class KudosExportTest {
    static final List<String> FIELDS = List.of("number", "given_at", "giver", "recipients", "account", "text", "verified_by", "verified_at",
            "impact", "speed", "creativity", "rubric_total");
    static final String TRICKY = "Fixed the \"SSO\" outage, at 2 a.m.\nsaved the café's renewal ✓";

    static final Kudos VERIFIED = kudos(7, "Acme, Inc.", TRICKY, List.of("UANA", "UBEN"), "ULEAD", Instant.parse("2026-11-04T10:00:00Z"),
            new Rubric(3, 2, 2));
    static final Kudos UNVERIFIED = kudos(8, "Globex", "=SUM(A1) was wrong in the client's sheet, so Ana rebuilt their forecast in a day",
            List.of("UANA"), null, null, null);

    static Kudos kudos(long number, String account, String text, List<String> recipients, String verifier, Instant verifiedAt, Rubric rubric) {
        return new Kudos(number * 10, 1, number, 5, account, "UGIVER", recipients, text, "C0WINS", Instant.parse("2026-11-03T09:15:30.250Z"),
                verifier, verifiedAt, rubric, 1);
    }

    static String export(List<Kudos> kudos, Format format) throws IOException {
        StringWriter out = new StringWriter();
        KudosExport.write(kudos, format, out);
        return out.toString();
    }

    static List<CSVRecord> parseCsv(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(FIELDS, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    @Test
    void csvHasOneRecordPerKudosWithTheHeaderAndTextIntact() throws IOException {
        List<CSVRecord> records = parseCsv(export(List.of(VERIFIED, UNVERIFIED), Format.CSV));

        assertEquals(2, records.size());
        CSVRecord verified = records.get(0);
        assertAll(
                () -> assertEquals("7", verified.get("number")),
                () -> assertEquals("2026-11-03T09:15:30.250Z", verified.get("given_at")),
                () -> assertEquals("UGIVER", verified.get("giver")),
                () -> assertEquals("UANA UBEN", verified.get("recipients")),
                () -> assertEquals("Acme, Inc.", verified.get("account")),
                () -> assertEquals(TRICKY, verified.get("text")),
                () -> assertEquals("ULEAD", verified.get("verified_by")),
                () -> assertEquals("2026-11-04T10:00:00Z", verified.get("verified_at")),
                () -> assertEquals("3", verified.get("impact")),
                () -> assertEquals("2", verified.get("speed")),
                () -> assertEquals("2", verified.get("creativity")),
                () -> assertEquals("7", verified.get("rubric_total")));
    }

    @Test
    void csvLeavesVerificationEmptyAndDefusesAFormulaInTheText() throws IOException {
        CSVRecord unverified = parseCsv(export(List.of(UNVERIFIED), Format.CSV)).get(0);

        assertAll(
                () -> assertEquals("8", unverified.get("number")),
                () -> assertEquals("UANA", unverified.get("recipients")),
                () -> assertEquals("'=SUM(A1) was wrong in the client's sheet, so Ana rebuilt their forecast in a day", unverified.get("text")),
                () -> assertEquals("", unverified.get("verified_by")),
                () -> assertEquals("", unverified.get("verified_at")),
                () -> assertEquals("", unverified.get("impact")),
                () -> assertEquals("", unverified.get("speed")),
                () -> assertEquals("", unverified.get("creativity")),
                () -> assertEquals("", unverified.get("rubric_total")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+44 20 7946 0000 called back", "-1 escalation this week", "@channel saved by Ben", "\t=cmd"})
    void everyCellAFormulaCouldStartIsPrefixedWithAQuote(String dangerous) throws IOException {
        Kudos k = kudos(9, dangerous, dangerous, List.of(dangerous), null, null, null);

        CSVRecord record = parseCsv(export(List.of(k), Format.CSV)).get(0);

        assertAll(
                () -> assertEquals("'" + dangerous, record.get("text")),
                () -> assertEquals("'" + dangerous, record.get("account")),
                () -> assertEquals("'" + dangerous, record.get("recipients")));
    }

    @Test
    void jsonIsAnArrayOfObjectsWithTheSameFieldsAndTheExactText() throws IOException {
        JsonNode array = new ObjectMapper().readTree(export(List.of(VERIFIED, UNVERIFIED), Format.JSON));

        assertTrue(array.isArray());
        assertEquals(2, array.size());
        JsonNode verified = array.get(0);
        List<String> names = new ArrayList<>();
        verified.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names);
        assertAll(
                () -> assertEquals(7, verified.get("number").asLong()),
                () -> assertEquals("2026-11-03T09:15:30.250Z", verified.get("given_at").asText()),
                () -> assertEquals("UGIVER", verified.get("giver").asText()),
                () -> assertEquals(List.of("UANA", "UBEN"), List.of(verified.get("recipients").get(0).asText(),
                        verified.get("recipients").get(1).asText())),
                () -> assertEquals(2, verified.get("recipients").size()),
                () -> assertEquals("Acme, Inc.", verified.get("account").asText()),
                () -> assertEquals(TRICKY, verified.get("text").asText()),
                () -> assertEquals("ULEAD", verified.get("verified_by").asText()),
                () -> assertEquals("2026-11-04T10:00:00Z", verified.get("verified_at").asText()),
                () -> assertTrue(verified.get("impact").isInt()),
                () -> assertEquals(3, verified.get("impact").asInt()),
                () -> assertEquals(2, verified.get("speed").asInt()),
                () -> assertEquals(2, verified.get("creativity").asInt()),
                () -> assertEquals(7, verified.get("rubric_total").asInt()));
    }

    @Test
    void jsonKeepsAFormulaAsTextAndGivesNullsUntilVerified() throws IOException {
        JsonNode unverified = new ObjectMapper().readTree(export(List.of(UNVERIFIED), Format.JSON)).get(0);

        assertAll(
                () -> assertEquals(UNVERIFIED.text(), unverified.get("text").asText()),
                () -> assertTrue(unverified.get("recipients").isArray()),
                () -> assertTrue(unverified.get("verified_by").isNull()),
                () -> assertTrue(unverified.get("verified_at").isNull()),
                () -> assertTrue(unverified.get("impact").isNull()),
                () -> assertTrue(unverified.get("speed").isNull()),
                () -> assertTrue(unverified.get("creativity").isNull()),
                () -> assertTrue(unverified.get("rubric_total").isNull()));
    }

    @Test
    void anEmptyLogIsStillAFileAToolCanRead() throws IOException {
        assertEquals(List.of(), parseCsv(export(List.of(), Format.CSV)));
        assertEquals(0, new ObjectMapper().readTree(export(List.of(), Format.JSON)).size());
    }

    @Test
    void theCallersWriterStaysOpen() throws IOException {
        for (Format format : Format.values()) {
            ClosingWatcher out = new ClosingWatcher();
            KudosExport.write(List.of(VERIFIED), format, out);
            assertFalse(out.closed, format + " closed the writer");
        }
    }

    @Test
    void formatNamesAreReadInAnyCase() {
        assertAll(
                () -> assertEquals(Format.CSV, Format.parse("csv").orElseThrow()),
                () -> assertEquals(Format.JSON, Format.parse("JSON").orElseThrow()),
                () -> assertTrue(Format.parse("xlsx").isEmpty()));
    }

    /** Standard output is the usual writer here, and closing it would silence the rest of the process. */
    static final class ClosingWatcher extends StringWriter {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
