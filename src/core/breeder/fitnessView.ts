import { fileNaming, fileNamingRawOutputSchema } from '../skills/fileNaming';
import type { AnySkillDefinition } from '../skills/skillRegistry';

/**
 * How the breeder runs a skill for fitness: the skill itself, or a projection of it whose grammar
 * stops after the fields the scorer reads. Under greedy decoding the tokens of those leading fields
 * are the same as with the full grammar (same prefix, same constraints up to that point), so the
 * score is unchanged while the output shrinks: for file naming ~15 tokens instead of ~60, and
 * generation is 75–85% of a call (DESIGN §7).
 */
export interface FitnessView {
  /** What {@link runTemplate} is given. */
  skill: AnySkillDefinition;
  /** Generation cap per fitness call. */
  maxTokens: number;
  /** Rebuilds a full structural output from a projected one, for the skill's scorer. */
  complete(output: unknown): unknown;
}

const fileNamingFilenameOnly = fileNamingRawOutputSchema.pick({ filename: true });

/** The fitness projection of a skill; the identity for skills whose scorer reads every field. */
export function fitnessView(skill: AnySkillDefinition): FitnessView {
  if (skill.id === 'file-naming') {
    // The scorer reads `filename` only (token F1 + format + extension). The cast is the price of a
    // projected schema on the registry's exact per-skill types; runTemplate only reads the fields set here.
    const projected = {
      ...fileNaming,
      rawOutputSchema: fileNamingFilenameOnly,
      outputSchema: fileNamingFilenameOnly,
      maxOutputTokens: 48,
    } as unknown as AnySkillDefinition;
    return {
      skill: projected,
      maxTokens: 48,
      complete: (output) => ({
        filename: (output as { filename: string }).filename,
        reasoning: '',
        alternatives: ['', ''],
      }),
    };
  }
  return { skill, maxTokens: skill.maxOutputTokens, complete: (output) => output };
}
