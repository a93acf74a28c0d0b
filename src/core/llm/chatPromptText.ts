import { type LlamaModel, LlamaText, resolveChatWrapper, SpecialTokensText } from 'node-llama-cpp';

/**
 * The prompt for one system + user turn, ending where the assistant's answer starts.
 * ChatML models (SmolLM2) get the template written out here: a chat session would add its own
 * default system prompt, and a fixed text keeps the prefix identical across calls so its
 * evaluation is reused. Only the template's markers are special tokens: a `<|im_start|>` typed into
 * the user's text stays text. Other models use the chat wrapper node-llama-cpp resolves for them.
 */
export function chatPromptText(model: LlamaModel, system: string, user: string): LlamaText {
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  if (typeof template === 'string' && template.includes('<|im_start|>')) {
    const marker = (text: string) => new SpecialTokensText(text);
    return LlamaText([
      marker('<|im_start|>'),
      `system\n${system}`,
      marker('<|im_end|>'),
      '\n',
      marker('<|im_start|>'),
      `user\n${user}`,
      marker('<|im_end|>'),
      '\n',
      marker('<|im_start|>'),
      'assistant\n',
    ]);
  }
  const wrapper = resolveChatWrapper(model);
  return wrapper.generateContextState({
    chatHistory: [
      { type: 'system', text: system },
      { type: 'user', text: user },
      { type: 'model', response: [] },
    ],
  }).contextText;
}
