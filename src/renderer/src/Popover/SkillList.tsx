import type { EventPayloadOf } from '../../../shared/ipc/channels';
import type { SkillSummary } from '../../../shared/ipc/stateSchemas';
import { duration, percent } from '../common/format';
import { Sparkline } from '../common/Sparkline';

/** The run's share done: live from the last event when it is this skill's, else from the snapshot. */
function progressOf(skill: SkillSummary, evolution: EvolutionProgress | null): number {
  return evolution?.skill === skill.id ? evolution.fraction : (skill.session?.progress ?? 0);
}

function statusText(skill: SkillSummary, evolution: EvolutionProgress | null = null): string {
  switch (skill.status) {
    case 'testing':
      return `A/B ${skill.session?.votes ?? 0}/${skill.session?.maxVotes ?? 0}`;
    case 'evolving':
      // A due run waiting for the machine has not moved: "Evolving 0%" would say it is working.
      return evolution?.skill === skill.id && evolution.waitingFor !== null
        ? 'Waiting'
        : `Evolving ${Math.round(progressOf(skill, evolution) * 100)}%`;
    case 'healthy':
      return 'Healthy';
    case 'dropping':
      return 'Dropping';
    case 'insufficient-data':
      return 'Learning';
    default:
      return skill.status satisfies never;
  }
}

type EvolutionProgress = EventPayloadOf<'evolutionProgress'>;

/** The breeding run as it goes: "generation 2 of 3 · 41 calls · about 2 min left". */
function EvolutionLine({ live, onCancel }: { live: EvolutionProgress; onCancel(): void }) {
  return (
    <div className="evolution-live small" data-testid={`evolution-${live.skill}`}>
      <span className="muted evolution-status" role="status">
        <span className="ellipsis">{live.message ?? 'Breeding'}</span>
        {live.etaSeconds === null ? null : (
          <span className="nowrap"> · about {duration(live.etaSeconds)} left</span>
        )}
      </span>
      <button type="button" className="btn link" onClick={onCancel}>
        Stop
      </button>
    </div>
  );
}

/**
 * Each skill: name, prompt version, status, accuracy and its trend; a row opens the skill's history.
 * A skill that is evolving shows its run live (from `evolutionProgress`) with Stop.
 */
export function SkillList({
  skills,
  evolution = null,
  onOpen,
  onCancelEvolution = () => undefined,
}: {
  skills: readonly SkillSummary[];
  evolution?: EvolutionProgress | null;
  onOpen(skill: string): void;
  onCancelEvolution?(): void;
}) {
  return (
    <section className="skills" aria-labelledby="skills-title">
      <h2 id="skills-title" className="section-title">
        Skills
      </h2>
      <ul>
        {skills.map((skill) => (
          <li key={skill.id}>
            <button
              type="button"
              className="skill-row"
              onClick={() => onOpen(skill.id)}
              aria-label={`${skill.name}, prompt v${skill.version}, ${statusText(skill, evolution)}, accuracy ${percent(skill.accuracy)} from ${skill.samples} samples. Show history.`}
              title={skill.reason}
            >
              <span className="skill-main">
                <span className="skill-name ellipsis">{skill.name}</span>
                <span className="skill-meta small muted">
                  v{skill.version} · {skill.samples} samples
                </span>
              </span>
              <Sparkline points={skill.sparkline} threshold={skill.threshold} />
              <span className="skill-accuracy">{percent(skill.accuracy)}</span>
              <span className={`pill ${skill.status}`} data-testid={`status-${skill.id}`}>
                {statusText(skill, evolution)}
              </span>
              {skill.status === 'evolving' ? (
                <span
                  className="progress"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(progressOf(skill, evolution) * 100)}
                >
                  <span
                    className="progress-fill"
                    style={{ width: `${progressOf(skill, evolution) * 100}%` }}
                  />
                </span>
              ) : null}
            </button>
            {skill.status === 'evolving' && evolution?.skill === skill.id ? (
              <EvolutionLine live={evolution} onCancel={onCancelEvolution} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
