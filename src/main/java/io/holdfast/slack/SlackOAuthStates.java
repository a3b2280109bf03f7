package io.holdfast.slack;

import com.slack.api.bolt.service.OAuthStateService;
import java.time.Duration;

/**
 * Bolt's {@link OAuthStateService} on signed states. Bolt puts the state in the browser's cookie and in
 * the Add to Slack link; on the redirect it checks that the two match and then asks
 * {@link #isAvailableInDatabase}, which accepts a state once, before Bolt spends the code: a replayed or
 * concurrent redirect with the same state is refused. Nothing is stored when a state is issued, so the
 * datastore hooks Bolt calls around that have nothing to do.
 */
final class SlackOAuthStates implements OAuthStateService {
    private final OAuthStateStore store;

    SlackOAuthStates(OAuthStateStore store) {
        this.store = store;
    }

    @Override
    public String generateNewStateValue() {
        return store.issue(Duration.ofSeconds(getExpirationInSeconds()));
    }

    @Override
    public void addNewStateToDatastore(String state) {
        // a signed state carries its own proof and expiry: nothing to store until it is used
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return store.consume(state);
    }

    /** Bolt calls this after a successful install, to clear the cookie; the state was already marked used when it was accepted. */
    @Override
    public void deleteStateFromDatastore(String state) {
        // nothing left to delete: isAvailableInDatabase marked it used
    }
}
