/**
 * Finds the SOQL in one Apex file, with the line of every character of it: inline queries
 * (`[SELECT …]`), the text passed to `Database.query*`, `Database.countQuery*`,
 * `Database.getQueryLocator*` and `Database.getCursor*`, and string expressions that start
 * with `'SELECT '` (in capitals) wherever they are built. A small Apex tokenizer (comments,
 * string literals, words, punctuation) is enough for this: SOQL sits in brackets or in string
 * literals, and Apex has neither multi-line strings nor string templates.
 *
 * Text made of literals and `static final String` constants of the same file is a query like
 * any other. Text with parts only known at run time (a variable, a method call) becomes a
 * skeleton: each such part is a placeholder, so the constant parts can still be parsed and
 * checked; names that are placeholders are not.
 */

/** SOQL text with the source line of each of its characters. */
export interface SoqlText {
  readonly text: string;
  readonly lines: readonly number[];
}

export interface FoundQuery {
  /** The line the query starts on (its `[`, or its first string literal). */
  readonly line: number;
  /** `inline` `[SELECT …]`; `string` text known in full; `skeleton` text with run-time parts. */
  readonly kind: 'inline' | 'string' | 'skeleton';
  /** `Database.query` and the like for text passed straight to one, else undefined. */
  readonly passedTo?: string;
  readonly soql: SoqlText;
}

export interface SkippedQuery {
  readonly line: number;
  readonly reason: string;
}

export interface ApexQueries {
  readonly queries: FoundQuery[];
  readonly skipped: SkippedQuery[];
}

/** Placeholders stand for run-time parts of a skeleton: `Dynamic_Part_1`, `Dynamic_Part_2`… */
export const PLACEHOLDER_PATTERN = /\bDynamic_Part_\d+\b/i;

/** The Database methods whose first argument is SOQL text (lower case). */
const QUERY_METHODS = new Set([
  'query',
  'querywithbinds',
  'countquery',
  'countquerywithbinds',
  'getquerylocator',
  'getquerylocatorwithbinds',
  'getcursor',
  'getcursorwithbinds'
]);

interface Token {
  readonly kind: 'word' | 'number' | 'string' | 'punct';
  readonly text: string;
  /** A string literal's value, escapes resolved. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

interface Scanned {
  readonly tokens: Token[];
  /** Source offsets of comments, to blank them out of inline SOQL. */
  readonly comments: { start: number; end: number }[];
  /** 1-based line of each source offset. */
  readonly lineAt: (offset: number) => number;
}

/** Every query of one Apex file's source. */
export function findQueries(source: string): ApexQueries {
  const scanned = scan(source);
  const { tokens } = scanned;
  const constants = stringConstants(tokens);
  const queries: FoundQuery[] = [];
  const skipped: SkippedQuery[] = [];
  const consumed = new Set<number>(); // string tokens already part of a query

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.text === '[' && /^select$/i.test(tokens[index + 1]?.text ?? '')) {
      const close = matching(tokens, index);
      queries.push({
        line: token.line,
        kind: 'inline',
        soql: inlineText(source, scanned, token.end, tokens[close]?.start ?? source.length)
      });
      continue;
    }
    const method = tokens[index + 2];
    if (
      /^database$/i.test(token.text) &&
      tokens[index + 1]?.text === '.' &&
      method !== undefined &&
      QUERY_METHODS.has(method.text.toLowerCase()) &&
      tokens[index + 3]?.text === '('
    ) {
      const from = index + 4;
      const to = expressionEnd(tokens, from);
      const passedTo = `Database.${method.text}`;
      if (tokens[from]?.text === '[') {
        continue; // an inline query as the argument: found as such
      }
      const built = evaluate(tokens, from, to, constants);
      markConsumed(consumed, from, to, built.constants);
      if (built.pieces.every((piece) => piece.dynamic)) {
        const what = source.slice(tokens[from]?.start ?? 0, tokens[to - 1]?.end ?? 0);
        skipped.push({
          line: method.line,
          reason: `${passedTo}(${what}): the query text is built at run time`
        });
      } else {
        queries.push({
          line: tokens[from]!.line,
          kind: built.pieces.some((piece) => piece.dynamic) ? 'skeleton' : 'string',
          passedTo,
          soql: skeletonText(built.pieces)
        });
      }
    }
  }

  // Query text built elsewhere and passed on in a variable: found by its `'SELECT …'` literal,
  // in capitals (a message such as 'Select a field' is no query). Literals inside a constant's
  // value come last, so text built on a constant consumes it.
  const inConstant = (index: number): boolean =>
    [...constants.values()].some((range) => range.from <= index && index < range.to);
  const candidates = tokens
    .map((token, index) => ({ token, index }))
    .filter(({ token }) => token.kind === 'string' && /^\s*SELECT\s/.test(token.value))
    .sort((a, b) => Number(inConstant(a.index)) - Number(inConstant(b.index)));
  for (const { token, index } of candidates) {
    if (consumed.has(index)) {
      continue;
    }
    const from = expressionStart(tokens, index);
    const to = expressionEnd(tokens, index);
    const built = evaluate(tokens, from, to, constants);
    markConsumed(consumed, from, to, built.constants);
    queries.push({
      line: token.line,
      kind: built.pieces.some((piece) => piece.dynamic) ? 'skeleton' : 'string',
      soql: skeletonText(built.pieces)
    });
  }

  queries.sort((a, b) => a.line - b.line);
  skipped.sort((a, b) => a.line - b.line);
  return { queries, skipped };
}

/**
 * Apex binds (`:name`, `:run.Id`, `:ids.keySet()`, `:values[0]`) replaced by what the SOQL
 * parser accepts in their place: `:bind1` in a comparison, `'bind1'` inside a value list
 * (`IN (:a, :b)`), `1` after LIMIT and OFFSET. The parser only sees the shape of the query; the
 * bound values are Apex's business.
 */
export function withPlainBinds(soql: SoqlText): SoqlText {
  const { text, lines } = soql;
  let out = '';
  const outLines: number[] = [];
  const append = (piece: string, line: number): void => {
    out += piece;
    for (let index = 0; index < piece.length; index++) {
      outLines.push(line);
    }
  };
  let count = 0;
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === "'") {
      const end = soqlStringEnd(text, at);
      for (let index = at; index < end; index++) {
        append(text[index]!, lines[index]!);
      }
      at = end;
      continue;
    }
    const next = /^:\s*([A-Za-z_(])/.exec(text.slice(at));
    if (char !== ':' || next === null) {
      append(char, lines[at]!);
      at += 1;
      continue;
    }
    const end = bindEnd(text, at + next[0].length - 1);
    count += 1;
    const before = out.trimEnd();
    let replacement = `:bind${count}`;
    if (/\b(LIMIT|OFFSET)$/i.test(before)) {
      replacement = '1';
    } else if (before.endsWith('(') || before.endsWith(',')) {
      replacement = `'bind${count}'`;
    }
    append(replacement, lines[at]!);
    at = end;
  }
  return { text: out, lines: outLines };
}

/** The end (exclusive) of a SOQL string literal starting at `start`. */
function soqlStringEnd(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    if (text[at] === '\\') {
      at += 2;
      continue;
    }
    if (text[at] === "'") {
      return at + 1;
    }
    at += 1;
  }
  return text.length;
}

/** The end of an Apex bind expression starting at `start`: names, dots, calls and indexes. */
function bindEnd(text: string, start: number): number {
  let at = start;
  const balanced = (open: string, close: string): void => {
    let depth = 0;
    while (at < text.length) {
      const char = text[at]!;
      if (char === "'") {
        at = soqlStringEnd(text, at);
        continue;
      }
      at += 1;
      if (char === open) {
        depth += 1;
      } else if (char === close) {
        depth -= 1;
        if (depth === 0) {
          return;
        }
      }
    }
  };
  const word = (): boolean => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
    if (match) {
      at += match[0].length;
    }
    return match !== null;
  };
  if (text[at] === '(') {
    balanced('(', ')');
  } else if (word() && /^new$/i.test(text.slice(start, at))) {
    // `:new Set<Id>{ … }` and the like: the type, then its arguments or initializer.
    while (/^\s*[A-Za-z_.<>,\s]/.test(text.slice(at)) && !/^\s*[({]/.test(text.slice(at))) {
      at += 1;
    }
    at += /^\s*/.exec(text.slice(at))![0].length;
    if (text[at] === '(') {
      balanced('(', ')');
    } else if (text[at] === '{') {
      balanced('{', '}');
    }
  }
  for (;;) {
    const rest = text.slice(at);
    const member = /^\s*\??\.\s*(?=[A-Za-z_])/.exec(rest);
    // Arithmetic joins another operand (`:prefix + '%'`); SOQL's own words (AND, LIMIT…) end it.
    const operator = /^\s*[-+*/]\s*(?=['A-Za-z_0-9(])/.exec(rest);
    if (member) {
      at += member[0].length;
      word();
    } else if (rest.startsWith('(')) {
      balanced('(', ')');
    } else if (rest.startsWith('[')) {
      balanced('[', ']');
    } else if (operator) {
      at += operator[0].length;
      if (text[at] === "'") {
        at = soqlStringEnd(text, at);
      } else if (text[at] === '(') {
        balanced('(', ')');
      } else if (!word()) {
        at += /^[0-9.]+/.exec(text.slice(at))?.[0].length ?? 0;
      }
    } else {
      return at;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The Apex tokenizer.

function scan(source: string): Scanned {
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) {
    if (source[index] === '\n') {
      lineStarts.push(index + 1);
    }
  }
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low + 1;
  };

  const tokens: Token[] = [];
  const comments: Scanned['comments'] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    const start = at;
    if (/\s/.test(char)) {
      at += 1;
    } else if (source.startsWith('//', at)) {
      const end = source.indexOf('\n', at);
      at = end === -1 ? source.length : end;
      comments.push({ start, end: at });
    } else if (source.startsWith('/*', at)) {
      const end = source.indexOf('*/', at + 2);
      at = end === -1 ? source.length : end + 2;
      comments.push({ start, end: at });
    } else if (char === "'") {
      let value = '';
      at += 1;
      while (at < source.length && source[at] !== "'" && source[at] !== '\n') {
        if (source[at] === '\\') {
          value += unescape(source[at + 1] ?? '');
          at += 2;
        } else {
          value += source[at];
          at += 1;
        }
      }
      at += 1;
      tokens.push({
        kind: 'string',
        text: source.slice(start, at),
        value,
        start,
        end: at,
        line: lineAt(start)
      });
    } else if (/[A-Za-z_]/.test(char)) {
      const text = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(at))![0];
      at += text.length;
      tokens.push({ kind: 'word', text, value: text, start, end: at, line: lineAt(start) });
    } else if (/[0-9]/.test(char)) {
      const text = /^[0-9][A-Za-z0-9_.]*/.exec(source.slice(at))![0];
      at += text.length;
      tokens.push({ kind: 'number', text, value: text, start, end: at, line: lineAt(start) });
    } else {
      at += 1;
      tokens.push({ kind: 'punct', text: char, value: char, start, end: at, line: lineAt(start) });
    }
  }
  return { tokens, comments, lineAt };
}

function unescape(char: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
  return escapes[char] ?? char;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(OPENERS));

/** The index of the bracket closing the one at `open` (or the last token when unbalanced). */
function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const text = tokens[index]!.text;
    if (OPENERS[text] !== undefined) {
      depth += 1;
    } else if (CLOSERS.has(text)) {
      depth -= 1;
      if (depth === 0) {
        return index;
      }
    }
  }
  return tokens.length - 1;
}

/** Where the expression holding the token at `from` ends (exclusive), at its own nesting depth. */
function expressionEnd(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let index = from; index < tokens.length; index++) {
    const text = tokens[index]!.text;
    if (OPENERS[text] !== undefined) {
      depth += 1;
    } else if (CLOSERS.has(text)) {
      if (depth === 0) {
        return index;
      }
      depth -= 1;
    } else if (depth === 0 && (text === ';' || text === ',' || text === '?' || text === ':')) {
      return index;
    }
  }
  return tokens.length;
}

/** Where the expression holding the token at `from` starts, walking back over `+` operands. */
function expressionStart(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let index = from - 1; index >= 0; index--) {
    const token = tokens[index]!;
    if (CLOSERS.has(token.text)) {
      depth += 1;
    } else if (OPENERS[token.text] !== undefined) {
      if (depth === 0) {
        return index + 1;
      }
      depth -= 1;
    } else if (
      depth === 0 &&
      ([';', ',', '=', '?', ':', '{', '}'].includes(token.text) || /^return$/i.test(token.text))
    ) {
      return index + 1;
    }
  }
  return 0;
}

/** Inline SOQL between `[` and `]`, comments blanked out (line breaks kept). */
function inlineText(source: string, scanned: Scanned, start: number, end: number): SoqlText {
  const chars = source.slice(start, end).split('');
  for (const comment of scanned.comments) {
    for (let at = Math.max(comment.start, start); at < Math.min(comment.end, end); at++) {
      if (chars[at - start] !== '\n') {
        chars[at - start] = ' ';
      }
    }
  }
  const lines = chars.map((_, index) => scanned.lineAt(start + index));
  return { text: chars.join(''), lines };
}

// ---------------------------------------------------------------------------------------------
// String expressions: literals, constants and run-time parts joined with `+`.

interface TokenRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Marks the tokens of a query's expression and of the constants it used: a constant's own
 * `'SELECT …'` literal is then not taken for a second query.
 */
function markConsumed(
  consumed: Set<number>,
  from: number,
  to: number,
  constants: readonly TokenRange[]
): void {
  for (const range of [{ from, to }, ...constants]) {
    for (let at = range.from; at < range.to; at++) {
      consumed.add(at);
    }
  }
}

interface Piece {
  readonly text: string;
  readonly line: number;
  readonly dynamic: boolean;
}

/** `static final String NAME = <expression>;` of the file: the token range of each value. */
function stringConstants(tokens: readonly Token[]): Map<string, TokenRange> {
  const constants = new Map<string, TokenRange>();
  for (let index = 0; index + 2 < tokens.length; index++) {
    if (
      /^string$/i.test(tokens[index]!.text) &&
      tokens[index + 1]!.kind === 'word' &&
      tokens[index + 2]!.text === '='
    ) {
      let modifiers = index - 1;
      while (modifiers >= 0 && tokens[modifiers]!.kind === 'word') {
        modifiers -= 1;
      }
      const words = tokens.slice(modifiers + 1, index).map((token) => token.text.toLowerCase());
      if (words.includes('static') && words.includes('final')) {
        const name = tokens[index + 1]!.text.toLowerCase();
        constants.set(name, { from: index + 3, to: expressionEnd(tokens, index + 3) });
      }
    }
  }
  return constants;
}

/** The pieces of a `+` expression: literal text, constants resolved, anything else dynamic. */
function evaluate(
  tokens: readonly Token[],
  from: number,
  to: number,
  constants: ReadonlyMap<string, TokenRange>,
  depth = 0
): { pieces: Piece[]; constants: TokenRange[] } {
  const pieces: Piece[] = [];
  const used: TokenRange[] = [];
  let operandStart = from;
  let nesting = 0;
  const operand = (start: number, end: number): void => {
    const first = tokens[start];
    if (first === undefined || start >= end) {
      return;
    }
    if (end - start === 1 && first.kind === 'string') {
      pieces.push({ text: first.value, line: first.line, dynamic: false });
      return;
    }
    // NAME or Class.NAME: a constant of this file.
    const names = tokens.slice(start, end);
    const dotted = names.every((token, index) =>
      index % 2 === 0 ? token.kind === 'word' : token.text === '.'
    );
    const constant = dotted ? constants.get(names.at(-1)!.text.toLowerCase()) : undefined;
    if (constant !== undefined && depth < 8) {
      const inner = evaluate(tokens, constant.from, constant.to, constants, depth + 1);
      const resolved = inner.pieces;
      if (resolved.every((piece) => !piece.dynamic)) {
        used.push(constant, ...inner.constants);
        pieces.push({
          text: resolved.map((piece) => piece.text).join(''),
          line: first.line,
          dynamic: false
        });
        return;
      }
    }
    pieces.push({ text: '', line: first.line, dynamic: true });
  };
  for (let index = from; index < to; index++) {
    const text = tokens[index]!.text;
    if (OPENERS[text] !== undefined) {
      nesting += 1;
    } else if (CLOSERS.has(text)) {
      nesting -= 1;
    } else if (text === '+' && nesting === 0) {
      operand(operandStart, index);
      operandStart = index + 1;
    }
  }
  operand(operandStart, to);
  return { pieces, constants: used };
}

/** The text of the pieces, each run-time part a placeholder (`1` after LIMIT and OFFSET). */
function skeletonText(pieces: readonly Piece[]): SoqlText {
  let text = '';
  const lines: number[] = [];
  let count = 0;
  for (const piece of pieces) {
    let part = piece.text;
    if (piece.dynamic) {
      count += 1;
      part = /\b(LIMIT|OFFSET)\s*$/i.test(text) ? '1' : `Dynamic_Part_${count}`;
    }
    text += part;
    for (let index = 0; index < part.length; index++) {
      lines.push(piece.line);
    }
  }
  return { text, lines };
}
