import type { DraftNote as Note } from './agreement-draft';

/** "From the article: «sentence»" beside a field a draft filled, with the rule that proposed it. */
export function DraftNote({ note }: { note: Note | undefined }) {
  if (!note) return null;
  return (
    <span data-draft-note className="mt-1 block text-xs text-sky-900">
      From the article: «{note.sentence}» <span className="text-slate-500">({note.rule})</span>
    </span>
  );
}
