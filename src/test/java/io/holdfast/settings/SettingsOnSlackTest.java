package io.holdfast.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.SlackEndToEnd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /holdfast on Slack: the workspace's holiday calendar moves business-day due dates. */
class SettingsOnSlackTest extends SlackEndToEnd {

    @BeforeEach
    void start() throws Exception {
        holdfast.slack.user("UADMIN", "Ada", "America/New_York", true).user("ULEE", "Lee", "America/New_York", false);
    }

    private String say(String user, String command, String text) {
        return holdfast.command(user, command, text).json().get("text").getAsString();
    }

    @Test
    void anAdminsHolidayCountryMakesBusinessDaysSkipItsHolidays() {
        assertTrue(say("ULEE", "/promise", "Acme: a by in 2 business days").contains("due Thu 26 Nov 17:00"));

        String set = say("UADMIN", "/holdfast", "holidays us");
        assertTrue(set.contains("skip US public holidays"), set);

        assertTrue(say("ULEE", "/promise", "Acme: b by in 2 business days").contains("due Fri 27 Nov 17:00"), "Thanksgiving skipped");
        assertTrue(say("ULEE", "/holdfast", "").contains("US public holidays are days off"));

        say("UADMIN", "/holdfast", "holidays off");
        assertTrue(say("ULEE", "/promise", "Acme: c by in 2 business days").contains("due Thu 26 Nov 17:00"));
    }

    @Test
    void onlyAdminsChangeTheCalendarAndUnknownCountriesAreExplained() {
        assertTrue(say("ULEE", "/holdfast", "holidays US").contains("Only a workspace admin"));
        String unknown = say("UADMIN", "/holdfast", "holidays XX");
        assertTrue(unknown.contains("two-letter country code") && unknown.contains("Example: /holdfast holidays US"), unknown);
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM tenants WHERE holiday_country IS NOT NULL"));
    }

    @Test
    void aWorkspaceStartsInTheTimeZoneOfItsFirstPersonUntilAnAdminChooses() {
        holdfast.slack.user("UBERLIN", "Berta", "Europe/Berlin", false);

        say("UBERLIN", "/promise", "list");
        assertTrue(say("ULEE", "/holdfast", "timezone").contains("works in Europe/Berlin"), "the first person's zone, not UTC");

        say("UADMIN", "/holdfast", "timezone America/Chicago");
        assertTrue(say("UBERLIN", "/holdfast", "timezone").contains("works in America/Chicago"));
    }

    @Test
    void anAdminsWorkingHoursMoveEndOfDayAndBusinessHourClocks() {
        assertTrue(say("ULEE", "/holdfast", "hours 10:00-18:00").contains("Only a workspace admin"));
        assertTrue(say("UADMIN", "/holdfast", "hours 18:00-10:00").contains("must start before it ends"));
        assertTrue(say("UADMIN", "/holdfast", "hours 10:00-18:00").contains("now 10:00–18:00"));

        assertTrue(say("ULEE", "/promise", "Acme: send the deck by friday").contains("due Fri 27 Nov 18:00"), "a date means its end of day");
        String raised = say("ULEE", "/escalate", "Acme P2: exports fail");
        assertTrue(raised.contains("Acknowledge by Tue 24 Nov 14:00"), "4 business hours from 10:00: " + raised);
    }

    @Test
    void helpNamesEveryCommand() {
        String help = holdfast.command("ULEE", "/holdfast", "help").body();
        assertTrue(help.contains("/promise help") && help.contains("/escalate help") && help.contains("/kudos help"), help);
    }
}
