import type { SkillSummary } from '../../../shared/ipc/stateSchemas';

const WIDTH = 72;
const HEIGHT = 20;

/** Daily accuracy as a line, with the evolution threshold dashed; days without feedback are gaps. */
export function Sparkline({ points, threshold }: { points: SkillSummary['sparkline']; threshold: number }) {
  const step = points.length > 1 ? WIDTH / (points.length - 1) : WIDTH;
  const y = (accuracy: number) => 3 + (1 - accuracy) * (HEIGHT - 6);
  const segments: string[][] = [];
  let current: string[] = [];
  points.forEach((point, i) => {
    if (point.accuracy === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(`${(i * step).toFixed(1)},${y(point.accuracy).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current);
  const known = points.filter((p) => p.accuracy !== null);
  const label =
    known.length === 0
      ? 'No feedback in this period'
      : `Daily accuracy over ${points.length} days: ${known.map((p) => `${Math.round((p.accuracy ?? 0) * 100)}%`).join(', ')}`;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <line className="threshold" x1={0} x2={WIDTH} y1={y(threshold)} y2={y(threshold)} />
      {segments.map((segment) =>
        segment.length === 1 ? (
          <circle key={segment[0]} cx={segment[0]?.split(',')[0]} cy={segment[0]?.split(',')[1]} r={1.6} />
        ) : (
          <polyline key={segment.join(' ')} points={segment.join(' ')} />
        ),
      )}
    </svg>
  );
}
