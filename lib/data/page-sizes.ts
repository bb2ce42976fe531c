// Page sizes of lists, in a module that imports nothing, so that specs and scripts can read them without loading
// the database client.

/** The overview's commitments table (lib/data/commitments.ts listCommitments). */
export const COMMITMENTS_PAGE_SIZE = 10;
