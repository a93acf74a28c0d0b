import { randomBytes } from 'node:crypto';

/**
 * Short random id with a readable prefix (`s-1f3a9c2e`), typed by people on the command line.
 * 32 random bits: collisions are irrelevant at a person's volume of sessions, and the primary key
 * would reject one anyway.
 */
export function newId(prefix: string, bytes = 4): string {
  return `${prefix}-${randomBytes(bytes).toString('hex')}`;
}
