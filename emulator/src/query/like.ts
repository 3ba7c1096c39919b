/**
 * SQL Server LIKE: `%` any run, `_` one character, `[abc]` / `[a-z]` / `[^abc]` a character class.
 * No ESCAPE clause is available through the AFAS API, so these are always wildcards.
 * Matching ignores case and respects accents, like the usual *_CI_AS collations.
 */
const special = /[\\^$.*+?()[\]{}|/]/g;

export function likeToRegExp(pattern: string): RegExp {
  // A leading or trailing `%` is the same as leaving that end unanchored, which lets the regex engine search
  // instead of backtracking over `[\s\S]*`: it matters when a scan tests a million phone fields.
  const open = /^%+/.exec(pattern)?.[0].length ?? 0;
  const body = pattern.slice(open);
  // A trailing `%` run is always a wildcard: inside a class it would have to be followed by `]`.
  const close = /%+$/.exec(body)?.[0].length ?? 0;
  const core = toRegExpSource(body.slice(0, body.length - close));
  try {
    return new RegExp(`${open > 0 ? '' : '^'}${core}${close > 0 ? '' : '$'}`, 'i');
  } catch {
    // e.g. a reversed range `[z-a]`: SQL Server just matches nothing.
    return /(?!)/;
  }
}

function toRegExpSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close <= i + 1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      // Keep '-' as a range marker between two characters; escape everything else.
      const cls = body.replace(/[\\\]^[]/g, (m) => `\\${m}`);
      out += `[${negated ? '^' : ''}${cls}]`;
      i = close;
    } else out += c.replace(special, (m) => `\\${m}`);
  }
  return out;
}

/** AFAS-style wrapping for the text operators when the caller sent no wildcard of their own. */
export function wrapForOperator(operator: number, value: string): string {
  if (value.includes('%')) return value;
  if (operator === 6 || operator === 11) return `%${value}%`;
  if (operator === 10 || operator === 12) return `${value}%`;
  if (operator === 13 || operator === 14) return `%${value}`;
  return value;
}
