import type { SuggestionView } from '../shared/ipc/suggestionSchemas';
import { choiceNotification, type NotificationSpec } from './choiceNotification';

const LINE_MAX = 80;

function cut(text: string, max = LINE_MAX): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The notification that asks about one suggestion: a rename with Rename / Keep Name, a change
 * summary with Good / Not Useful, a voice note's actions with Keep All / None (keeping some is done
 * in the popover). When an A/B test asks about the task, the comparison is asked instead.
 * Without actions (not macOS), the body says a click opens it in tinyArms.
 */
export function suggestionNotification(
  suggestion: SuggestionView,
  options: { actions: boolean; sound: boolean },
): NotificationSpec {
  if (suggestion.choice) return choiceNotification(suggestion.choice, options);
  const { detail } = suggestion;
  let spec: { title: string; body: string; actions: string[] };
  switch (detail.skill) {
    case 'file-naming':
      spec = {
        title: `Rename ${cut(detail.from, 48)}?`,
        body: `→ ${cut(detail.to)}`,
        actions: ['Rename', 'Keep Name'],
      };
      break;
    case 'markdown-analysis':
      spec = {
        title: `Changes in ${cut(suggestion.file.name, 48)}`,
        body: cut(detail.summary, 160),
        actions: ['Good Summary', 'Not Useful'],
      };
      break;
    case 'audio-actions':
      spec = {
        title: `Actions from ${cut(suggestion.file.name, 48)}`,
        body: [cut(detail.summary), ...detail.actions.map((a) => `• ${cut(a.details, 60)}`)].join('\n'),
        actions: detail.actions.length > 0 ? ['Keep All', 'None'] : [],
      };
      break;
    default:
      return detail satisfies never;
  }
  return {
    title: spec.title,
    subtitle: suggestion.file.folder,
    body:
      options.actions && spec.actions.length > 0 ? spec.body : `${spec.body}\nClick to answer in tinyArms.`,
    actions: options.actions ? spec.actions : [],
    silent: !options.sound,
  };
}
