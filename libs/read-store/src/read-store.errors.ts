import type { GenerationRef, Lease } from './read-store.port.js';

// A write carried a fencing token older than the projection's lease: another process holds it now.
export class FencedError extends Error {
  readonly code = 'FENCED';
  constructor(
    readonly fence: Lease,
    detail: string,
  ) {
    super(
      `lease of ${fence.projection} (token ${fence.token}) is no longer held by ${fence.owner}: ${detail}`,
    );
  }
}

// The generation read was dropped (a blue/green swap moved on): read the serving one instead.
export class GenerationGoneError extends Error {
  readonly code = 'GENERATION_GONE';
  constructor(readonly ref: GenerationRef) {
    super(`generation ${ref.generation} of ${ref.projection} has been dropped`);
  }
}

// By code, not class: a test runner may load this module twice, in two realms.
export const isFenced = (error: unknown): error is FencedError =>
  (error as { code?: unknown } | null)?.code === 'FENCED';
export const isGenerationGone = (error: unknown): error is GenerationGoneError =>
  (error as { code?: unknown } | null)?.code === 'GENERATION_GONE';
