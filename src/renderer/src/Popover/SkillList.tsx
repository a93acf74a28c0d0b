import type { SkillSummary } from '../../../shared/ipc/stateSchemas';
import { percent } from '../common/format';
import { Sparkline } from '../common/Sparkline';

function statusText(skill: SkillSummary): string {
  switch (skill.status) {
    case 'testing':
      return `A/B ${skill.session?.votes ?? 0}/${skill.session?.maxVotes ?? 0}`;
    case 'evolving':
      return `Evolving ${Math.round((skill.session?.progress ?? 0) * 100)}%`;
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

/** Each skill: name, prompt version, status, accuracy and its trend; a row opens the skill's history. */
export function SkillList({
  skills,
  onOpen,
}: {
  skills: readonly SkillSummary[];
  onOpen(skill: string): void;
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
              aria-label={`${skill.name}, prompt v${skill.version}, ${statusText(skill)}, accuracy ${percent(skill.accuracy)} from ${skill.samples} samples. Show history.`}
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
                {statusText(skill)}
              </span>
              {skill.status === 'evolving' ? (
                <span
                  className="progress"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round((skill.session?.progress ?? 0) * 100)}
                >
                  <span
                    className="progress-fill"
                    style={{ width: `${(skill.session?.progress ?? 0) * 100}%` }}
                  />
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
