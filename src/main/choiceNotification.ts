import type { PendingChoice } from '../shared/ipc/stateSchemas';

/** A notification as plain data; the {@link Notifier} adapter draws it. */
export interface NotificationSpec {
  readonly title: string;
  /** Second line on macOS; folded into the body elsewhere by the adapter. */
  readonly subtitle: string;
  readonly body: string;
  /** Button labels, in the order of the choice's options; empty where actions are unsupported. */
  readonly actions: readonly string[];
  readonly silent: boolean;
}

/** macOS truncates action titles at about this many characters; we cut first, with an ellipsis. */
const ACTION_LABEL_MAX = 28;
const BODY_LINE_MAX = 80;

function cut(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The notification that asks for one comparison. With actions, each option is a numbered button
 * ("1: acme-invoice-july…") and the body lists the options in full; without, the body says a click
 * opens the choice in tinyArms.
 */
export function choiceNotification(
  choice: PendingChoice,
  options: { actions: boolean; sound: boolean },
): NotificationSpec {
  const lines = choice.options.map((option, i) => `${i + 1}. ${cut(option.text, BODY_LINE_MAX)}`);
  return {
    title: `Which ${choice.skillName} result is better?`,
    subtitle: cut(choice.taskLine, BODY_LINE_MAX),
    body: options.actions ? lines.join('\n') : `${lines.join('\n')}\nClick to choose in tinyArms.`,
    actions: options.actions
      ? choice.options.map((option, i) => cut(`${i + 1}: ${option.text}`, ACTION_LABEL_MAX))
      : [],
    silent: !options.sound,
  };
}
