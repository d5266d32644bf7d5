/**
 * Runs requests one batch at a time: while a batch is with the database, new requests queue, and the next
 * batch takes them all. Under load many turns share one statement; when idle a request goes at once, or
 * after a short group-commit window when one is set.
 */
export class Coalescer<I, O> {
  private queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  /**
   * @param runBatch answers every input of a batch, in order: a value, or an Error for that input alone.
   * @param take how many of the queued inputs may share the next batch (e.g. no key twice); default all.
   */
  constructor(
    private readonly runBatch: (inputs: I[]) => Promise<(O | Error)[]>,
    private readonly take: (queued: I[]) => number = (queued) => queued.length,
    /** Group commit: an idle coalescer waits this long for company before it runs (0: at once). */
    private readonly windowMs = 0,
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.running) return;
      this.running = true;
      if (this.windowMs > 0) setTimeout(() => void this.drain(), this.windowMs);
      else void this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const n = Math.max(1, this.take(this.queue.map((q) => q.input)));
        const batch = this.queue.splice(0, n);
        try {
          const results = await this.runBatch(batch.map((b) => b.input));
          batch.forEach((b, i) => (results[i] instanceof Error ? b.reject(results[i]) : b.resolve(results[i] as O)));
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
