package io.holdfast.slack;

import com.slack.api.bolt.service.OAuthStateService;
import io.holdfast.store.OAuthStateStore;
import java.time.Duration;

/**
 * Bolt's {@link OAuthStateService} on our store, so an install begun on one replica can finish on
 * another. Bolt checks that the state in the redirect matches the browser's cookie and then asks
 * {@link #isAvailableInDatabase}, which accepts a state once: it is consumed in the same statement, so
 * a replayed or concurrent redirect with the same state is refused.
 */
final class SlackOAuthStates implements OAuthStateService {
    private final OAuthStateStore store;

    SlackOAuthStates(OAuthStateStore store) {
        this.store = store;
    }

    @Override
    public void addNewStateToDatastore(String state) {
        store.issue(state, Duration.ofSeconds(getExpirationInSeconds()));
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return store.consume(state);
    }

    /** Already consumed when it was accepted; Bolt calls this after a successful install to clear the cookie. */
    @Override
    public void deleteStateFromDatastore(String state) {
        // nothing left to delete: isAvailableInDatabase consumed it
    }
}
