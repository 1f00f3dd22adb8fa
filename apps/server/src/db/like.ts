/** Escapes LIKE's wildcards (and its escape character), so a search for "a_b" matches that text only. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
