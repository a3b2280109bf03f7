package io.holdfast.promise;

import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.UserInputException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads "[@owner] Account: what by when". The account is everything before the first colon; the due
 * phrase is everything after the last " by ", so "call by phone by friday" keeps "call by phone".
 */
record PromiseSentence(String ownerId, String account, String what, String when) {
    static final String EXAMPLE = "/promise Acme Corp: send the SOC2 report by friday";
    static final int MAX_TEXT = 2000;

    static PromiseSentence parse(Invocation invocation) {
        String text = invocation.text();
        String ownerId = invocation.actor().userId();
        Optional<Mentions.Leading> owner = Mentions.leading(text);
        if (owner.isPresent()) {
            ownerId = owner.get().userId();
            text = owner.get().rest();
        }
        int colon = Mentions.firstOutsideMentions(text, ':');
        if (colon < 0) {
            throw new UserInputException("Put the client's account first, then a colon. Example: " + EXAMPLE);
        }
        String account = invocation.plain(text.substring(0, colon)).strip();
        String rest = text.substring(colon + 1).strip();
        if (account.isEmpty()) {
            throw new UserInputException("Which account is this promise for? Example: " + EXAMPLE);
        }
        if (account.length() > 100) {
            throw new UserInputException("That account name is over 100 characters. Example: " + EXAMPLE);
        }
        int by = rest.toLowerCase(Locale.ROOT).lastIndexOf(" by ");
        if (by < 0 && rest.toLowerCase(Locale.ROOT).startsWith("by ")) {
            by = 0;
        }
        if (by < 0) {
            throw new UserInputException("When is it due? End with \"by\" and a date. Example: " + EXAMPLE);
        }
        String what = invocation.plain(rest.substring(0, by)).strip();
        String when = rest.substring(by).strip().substring(2).strip();
        if (what.isEmpty()) {
            throw new UserInputException("What did you promise? Example: " + EXAMPLE);
        }
        if (what.length() > MAX_TEXT) {
            throw new UserInputException("That promise is " + what.length() + " characters; keep it to " + MAX_TEXT
                    + " and put details in the card's thread. Example: " + EXAMPLE);
        }
        return new PromiseSentence(ownerId, account, what, when);
    }
}
