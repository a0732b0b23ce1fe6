/**
 * CloudTrail fields are attacker-controlled: a role session name or an S3 key can carry terminal
 * escape sequences. Text meant for a terminal shows control characters as \u escapes instead.
 */
export function printable(text: string): string {
  // C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what a reader sees.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
