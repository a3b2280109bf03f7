package io.holdfast.slack;

import io.holdfast.testing.SlackEndToEnd;
import org.junit.jupiter.api.BeforeEach;

/** The people the /promise suites work with: owners in two time zones, a bystander and a workspace admin. */
abstract class PromiseTeam extends SlackEndToEnd {
    static final String LEE = "ULEE";
    static final String KIM = "UKIM";
    static final String SAM = "USAM";
    static final String ADMIN = "UADMIN";

    @BeforeEach
    void meetTheTeam() {
        holdfast.slack.user(LEE, "Lee", "America/New_York", false)
                .user(KIM, "Kim", "Europe/Berlin", false)
                .user(SAM, "Sam", "America/New_York", false)
                .user(ADMIN, "Ada", "America/New_York", true);
    }
}
