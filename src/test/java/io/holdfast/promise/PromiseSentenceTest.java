package io.holdfast.promise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Actor;
import io.holdfast.core.Invocation;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.UserInputException;
import io.holdfast.core.time.BusinessCalendar;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How "[@owner] Account: what by when" is read, and what a person is told when it can't be. */
class PromiseSentenceTest {
    static final String ME = "UME";
    static final Tenant TENANT = new Tenant(1, Platform.SLACK, "T1", ZoneOffset.UTC, BusinessCalendar.weekdays());
    static final Map<String, String> LABELS = Map.of("ULEE", "lee", "UBOSS", "boss");

    private static PromiseSentence parse(String text) {
        return PromiseSentence.parse(new Invocation(new Actor(TENANT, ME, ZoneOffset.UTC, false), "C1", text, LABELS));
    }

    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of("the simplest promise is mine",
                        "Acme Corp: send the SOC2 report by friday", ME, "Acme Corp", "send the SOC2 report", "friday"),
                Arguments.of("a mention first names the owner",
                        "<@ULEE> Globex: call back about the invoice by tomorrow 3pm", "ULEE", "Globex", "call back about the invoice",
                        "tomorrow 3pm"),
                Arguments.of("the owner mention needs no space after it",
                        "<@ULEE>Globex: call back by friday", "ULEE", "Globex", "call back", "friday"),
                Arguments.of("the account ends at the first colon",
                        "Acme: ship v2: the new API by friday", ME, "Acme", "ship v2: the new API", "friday"),
                Arguments.of("what runs to the last \" by \"",
                        "Acme: call by phone by friday", ME, "Acme", "call by phone", "friday"),
                Arguments.of("\"by\" inside a word is not the due",
                        "Acme: update the bylaws nearby by monday", ME, "Acme", "update the bylaws nearby", "monday"),
                Arguments.of("\"by\" in any case",
                        "Acme: send it BY Friday 9am", ME, "Acme", "send it", "Friday 9am"),
                Arguments.of("mentions in the text become @names",
                        "Acme: tell <@UBOSS> and <@ULEE> it's done by friday", ME, "Acme", "tell @boss and @lee it's done", "friday"),
                Arguments.of("a mention without a known name keeps its id",
                        "Acme: loop in <@UNEW> by friday", ME, "Acme", "loop in @UNEW", "friday"),
                Arguments.of("a mention in the account becomes an @name too",
                        "<@ULEE> <@UBOSS>'s team: a by friday", "ULEE", "@boss's team", "a", "friday"),
                Arguments.of("spaces around the parts are dropped",
                        "  Acme Corp   :    send it    by    friday   ", ME, "Acme Corp", "send it", "friday"),
                Arguments.of("an account of exactly 100 characters is fine",
                        "A".repeat(100) + ": x by friday", ME, "A".repeat(100), "x", "friday"),
                Arguments.of("a colon inside a mention id does not end the account",
                        "<@29:1abc> Acme: send <@29:1abc> a note by friday", "29:1abc", "Acme", "send @29:1abc a note", "friday"),
                Arguments.of("a promise of exactly 2000 characters is fine",
                        "Acme: " + "x".repeat(2000) + " by friday", ME, "Acme", "x".repeat(2000), "friday"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sentences")
    void readsOwnerAccountWhatAndWhen(String name, String typed, String owner, String account, String what, String when) {
        PromiseSentence sentence = parse(typed);

        assertEquals(new PromiseSentence(owner, account, what, when), sentence);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("no colon", "Acme Corp send the report by friday", "Put the client's account first, then a colon"),
                Arguments.of("no account", ": send the report by friday", "Which account is this promise for?"),
                Arguments.of("only an owner before the colon", "<@ULEE> : send the report by friday", "Which account is this promise for?"),
                Arguments.of("an account over 100 characters", "A".repeat(101) + ": x by friday", "over 100 characters"),
                Arguments.of("no \"by\"", "Acme Corp: send the report", "When is it due?"),
                Arguments.of("\"by\" only glued to a word", "Acme Corp: send the report bytomorrow", "When is it due?"),
                Arguments.of("nothing promised", "Acme Corp: by friday", "What did you promise?"),
                Arguments.of("only spaces promised", "Acme Corp:    by friday", "What did you promise?"),
                Arguments.of("a promise over 2000 characters", "Acme: " + "x".repeat(2001) + " by friday",
                        "That promise is 2001 characters; keep it to 2000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void saysWhatIsWrongAndShowsAnExample(String name, String typed, String fragment) {
        UserInputException e = assertThrows(UserInputException.class, () -> parse(typed));

        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().endsWith("Example: " + PromiseSentence.EXAMPLE), e.getMessage());
    }
}
