/**
 * Remembers recent offline answers. An offline answer is a pure function of the knowledge base, the
 * question and the conversation's context, and people ask the same things ("who leads autism?"), so a
 * small LRU saves the sentence scoring on repeats. One cache belongs to one knowledge base: a rebuilt
 * index gets a new cache.
 */
import type { Answer, AnswerContext } from './answer-types';

export class AnswerCache {
  private readonly entries = new Map<string, Answer>();

  constructor(private readonly capacity = 1000) {}

  /** Forgets every answer (the documents changed). */
  clear(): void {
    this.entries.clear();
  }

  /** The cached answer for this question in this context, computing and remembering it when absent. */
  get(question: string, context: AnswerContext, compute: () => Answer): Answer {
    if (this.capacity === 0) return compute();
    const key = JSON.stringify([
      question.toLowerCase().replace(/\s+/g, ' ').trim(),
      context.subject ?? '',
      context.relation ?? '',
      context.person ?? '',
      context.documents ?? [],
      context.named ?? [],
      context.lastQuestion ?? '',
      context.given ?? [],
    ]);
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert to mark it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return structuredClone(hit);
    }
    const answer = compute();
    this.entries.set(key, structuredClone(answer));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return answer;
  }

  get size(): number {
    return this.entries.size;
  }
}
