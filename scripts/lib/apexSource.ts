/** Reading Apex source as text, shared by the checks and their tests. */

/**
 * Apex source with its comments blanked out (line breaks kept, so lines still count right):
 * a comment may mention a component or a method; only code declares or depends on one. Strings
 * are left as they are.
 */
export function withoutComments(source: string): string {
  let result = '';
  let index = 0;
  let inString = false;
  while (index < source.length) {
    const char = source.charAt(index);
    const next = source.charAt(index + 1);
    if (inString) {
      result += char;
      if (char === '\\') {
        result += next;
        index += 2;
        continue;
      }
      inString = char !== "'";
      index++;
    } else if (char === "'") {
      inString = true;
      result += char;
      index++;
    } else if (char === '/' && next === '/') {
      while (index < source.length && source.charAt(index) !== '\n') {
        index++;
      }
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', index + 2);
      const stop = end === -1 ? source.length : end + 2;
      result += source.slice(index, stop).replace(/[^\n]/g, ' ');
      index = stop;
    } else {
      result += char;
      index++;
    }
  }
  return result;
}
