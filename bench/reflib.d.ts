// @iebh/reflib ships no types; the benchmark uses only readFile.
declare module '@iebh/reflib' {
  export function readFile(path: string, options?: { module?: string }): Promise<unknown[]>;
}
