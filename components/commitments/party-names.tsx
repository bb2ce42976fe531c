export type PartyName = { id: number; name: string };

/** Party names as a comma-separated list; `empty` when there are none. */
export function PartyNames({ parties, empty = '—' }: { parties: PartyName[]; empty?: string }) {
  if (!parties.length) return <span className="text-slate-500">{empty}</span>;
  return <>{parties.map((party) => party.name).join(', ')}</>;
}
