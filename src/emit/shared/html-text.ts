/**
 * Escaping for text that came from a policy or a log and ends up in the HTML drift report. Role
 * names, S3 keys and error messages are attacker-controlled, so every one goes through this
 * function, in element content and in quoted attribute values alike.
 *
 * These five characters are all HTML needs there: `<` and `&` start markup or a character
 * reference in content, `"` and `'` close a quoted attribute value, and `>` is escaped so no text
 * can end a tag even where a reader (or a lax parser) misjudges the context. It is not for raw text
 * elements (`<style>`, `<script>`) or unquoted attributes: the report puts no log text there.
 */
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
