/**
 * The skill-independent shape of an instruction: what a winning prompt of one skill can lend
 * another without its words ("prioritized metadata" in the seed's example is a shape, not a
 * vocabulary). The target keeps its own task line and rules, which name its schema's fields.
 */
export interface InstructionStructure {
  /** A thinking style the instruction opens with, if it opens with a known one. */
  lead: string | null;
  /** How the rules are laid out. */
  form: 'dashes' | 'numbered' | 'sentences';
  /** Whether a `Rules:` line introduces them. */
  header: boolean;
}

const NUMBERED = /^\d+[.)]\s+/;
const DASHED = /^[-*•]\s+/;
const HEADER = /^rules\s*:?\s*$/i;
const JSON_RULE = /json/i;

/** Reads the structure of an instruction; `styles` are the thinking styles a lead may be. */
export function structureOf(instruction: string, styles: readonly string[]): InstructionStructure {
  const lines = instruction
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const lead = lines[0] !== undefined && styles.includes(lines[0]) ? lines[0] : null;
  const rules = lines.slice(lead ? 1 : 0);
  const numbered = rules.filter((l) => NUMBERED.test(l)).length;
  const dashed = rules.filter((l) => DASHED.test(l)).length;
  const form = numbered >= 2 ? 'numbered' : dashed >= 2 ? 'dashes' : 'sentences';
  return { lead, form, header: rules.some((l) => HEADER.test(l)) };
}

/** One line, e.g. `numbered rules under "Rules:", "Think step by step." first`. */
export function describeStructure(structure: InstructionStructure): string {
  const form = { dashes: 'dashed rules', numbered: 'numbered rules', sentences: 'rules as sentences' }[
    structure.form
  ];
  return [
    structure.header ? `${form} under "Rules:"` : form,
    ...(structure.lead ? [`"${structure.lead}" first`] : []),
  ].join(', ');
}

/**
 * The target instruction laid out in `structure`: its task line, then its own rules in that form
 * (the JSON rule kept last), with the structure's lead in front. `null` when nothing changes.
 */
export function applyStructure(
  instruction: string,
  structure: InstructionStructure,
  styles: readonly string[],
): string | null {
  const lines = instruction
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const body = lines[0] !== undefined && styles.includes(lines[0]) ? lines.slice(1) : lines;
  const [task, ...rest] = body;
  if (task === undefined) return null;
  const rules = rest
    .filter((l) => !HEADER.test(l))
    .map((l) => l.replace(NUMBERED, '').replace(DASHED, '').trim())
    .filter(Boolean);
  const jsonRules = rules.filter((l) => JSON_RULE.test(l) && l.length < 40);
  const others = rules.filter((l) => !jsonRules.includes(l));
  const laid =
    structure.form === 'sentences'
      ? others.length > 0
        ? [others.map((l) => (/[.!?]$/.test(l) ? l : `${l}.`)).join(' ')]
        : []
      : others.map((l, i) => (structure.form === 'numbered' ? `${i + 1}. ${l}` : `- ${l}`));
  const result = [
    ...(structure.lead ? [structure.lead] : []),
    task,
    ...(structure.header && laid.length > 0 ? ['Rules:'] : []),
    ...laid,
    ...jsonRules,
  ].join('\n');
  return result === lines.join('\n') ? null : result;
}
