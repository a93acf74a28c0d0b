import type { PendingChoice } from '../../shared/ipc/stateSchemas';

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

/** How a notification is drawn on this surface. */
export interface NotificationLook {
  /** Whether the notifier shows buttons. */
  readonly actions: boolean;
  readonly sound: boolean;
  /**
   * The last body line when there are no buttons: what a click does on this surface.
   * @default "Click to choose in tinyArms." (a choice), "Click to answer in tinyArms." (a suggestion)
   */
  readonly clickHint?: string;
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
 * ("1: acme-invoice-july…") and the body lists the options in full; without, the body says what a
 * click does.
 */
export function choiceNotification(choice: PendingChoice, look: NotificationLook): NotificationSpec {
  const lines = choice.options.map((option, i) => `${i + 1}. ${cut(option.text, BODY_LINE_MAX)}`);
  const clickHint = look.clickHint ?? 'Click to choose in tinyArms.';
  return {
    title: `Which ${choice.skillName} result is better?`,
    subtitle: cut(choice.taskLine, BODY_LINE_MAX),
    body: look.actions ? lines.join('\n') : `${lines.join('\n')}\n${clickHint}`,
    actions: look.actions
      ? choice.options.map((option, i) => cut(`${i + 1}: ${option.text}`, ACTION_LABEL_MAX))
      : [],
    silent: !look.sound,
  };
}
