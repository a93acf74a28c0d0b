import type { ArmPosteriorView } from '../../../shared/ipc/stateSchemas';

const armLabel = (arm: string) => (arm === 'original' ? 'Current' : `Variant ${arm}`);

/** P(best) per arm as bars; every number comes from main. */
export function PosteriorBars({
  arms,
  leader,
}: {
  arms: readonly ArmPosteriorView[];
  leader?: string | null;
}) {
  return (
    <ul className="posterior" aria-label="Chance each prompt is best">
      {arms.map((arm) => (
        <li key={arm.arm} className={arm.arm === leader ? 'leader' : undefined}>
          <span className="arm">{armLabel(arm.arm)}</span>
          {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; <meter> cannot be styled alike across engines */}
          <span
            className="track"
            role="meter"
            aria-label={`${armLabel(arm.arm)}: P(best)`}
            aria-valuemin={0}
            aria-valuemax={1}
            aria-valuenow={arm.pBest}
            aria-valuetext={`${Math.round(arm.pBest * 100)}%, ${arm.wins} wins, ${arm.losses} losses`}
          >
            <span className="fill" style={{ width: `${(arm.pBest * 100).toFixed(1)}%` }} />
          </span>
          <span className="value" data-testid={`pbest-${arm.arm}`}>
            {Math.round(arm.pBest * 100)}%
          </span>
        </li>
      ))}
    </ul>
  );
}

export { armLabel };
