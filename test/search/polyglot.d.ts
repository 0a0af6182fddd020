/** @iebh/polyglot ships no types; only the two calls the comparison test makes. */
declare module '@iebh/polyglot' {
  const polyglot: {
    default?: { translate(query: string, engine: string, options?: { html?: boolean }): string };
    translate(query: string, engine: string, options?: { html?: boolean }): string;
  };
  export default polyglot;
}
