declare module 'stopword' {
  /** The library's English stop-word list. */
  export const eng: string[];
}
