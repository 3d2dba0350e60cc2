/**
 * Text from outside (a queue job, a file) made safe for one log line: control characters,
 * quotes and backslashes escaped as in JSON, anything past `maxChars` cut with an ellipsis.
 */
export function printable(text: string, maxChars = 200): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
  return JSON.stringify(cut).slice(1, -1);
}
