/**
 * Splits a configured command into argv without a shell: whitespace separates words, single quotes
 * are literal, double quotes allow `\"` and `\\`, a backslash outside quotes escapes one character.
 * No variables, globs, pipes or redirections: nothing in the command is interpreted.
 */
export function splitCommand(command: string): string[] | { error: string } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\')) current += command[++i];
      else current += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\' && i + 1 < command.length) current += command[++i];
    else current += char;
  }
  if (quote !== undefined) return { error: `unterminated ${quote} quote in the command` };
  if (inWord) words.push(current);
  if (words.length === 0) return { error: 'the command is empty' };
  return words;
}
