/**
 * Waits for `work` at most `ms` milliseconds: past that, the answer is `onTimeout()`'s rejection (the work
 * itself carries on unobserved; its own failure is swallowed so nobody holds an unhandled rejection).
 * For calls to a server that may accept connections and never answer, which no client timeout covers.
 */
export function within<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
