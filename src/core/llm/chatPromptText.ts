import type { ChatHistoryItem, LlamaModel, LlamaText } from 'node-llama-cpp';
import type { ChatTurn } from './languageModel';
import { loadNodeLlamaCpp } from './nodeLlamaCpp';

/**
 * The prompt for a system message, earlier user/assistant turns (demonstrations) and the last user
 * message, ending where the assistant's answer starts.
 * ChatML models (SmolLM2) get the template written out here: a chat session would add its own
 * default system prompt, and a fixed text keeps the prefix identical across calls so its
 * evaluation is reused. Only the template's markers are special tokens: a `<|im_start|>` typed into
 * the user's text stays text. Other models use the chat wrapper node-llama-cpp resolves for them.
 */
export async function chatPromptText(
  model: LlamaModel,
  system: string,
  user: string,
  turns: readonly ChatTurn[] = [],
): Promise<LlamaText> {
  const { LlamaText, resolveChatWrapper, SpecialTokensText } = await loadNodeLlamaCpp();
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  if (typeof template === 'string' && template.includes('<|im_start|>')) {
    const marker = (text: string) => new SpecialTokensText(text);
    const message = (role: string, text: string) => [
      marker('<|im_start|>'),
      `${role}\n${text}`,
      marker('<|im_end|>'),
      '\n',
    ];
    return LlamaText([
      ...message('system', system),
      ...turns.flatMap((turn) => [...message('user', turn.user), ...message('assistant', turn.assistant)]),
      ...message('user', user),
      marker('<|im_start|>'),
      'assistant\n',
    ]);
  }
  const wrapper = resolveChatWrapper(model);
  const history: ChatHistoryItem[] = [
    { type: 'system', text: system },
    ...turns.flatMap((turn): ChatHistoryItem[] => [
      { type: 'user', text: turn.user },
      { type: 'model', response: [turn.assistant] },
    ]),
    { type: 'user', text: user },
    { type: 'model', response: [] },
  ];
  return wrapper.generateContextState({ chatHistory: history }).contextText;
}
