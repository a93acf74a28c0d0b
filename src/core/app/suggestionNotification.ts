import type { SuggestionView } from '../../shared/ipc/suggestionSchemas';
import { getSkill, isSkillId } from '../skills/skillRegistry';
import { choiceNotification, type NotificationLook, type NotificationSpec } from './choiceNotification';

/**
 * The notification that asks about one suggestion, in the words its skill declares
 * (`presentation.suggestionNotice`: a rename with Rename / Keep Name, a change summary with Good /
 * Not Useful…). When an A/B test asks about the task, the comparison is asked instead. Without
 * buttons, the body ends with what a click does.
 */
export function suggestionNotification(suggestion: SuggestionView, look: NotificationLook): NotificationSpec {
  if (suggestion.choice) return choiceNotification(suggestion.choice, look);
  const notice = (isSkillId(suggestion.skill)
    ? getSkill(suggestion.skill).presentation.suggestionNotice?.(suggestion.detail, suggestion.file)
    : undefined) ?? { title: `${suggestion.skillName}: ${suggestion.file.name}`, body: '', actions: [] };
  const clickHint = look.clickHint ?? 'Click to answer in tinyArms.';
  const buttons = look.actions && notice.actions.length > 0;
  return {
    title: notice.title,
    subtitle: suggestion.file.folder,
    body: buttons ? notice.body : [notice.body, clickHint].filter(Boolean).join('\n'),
    actions: buttons ? notice.actions : [],
    silent: !look.sound,
  };
}
