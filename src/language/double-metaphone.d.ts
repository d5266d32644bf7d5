declare module 'double-metaphone' {
  /** The primary and alternate Double Metaphone codes of a word ("school" and "skool": SKL). */
  function doubleMetaphone(value: string): [string, string];
  export = doubleMetaphone;
}
