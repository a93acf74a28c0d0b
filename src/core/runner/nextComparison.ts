import { armsOf } from '../bandit/armsOf';
import { banditSettingsFromConfig } from '../bandit/banditSettingsFromConfig';
import { chooseArmsToShow } from '../bandit/chooseArmsToShow';
import type { CoreContext } from '../coreContext';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import type { EvolutionSession } from '../store/sessionRepository';

/** The arms to show for the next comparison, as the allocator picks them now; null unless a session is testing. */
export function nextComparison(
  ctx: CoreContext,
  skill: string,
): { session: EvolutionSession; shown: string[] } | null {
  requireInstalledSkill(ctx, skill);
  const session = ctx.store.sessions.openSessionFor(skill);
  if (session?.status !== 'testing') return null;
  const arms = armsOf(ctx.store.sessions.variantsOf(session.id));
  const votes = ctx.store.sessions.votesOf(session.id);
  return { session, shown: chooseArmsToShow(arms, votes, banditSettingsFromConfig(ctx.config), ctx.rng) };
}
