/**
 * The memory one model call runs against. Teams AI's planner reads and writes `scope.name` values
 * (the input, the rendered sources, the streamer); keeping them in a throwaway object means a model
 * call never touches the conversation's stored state.
 */
import type { Memory } from '@microsoft/teams-ai';

export class CallMemory implements Memory {
  private readonly values = new Map<string, unknown>();

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.setValue(key, value);
  }

  deleteValue(path: string): void {
    this.values.delete(normalise(path));
  }

  hasValue(path: string): boolean {
    return this.values.has(normalise(path));
  }

  getValue<TValue = unknown>(path: string): TValue {
    return this.values.get(normalise(path)) as TValue;
  }

  setValue(path: string, value: unknown): void {
    this.values.set(normalise(path), value);
  }
}

/** Teams AI templates write `{{$input}}` for `temp.input`. */
const normalise = (path: string) => (path.includes('.') ? path : `temp.${path}`);
