/**
 * The requests index.html starts before the app's JavaScript has loaded (the console config and
 * the first page of the embedded sign-in list), each taken over once; null when absent (tests,
 * Vite's dev server without the script, a failed request): then the app asks again itself.
 */
interface Boot {
  config?: Promise<unknown>;
  people?: Promise<unknown>;
}

export function takeBoot<T>(name: keyof Boot): Promise<T | null> {
  const boot = (globalThis as { __custosBoot?: Boot }).__custosBoot;
  const pending = boot?.[name];
  if (boot) delete boot[name];
  return (pending as Promise<T | null> | undefined) ?? Promise.resolve(null);
}
