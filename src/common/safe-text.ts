/**
 * Text from the user's input (a field, a file name, a flag value) made safe to repeat in a
 * one-line message: control characters (C0, DEL, C1) and bidirectional overrides shown as
 * escapes (`\x1b`, `\u202e`), so a crafted CSV can print neither a fake line nor terminal
 * codes; and cut to `maxChars` with an ellipsis and the original length, so a 50 MB field
 * gives a short error, not a 52 MB one.
 */
export const MAX_MESSAGE_CHARS = 200;

// Matches one character to escape: C0 controls, DEL, C1 controls, bidi embeddings/isolates, LS/PS.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string, maxChars = MAX_MESSAGE_CHARS): string {
  // Cut first (cheap on huge input), then escape what is left.
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  const escaped = cut.replace(UNSAFE, escapeChar);
  return text.length > maxChars ? `${escaped}... (${text.length} characters)` : escaped;
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
