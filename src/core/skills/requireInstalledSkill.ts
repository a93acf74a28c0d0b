import { type CoreContext, UserInputError } from '../coreContext';
import { isSkillId, skillIds } from './skillRegistry';

/** Turns an unknown or missing skill id into a one-line user error. */
export function requireInstalledSkill(ctx: CoreContext, skill: string): void {
  if (!isSkillId(skill))
    throw new UserInputError(`unknown skill "${skill}"; known skills: ${skillIds.join(', ')}`, {
      code: 'unknown-skill',
      skill,
      known: skillIds,
    });
  if (!ctx.store.prompts.getSkill(skill))
    throw new UserInputError(`skill ${skill} is not installed`, { code: 'skill-not-installed', skill });
}
