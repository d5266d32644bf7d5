/**
 * A promise queue: one holder at a time, in arrival order. PGlite has a single connection, so a
 * transaction's statements must not interleave with anyone else's; every use of it goes through this.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `fn` once everyone queued before has finished; a failure is passed on but does not jam the queue. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
