// Words for comparing texts (a commitment's title with a sentence, a category's name with a title): lower-cased,
// common words dropped, and endings cut so "established", "establishment" and "establish" meet.

const STOP = new Set(
  (
    'a an the and or of for to in on at by with from as is are was were be been being has have had will would ' +
    'shall should can could may might that this these those it its their his her our they he she we you i ' +
    'also said says say not no but into over under about after before between during than then there which who ' +
    'whom whose what when where while all both two each other such per via upon within without including'
  ).split(' '),
);

/** The content words of a text, lower-cased, in order. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’']s\b/g, '')
      .match(/\p{L}[\p{L}\d-]*/gu) ?? []
  )
    .flatMap((word) => word.split('-'))
    .filter((word) => word.length > 1 && !STOP.has(word));
}

/** A crude stem: enough to meet across tenses and plurals, not a linguistic root. */
export function stem(word: string): string {
  const w = word;
  for (const [suffix, replacement] of [
    ['ational', 'ate'],
    ['ments', ''],
    ['ment', ''],
    ['ations', ''],
    ['ation', ''],
    ['ions', ''],
    ['ion', ''],
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      return w.slice(0, w.length - suffix.length) + replacement;
    }
  }
  return w.length > 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}
