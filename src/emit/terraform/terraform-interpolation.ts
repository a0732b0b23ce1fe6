/**
 * Where a Terraform template sequence `${ ... }` that starts at `start` ends (the index just past
 * its closing brace), or -1 when it never closes. Braces inside quoted strings, and templates nested
 * in those strings (`${join("/", ["a${lower("B")}"])}`), do not end it early: HCL's own lexer
 * works the same way.
 */
export function interpolationEnd(text: string, start: number): number {
  let depth = 0;
  let i = start + 2;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i = quotedStringEnd(text, i);
      if (i === -1) return -1;
      continue;
    }
    if (char === "{") depth += 1;
    if (char === "}") {
      if (depth === 0) return i + 1;
      depth -= 1;
    }
    i += 1;
  }
  return -1;
}

/** The index just past the closing quote of the quoted template opened at `start`, or -1. */
function quotedStringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === "\\") {
      i += 2;
    } else if (char === '"') {
      return i + 1;
    } else if ((char === "$" || char === "%") && text[i + 1] === "{") {
      i = interpolationEnd(text, i);
      if (i === -1) return -1;
    } else if (char === "\n" || char === "\r") {
      // A quoted template cannot span lines, so this is no expression Terraform would accept.
      return -1;
    } else {
      i += 1;
    }
  }
  return -1;
}

/**
 * IAM policy variables are `${namespace:name}` (`${aws:username}`, `${s3:prefix}`,
 * `${www.amazon.com:user_id}`, with an optional `, 'default'`) or the three escapes `${*}`, `${?}`,
 * `${$}` (IAM User Guide, "IAM policy elements: Variables and tags"). A Terraform expression never
 * starts with a dotted name followed by `:`, so that prefix tells the two apart, and an expression
 * with a colon further in (`${join(":", var.parts)}`) stays Terraform.
 */
export function isPolicyVariable(body: string): boolean {
  return body === "*" || body === "?" || body === "$" || /^[A-Za-z][A-Za-z0-9._-]*:/.test(body);
}
