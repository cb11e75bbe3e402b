import { createHash, randomUUID } from 'node:crypto';

// A UUID (version 8: custom) from a SHA-256 digest, so that the same name always gives the same id.
function uuidOf(name: string): string {
  const hex = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The command's id: random, except under an Idempotency-Key, where every attempt of one request
 * (on any process) carries the same id, so that a retry can find in the log what an attempt that
 * died before answering already appended.
 */
export const commandIdOf = (idempotencyScope: string | null): string =>
  idempotencyScope === null ? randomUUID() : uuidOf(`command\n${idempotencyScope}`);

/** An id the server generates for the command (a lead's, a deal's): the same on every attempt. */
export const generatedId = (request: { commandId: string }, purpose: string): string =>
  uuidOf(`${request.commandId}\n${purpose}`);
