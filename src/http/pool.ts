/**
 * Bounded concurrency over any (async) iterable without materialising it: at most `concurrency`
 * items are pulled and in flight at once, so a generator of a million results stays streaming.
 */
export interface MapConcurrentOptions {
  /** Stop pulling new items after the first failure (default true); in-flight work finishes. */
  stopOnError?: boolean;
}

export async function mapConcurrent<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
  onResult?: (result: R, item: T, index: number) => void,
  options: MapConcurrentOptions = {},
): Promise<void> {
  const limit = Math.max(1, Math.floor(concurrency));
  const iterator: Iterator<T> | AsyncIterator<T> = Symbol.asyncIterator in items
    ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (items as Iterable<T>)[Symbol.iterator]();
  const stopOnError = options.stopOnError ?? true;
  let index = 0;
  let done = false;
  let firstError: { error: unknown } | undefined;

  // Pulls are serialised: async iterators must not be asked for the next item concurrently.
  let pulling: Promise<unknown> = Promise.resolve();
  function pull(): Promise<IteratorResult<T> | undefined> {
    const next = pulling.then(async () => {
      if (done || (stopOnError && firstError !== undefined)) return undefined;
      const result = await iterator.next();
      if (result.done === true) done = true;
      return result;
    });
    pulling = next.catch(() => undefined);
    return next;
  }

  async function worker(): Promise<void> {
    for (;;) {
      let result: IteratorResult<T> | undefined;
      try {
        result = await pull();
      } catch (error) {
        done = true;
        firstError ??= { error };
        return;
      }
      if (result === undefined || result.done === true) return;
      const position = index++;
      try {
        const value = await fn(result.value, position);
        onResult?.(value, result.value, position);
      } catch (error) {
        firstError ??= { error };
        if (stopOnError) return;
      }
    }
  }

  await Promise.all(Array.from({ length: limit }, () => worker()));
  if (firstError !== undefined && !done) await iterator.return?.();
  if (firstError !== undefined) throw firstError.error;
}
