/**
 * Waits for a condition (read from a database, a stand-in or over HTTP) with a bounded poll; rejects after `withinMs`.
 * Never a sleep: it returns as soon as the condition holds.
 */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  withinMs = 20_000,
  everyMs = 20,
): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
