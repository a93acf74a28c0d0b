/**
 * Thinking styles that seed the initial population (our own list, in the spirit of Fernando et al.
 * 2023, Appendix). Short on purpose: every word is prompt tokens on a 135M model.
 */
export const THINKING_STYLES: readonly string[] = [
  'Think step by step.',
  'Focus on what the user will look for later.',
  'Prefer the most specific details: names, dates, places.',
  'Keep it short and plain.',
  'Say what matters first.',
  'Imagine explaining it to a busy colleague.',
  'Check every rule before answering.',
  'Use the exact words found in the content.',
  'Leave out anything generic.',
  'Think about how an expert would do it.',
  'Look for the single most important fact.',
  'Be consistent with the examples.',
];
