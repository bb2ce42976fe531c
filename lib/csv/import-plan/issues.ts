// The problems and warnings of a dry run, collected by every step in the order it finds them.
import type { ImportIssue } from '../import-plan.ts';
import { UPDATE_COLUMNS, type UpdateColumn } from '../columns.ts';

export class IssueLog {
  readonly problems: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  /** Rows with at least one problem: nothing is planned for them. */
  readonly #rowsWithProblems = new Set<number>();

  report(issue: ImportIssue): void {
    this.problems.push(issue);
    this.#rowsWithProblems.add(issue.row);
  }

  problem(row: number, column: UpdateColumn | null, message: string): void {
    this.report({ row, column, message });
  }

  warning(row: number, column: UpdateColumn | null, message: string): void {
    this.warnings.push({ row, column, message });
  }

  hasProblems(row: number): boolean {
    return this.#rowsWithProblems.has(row);
  }
}

/** By row, then by column in the file's column order (a row-wide issue first); stable within a column. */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const order = (column: UpdateColumn | null) => (column === null ? -1 : UPDATE_COLUMNS.indexOf(column));
  return issues.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
}
