package dev.destsdk.activation.state;

/**
 * Keeps, per target, a digest of the mapped values each merge key last had when it was written successfully, so that
 * a change-only sync sends only what changed. An SPI: {@link MvStoreStateStore} is the embedded default; a connector
 * or executor may keep state elsewhere (a table, an object store).
 *
 * <p>Contract: only digests of records the API accepted are ever recorded, and {@link StateSession#commit()} makes
 * the recorded ones durable. A crash before a commit loses recorded digests, which only makes the next sync send
 * those records again: a record is never marked sent that was not. Thread-safe; close it when done.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Opens the state of one target.
     *
     * @param scope the target's scope (object and merge keys, see
     *     {@link dev.destsdk.activation.plan.ActivationPlan#stateScope()}); not null
     * @return the session; close it
     */
    StateSession open(String scope);

    /** Releases the store. */
    @Override
    void close();
}
