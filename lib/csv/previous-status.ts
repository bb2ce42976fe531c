// "previous status" of a row of updates.csv: the status its scope had just before it, by the rules of
// lib/domain/status.ts. For an update on the whole commitment that is the commitment's status (every earlier
// update counts); for an update assessing one responsible party it is that party's status (earlier updates on the
// whole commitment or on that party). Before the first applicable update it is no_evidence.
//
// Only rows that count for status (countsForStatus: assessments not withdrawn) change it. A row that does not
// count (a corroboration, a context row, a withdrawn row) gets the same previous status a counting row in its place
// would get, the status its scope had just before it, and leaves that status as it was
// (docs/decisions/010-what-counts.md).
//
// The report reads each commitment's history oldest news first (compareUpdates order), so one pass with this small
// state answers every row, instead of a lookup per row.
import type { CommitmentStatus } from '../generated/prisma/enums.ts';

export class StatusReplay {
  private commitment: CommitmentStatus = 'no_evidence';
  private wholeCommitment: CommitmentStatus = 'no_evidence';
  private readonly parties = new Map<number, CommitmentStatus>();

  /** The status the update's scope had before it; call before `record` for that update. */
  previous(partyId: number | null): CommitmentStatus {
    if (partyId === null) return this.commitment;
    return this.parties.get(partyId) ?? this.wholeCommitment;
  }

  /** Takes the next update (in compareUpdates order) into account; `counts`: countsForStatus of the row. */
  record(partyId: number | null, status: CommitmentStatus, counts = true): void {
    if (!counts) return;
    this.commitment = status;
    if (partyId === null) {
      // An update on the whole commitment is the newest news for every party.
      this.wholeCommitment = status;
      for (const id of this.parties.keys()) this.parties.set(id, status);
    } else {
      this.parties.set(partyId, status);
    }
  }
}
