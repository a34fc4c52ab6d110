import type { Logger } from '../src/logger.js';

/**
 * Runs `tick` every `everyMs`, never two at once, logging failures and carrying on: a database or Redis
 * restart makes ticks fail for a while, and the loop must still be there when they come back.
 */
export function every(name: string, everyMs: number, tick: () => Promise<unknown>, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((error) => logger.warn({ err: error, loop: name }, 'background loop failed; retrying'))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
