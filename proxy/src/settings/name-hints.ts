/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length] ?? 0;
}

const MAX_TYPO = 2;

/** The candidate `name` is most likely a typo of: at most two edits away, and fewer than half of its letters (`X` is no typo of `Id`). */
function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 100) return undefined;
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d <= MAX_TYPO && d < candidate.length / 2 && (best === undefined || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}

/** ` (did you mean MaxContacts?)` when `name` looks like a typo of one of `candidates`, else ''. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const likely = closestName(name, candidates);
  return likely === undefined ? '' : ` (did you mean ${likely}?)`;
}

/** A name as it may appear in a message: JSON-quoted (no control characters survive) and cut to a readable length. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}
