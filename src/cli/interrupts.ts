/**
 * Calls `onFirst` on Ctrl-C (SIGINT) or SIGTERM, and ends the process on a second one (the user
 * insists while a command is closing). Answers the function that unregisters both.
 *
 * The listeners stay registered until unregistered: node-llama-cpp's `getLlama`, run with the first
 * model call (after this registration), adds a SIGINT listener that ends the process when it finds
 * no other listener; a `process.once` listener is already gone when it looks, so `tinyarms watch`
 * and `prompt evolve` died by the signal (exit 130) instead of closing.
 */
export function onInterrupt(onFirst: () => void): () => void {
  let signals = 0;
  const listener = () => {
    signals += 1;
    if (signals > 1) process.exit(130);
    onFirst();
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
