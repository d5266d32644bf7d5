/**
 * "Something was queued": services raise it after committing an outbox row, and the delivery worker,
 * when it runs, listens and looks for due rows at once rather than at its next poll. Created before both,
 * so neither has to wait for the other to exist.
 */
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  /** Tells every listener; safe to call with none (the worker polls anyway). */
  readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };

  /** Returns the function that stops listening. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
