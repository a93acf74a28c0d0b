import type { Variant } from '../store/sessionRepository';
import { CONTROL_ARM } from './comparison';

/** Arms of a session in display order: the control first, then the variants still in the test. */
export function armsOf(variants: readonly Pick<Variant, 'letter' | 'status'>[]): string[] {
  return [CONTROL_ARM, ...variants.filter((v) => v.status !== 'rejected').map((v) => v.letter)];
}
