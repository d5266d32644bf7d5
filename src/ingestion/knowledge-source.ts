/**
 * The document index answers come from. A document the bot adds while running (a meeting paper it
 * generated) is indexed by re-reading every document and swapping the whole index in, so readers take
 * `current` each time they need it and never keep one.
 */
import type { KnowledgeBase } from './knowledge-base';

export class KnowledgeSource {
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private knowledge: KnowledgeBase,
    private readonly load: () => Promise<KnowledgeBase>,
  ) {}

  get current(): KnowledgeBase {
    return this.knowledge;
  }

  /** Re-reads the documents and swaps the index in; one reload at a time, a later one waits and runs again. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .catch(() => undefined)
      .then(async () => {
        this.knowledge = await this.load();
      });
    return this.reloading;
  }
}
