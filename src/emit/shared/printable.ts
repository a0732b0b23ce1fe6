/**
 * Characters that change what a reader sees without showing themselves: C0 controls, DEL, C1
 * controls (terminal escape sequences), the line and paragraph separators (a line break to some
 * readers, none to others), and the bidirectional marks, embeddings, overrides and isolates
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) that reorder the text around them.
 */
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * CloudTrail fields are attacker-controlled: a role session name or an S3 key can carry terminal
 * escape sequences. Text meant for a terminal shows those characters as \u escapes instead.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
