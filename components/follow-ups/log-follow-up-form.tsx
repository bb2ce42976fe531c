'use client';
// "Log follow-up": one news item, then each commitment it bears on with the status it shows. One submit, one
// transaction (app/(app)/follow-ups/actions.ts). The action checks the form with its schema and the database
// together and answers every problem at once (docs/decisions/012-follow-up-rows.md).
//
// Every field is controlled: React resets a form after an action, and typed values (all rows included) must
// survive a refusal. The form is submitted from onSubmit inside a transition, so React's reset never runs.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import {
  startTransition,
  useActionState,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { Loader2, Plus } from 'lucide-react';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS } from '@/components/evidence/evidence-type-badge';
import type { ActionResult } from '@/lib/auth/action-core';
import type { CommitmentOption } from '@/lib/data/evidence';
import type { OutletOption } from '@/lib/data/outlets';
import {
  formatDay,
  isDatePrecision,
  parseDayOrNull,
  today as todayOf,
  type DatePrecision,
} from '@/lib/domain/dates';
import { normaliseUrl } from '@/lib/domain/url';
import { formatDate } from '@/lib/format/date';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import {
  COMMON_LANGUAGES,
  CONFIRM_FIELD,
  EVIDENCE_TYPES,
  LIMITS,
  NEW_OUTLET,
  RELIABILITIES,
  ROW_FIELDS,
  warningRow,
} from '@/lib/validation/follow-up';
import { ErrorSummary, type SummaryEntry } from './error-summary';
import { lookUpEvidence, type ExistingItem } from './evidence-lookup';
import { ExistingItemNotice } from './existing-item-notice';
import {
  FollowUpRow,
  convertFactText,
  type AgreementGroup,
  type NewCommitmentSupport,
  type RowState,
} from './follow-up-row';
import {
  CharacterCount,
  FieldError,
  FieldShell,
  RequiredMark,
  controlClass,
  describe,
  fieldId,
} from './form-bits';
import { ITEM_PARAM, LOGGED_PARAM } from './notice';

export type LogFollowUpFormProps = {
  /** The logFollowUp server action (app/(app)/follow-ups/actions.ts), handed in by the page. */
  action: (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  commitments: CommitmentOption[];
  outlets: OutletOption[];
  /** Fills the first row's commitment (the commitment page embeds the form this way). */
  presetCommitmentId?: number;
  /** A path on this site to come back to after logging; without it, the first commitment's page. */
  returnTo?: string;
  /** Where "Cancel" leads; no cancel link without it. */
  cancelHref?: string;
  /** Heading level of the form's two sections: 2 on a page of its own, 3 inside another page's section. */
  headingLevel?: 2 | 3;
  /** "New commitment" inside each row (the full form at /follow-ups/new); no such control without it. */
  newCommitment?: NewCommitmentSupport;
};

/**
 * The form, started afresh after each follow-up it logged: the action may redirect to the very page the form
 * sits on (the commitment page), and a fresh form must not show the item just logged.
 */
export function LogFollowUpForm(props: LogFollowUpFormProps) {
  const params = useSearchParams();
  const key = `${params.get(ITEM_PARAM) ?? ''}:${params.get(LOGGED_PARAM) ?? ''}`;
  return <FollowUpForm key={key} {...props} />;
}

type ItemState = {
  url: string;
  outlet: string;
  newOutletName: string;
  newOutletReliability: string;
  title: string;
  originalTitle: string;
  language: string;
  publishedOn: string;
  excerpt: string;
  /** Empty until the analyst picks one: until then it follows the outlet's default. */
  reliability: string;
  credibility: string;
  type: string;
};

type Lookup = { url: string; checking: boolean; existing: ExistingItem | null };

const ITEM_LABELS: Record<string, string> = {
  url: 'URL',
  outlet: 'Outlet',
  newOutletName: 'New outlet name',
  newOutletReliability: 'New outlet reliability',
  title: 'Title',
  originalTitle: 'Original-language title',
  language: 'Language',
  publishedOn: 'Published on',
  excerpt: 'Excerpt',
  reliability: 'Source reliability',
  credibility: 'Information credibility',
  type: 'Type',
  rows: 'Commitments',
};
const ROW_LABELS: Record<string, string> = {
  commitmentId: 'commitment',
  kind: 'what the row does',
  evidenceType: 'how this item bears on it',
  adoptsProposal: 'adoption of the proposal',
  status: 'new status',
  partyId: 'party assessed',
  observedOn: 'fact date',
  observedPrecision: 'how precisely the fact date is known',
  reason: 'reason',
};
const ITEM_ORDER = Object.keys(ITEM_LABELS);

const TYPE_HINTS: Record<EvidenceType, string> = {
  announcement: 'Words: a statement, plan or promise about the commitment.',
  concrete_action: 'Deeds: something was done, opened, signed, delivered or held.',
  contradiction: 'Goes against the commitment: a denial, reversal, or news that it is not happening.',
};

const noSubscription = () => () => {};
/** False during the server render and hydration, true once the page is interactive. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function emptyRow(key: number, commitmentId = ''): RowState {
  return {
    key,
    commitmentId,
    status: '',
    partyId: '',
    observedOn: '',
    observedTouched: false,
    observedPrecision: '',
    precisionTouched: false,
    reason: '',
    kind: 'assessment',
    evidenceType: '',
    adoptsProposal: false,
  };
}

/** Sorts error keys in the order the fields appear: the item's, then row by row. */
function fieldOrder(name: string): number {
  const row = /^rows\.(\d+)\.(\w+)$/.exec(name);
  if (row) return 1_000 + Number(row[1]) * 10 + ROW_FIELDS.indexOf(row[2] as (typeof ROW_FIELDS)[number]);
  const index = ITEM_ORDER.indexOf(name);
  return index === -1 ? 999 : index;
}

function fieldLabel(name: string): string {
  const row = /^rows\.(\d+)\.(\w+)$/.exec(name);
  if (row) return `Commitment ${Number(row[1]) + 1}, ${ROW_LABELS[row[2]] ?? row[2]}`;
  return ITEM_LABELS[name] ?? name;
}

function FollowUpForm({
  action,
  commitments: offered,
  outlets,
  presetCommitmentId,
  returnTo,
  cancelHref,
  headingLevel = 2,
  newCommitment,
}: LogFollowUpFormProps) {
  // Commitments created from inside the form join those offered (until the page's own list has them too).
  const [created, setCreated] = useState<CommitmentOption[]>([]);
  const commitments = useMemo(
    () => [...offered, ...created.filter((option) => !offered.some((other) => other.id === option.id))],
    [offered, created],
  );
  const formId = useId();
  const fid = (name: string) => fieldId(formId, name);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const [state, dispatch, pending] = useActionState(
    (previous: ActionResult | null, formData: FormData) => action(previous, formData),
    null,
  );
  const hydrated = useHydrated();
  const today = formatDay(todayOf());

  const [item, setItem] = useState<ItemState>(() => ({
    url: '',
    outlet: outlets.length ? '' : NEW_OUTLET,
    newOutletName: '',
    newOutletReliability: '',
    title: '',
    originalTitle: '',
    language: 'en',
    publishedOn: '',
    excerpt: '',
    reliability: '',
    credibility: '',
    type: '',
  }));
  const preset = commitments.some((option) => option.id === presetCommitmentId)
    ? String(presetCommitmentId)
    : '';
  const [rows, setRows] = useState<RowState[]>(() => [emptyRow(0, preset)]);
  const nextKey = useRef(1);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const lookupAbort = useRef<AbortController | null>(null);

  // Errors shown: from the browser-side check, or the action's answer (adopted when a new answer arrives).
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<string | null>(null);
  // Warnings (not errors) of the action's last answer, by row: saved only once "Save anyway" is ticked.
  const [warnings, setWarnings] = useState<Record<number, string>>({});
  const [warningMessage, setWarningMessage] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [answered, setAnswered] = useState(state);
  const [summaryRequest, setSummaryRequest] = useState(0);
  if (state !== answered) {
    setAnswered(state);
    if (state && !state.ok) {
      const all = firstErrors(state.fieldErrors);
      const rowWarnings: Record<number, string> = {};
      const fieldErrors: Record<string, string> = {};
      for (const [name, message] of Object.entries(all)) {
        const row = warningRow(name);
        if (row === null) fieldErrors[name] = message;
        else rowWarnings[row] = message;
      }
      const onlyWarnings = Object.keys(rowWarnings).length > 0 && !Object.keys(fieldErrors).length;
      setErrors(fieldErrors);
      setWarnings(rowWarnings);
      setWarningMessage(onlyWarnings ? state.message : null);
      setConfirmed(false);
      setFormMessage(onlyWarnings ? null : state.message);
      setSummaryRequest((count) => count + 1);
    }
  }

  const summaryRef = useRef<HTMLDivElement>(null);
  const warningsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summaryRequest) (summaryRef.current ?? warningsRef.current)?.focus();
  }, [summaryRequest]);

  // After "Add another commitment", focus goes to the new row's first field; after "Remove", to a neighbour.
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    const target = focusAfterRender.current;
    if (!target) return;
    focusAfterRender.current = null;
    document.getElementById(target)?.focus();
  }, [rows]);

  const groups = useMemo(() => groupByAgreement(commitments), [commitments]);
  const byId = useMemo(
    () => new Map(commitments.map((option) => [String(option.id), option])),
    [commitments],
  );

  const normalisedUrl = normaliseUrl(item.url);
  const current = lookup && lookup.url === normalisedUrl ? lookup : null;
  const existing = current?.existing ?? null;

  const outletDefault =
    item.outlet === NEW_OUTLET
      ? item.newOutletReliability
      : (outlets.find((outlet) => String(outlet.id) === item.outlet)?.defaultReliability ?? '');
  const reliability = item.reliability || outletDefault;

  // The fact date rows take until the analyst sets one: the item's published date, but never after today.
  const published = existing
    ? existing.publishedOn
    : parseDayOrNull(item.publishedOn)
      ? item.publishedOn
      : null;
  const defaultFact = published && published <= today ? published : today;
  // An item without a date is never silently "today, to the day": its facts are undated, known by today.
  const defaultPrecision: DatePrecision = published ? 'day' : 'unknown';
  const defaultFactHint = (precision: DatePrecision): string => {
    if (precision === 'month')
      return 'The month the fact held in (YYYY-MM); it counts from the end of the month.';
    if (precision === 'year') return 'The year the fact held in; it counts from the end of the year.';
    if (precision === 'unknown') {
      return !published
        ? 'Today, the latest day it can have held by: the item has no date. An undated fact never outranks dated news.'
        : `The published date (${formatDate(parseDayOrNull(defaultFact)!)}), the latest day it can have held by. An undated fact never outranks dated news.`;
    }
    return !published
      ? 'The item has no published date: enter the day the fact held.'
      : published > today
        ? 'Today: the published date is later than today.'
        : `The published date (${formatDate(parseDayOrNull(published)!)}). Change it if the fact held on another day.`;
  };

  function update(patch: Partial<ItemState>) {
    setItem((previous) => ({ ...previous, ...patch }));
    clearErrors(Object.keys(patch));
  }

  function clearErrors(names: string[]) {
    setErrors((previous) => {
      if (!names.some((name) => name in previous)) return previous;
      const next = { ...previous };
      for (const name of names) delete next[name];
      return next;
    });
  }

  function updateRow(index: number, patch: Partial<RowState>) {
    setRows((previous) =>
      previous.map((row, i) => {
        if (i !== index) return row;
        const next = { ...row, ...patch };
        // A date typed at one precision carries over to another (2025-06-14 → 2025-06 → 2025).
        if (patch.observedPrecision && row.observedTouched)
          next.observedOn = convertFactText(row.observedOn, patch.observedPrecision as DatePrecision);
        return next;
      }),
    );
    clearErrors(
      Object.keys(patch).map(
        (field) =>
          `rows.${index}.${field === 'observedTouched' ? 'observedOn' : field === 'precisionTouched' ? 'observedPrecision' : field}`,
      ),
    );
    // A changed row may no longer warrant its warning: it is checked again on saving.
    setWarnings((previous) => {
      if (!(index in previous)) return previous;
      const next = { ...previous };
      delete next[index];
      return next;
    });
  }

  function addRow() {
    const row = emptyRow(nextKey.current++);
    focusAfterRender.current = fid(`rows.${rows.length}.commitmentId`);
    setRows((previous) => [...previous, row]);
  }

  function removeRow(index: number) {
    // Errors are keyed by position: those of later rows move up one.
    setErrors((previous) => shiftRowErrors(previous, index));
    setWarnings((previous) =>
      Object.fromEntries(
        Object.entries(previous).flatMap(([row, message]) =>
          Number(row) === index ? [] : [[Number(row) > index ? Number(row) - 1 : Number(row), message]],
        ),
      ),
    );
    focusAfterRender.current =
      index < rows.length - 1 ? fid(`rows.${index}.commitmentId`) : fid(`rows.${index - 1}.commitmentId`);
    setRows((previous) => previous.filter((_, i) => i !== index));
  }

  async function checkUrl(text: string) {
    const url = normaliseUrl(text);
    if (!url || lookup?.url === url) return;
    lookupAbort.current?.abort();
    const controller = new AbortController();
    lookupAbort.current = controller;
    setLookup({ url, checking: true, existing: null });
    const answer = await lookUpEvidence(url, controller.signal);
    if (controller.signal.aborted) return;
    setLookup({ url, checking: false, existing: answer?.found ? answer.evidence : null });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    // Always sent, even when the schema (the same one the action runs) would refuse it here: the answer adds what
    // only the server can check (an archived commitment, a date before the agreement), so every problem comes in
    // one answer, with one move of the focus to the summary, rather than in rounds (docs/decisions/012).
    startTransition(() => dispatch(formData));
  }

  const entries: SummaryEntry[] = Object.entries(errors)
    .sort(([a], [b]) => fieldOrder(a) - fieldOrder(b))
    .map(([name, message]) => ({ name, message, label: fieldLabel(name), targetId: targetOf(name) }));

  function targetOf(name: string): string {
    if (name === 'type') return fid(`type-${item.type || EVIDENCE_TYPES[0]}`);
    if (name === 'rows') return fid('add-row');
    return fid(name);
  }

  const showSummary = entries.length > 0 || Boolean(formMessage);
  const rowCount = rows.length;

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-busy={pending}
      aria-describedby={showSummary ? fid('summary') : undefined}
      className="space-y-8"
    >
      {showSummary ? (
        <ErrorSummary
          ref={summaryRef}
          id={fid('summary')}
          title={
            entries.length
              ? `Nothing was logged: ${entries.length === 1 ? '1 field needs' : `${entries.length} fields need`} attention`
              : 'Nothing was logged'
          }
          message={
            formMessage &&
            !entries.some((entry) => entry.message === formMessage) &&
            !/^Check the /.test(formMessage)
              ? formMessage
              : null
          }
          entries={entries}
          headingLevel={headingLevel}
        />
      ) : null}

      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}

      <section aria-labelledby={fid('item-heading')} className="space-y-5">
        <div>
          <Heading id={fid('item-heading')} className="text-base font-semibold text-slate-900">
            The news item
          </Heading>
          <p className="mt-1 text-sm text-slate-600">
            Paste its address first: if it is already logged, your updates will cite that item.
          </p>
        </div>

        <FieldShell
          id={fid('url')}
          label="URL"
          required
          limit={LIMITS.url}
          error={errors.url}
          hint={
            current?.checking
              ? 'Checking whether this address is already logged…'
              : 'The address of the article or document. Tracking parameters and a trailing slash are ignored.'
          }
        >
          <input
            {...describe(fid('url'), { required: true, hint: true, limit: true, error: errors.url })}
            type="url"
            name="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://"
            value={item.url}
            onChange={(event) => update({ url: event.target.value })}
            onBlur={(event) => checkUrl(event.currentTarget.value)}
            onPaste={(event) => {
              // A pasted address is usually complete: check it at once rather than on leaving the field.
              const input = event.currentTarget;
              setTimeout(() => checkUrl(input.value), 0);
            }}
            className={controlClass}
          />
        </FieldShell>

        {existing ? (
          <>
            <input type="hidden" name="existingEvidenceId" value={existing.id} />
            <ExistingItemNotice item={existing} id={fid('existing')} />
          </>
        ) : (
          <NewItemFields
            item={item}
            outlets={outlets}
            errors={errors}
            fid={fid}
            reliability={reliability}
            outletDefault={outletDefault}
            onChange={update}
          />
        )}
      </section>

      <section aria-labelledby={fid('rows-heading')} className="space-y-4">
        <div>
          <Heading id={fid('rows-heading')} className="text-base font-semibold text-slate-900">
            What it shows
          </Heading>
          <p className="mt-1 text-sm text-slate-600">
            Each commitment the item bears on, with the status it shows. Rate what happened, not what was
            promised.
          </p>
          <FieldError id={`${fid('rows')}-error`} error={errors.rows} />
        </div>

        {rows.map((row, index) => {
          const touched = row.observedTouched;
          const precision = (
            row.precisionTouched && isDatePrecision(row.observedPrecision)
              ? row.observedPrecision
              : defaultPrecision
          ) as DatePrecision;
          return (
            <FollowUpRow
              key={row.key}
              formId={formId}
              index={index}
              row={row}
              groups={groups}
              commitment={byId.get(row.commitmentId)}
              itemType={
                existing
                  ? existing.type
                  : (EVIDENCE_TYPES as string[]).includes(item.type)
                    ? (item.type as EvidenceType)
                    : null
              }
              newCommitment={newCommitment}
              onCommitmentCreated={(option) => {
                setCreated((previous) => [...previous, option]);
                updateRow(index, { commitmentId: String(option.id), partyId: '', adoptsProposal: false });
              }}
              observedOn={
                touched
                  ? row.observedOn
                  : published || precision === 'unknown'
                    ? convertFactText(defaultFact, precision)
                    : '' // an undated item's fact, to the day, month or year, is typed in: never guessed
              }
              observedPrecision={precision}
              observedHint={
                touched
                  ? precision === 'unknown'
                    ? 'The latest day the fact can have held by. An undated fact never outranks dated news.'
                    : 'When the fact held; it may be earlier than the item.'
                  : defaultFactHint(precision)
              }
              today={today}
              errors={errors}
              warning={warnings[index]}
              canRemove={rowCount > 1}
              onChange={(patch) => updateRow(index, patch)}
              onRemove={() => removeRow(index)}
            />
          );
        })}

        <button
          id={fid('add-row')}
          type="button"
          onClick={addRow}
          disabled={rowCount >= LIMITS.rows}
          className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:opacity-60"
        >
          <Plus aria-hidden className="size-4" />
          Add another commitment
        </button>
      </section>

      {Object.keys(warnings).length ? (
        <div
          ref={warningsRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby={fid('warnings-heading')}
          className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
        >
          <Heading id={fid('warnings-heading')} className="font-semibold">
            {warningMessage ?? 'Check before saving'}
          </Heading>
          <ul className="list-disc space-y-1 pl-5">
            {Object.entries(warnings).map(([row, message]) => (
              <li key={row}>
                Commitment {Number(row) + 1}: {message}
              </li>
            ))}
          </ul>
          <label className="flex items-center gap-2 font-medium">
            <input
              type="checkbox"
              name={CONFIRM_FIELD}
              value="yes"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
              className="size-4 rounded border-amber-400"
            />
            Save anyway: I have read these warnings
          </label>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-x-4 gap-y-3 border-t border-slate-200 pt-5">
        <button
          type="submit"
          disabled={pending || !hydrated}
          aria-disabled={pending || !hydrated}
          className="inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-60"
        >
          {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
          {pending ? 'Logging…' : 'Log follow-up'}
        </button>
        {cancelHref ? (
          <Link href={cancelHref} className="text-sm font-medium text-slate-600 hover:text-slate-900">
            Cancel
          </Link>
        ) : null}
        <p className="text-sm text-slate-600" aria-live="polite">
          {existing ? 'Cites the item already logged' : 'Logs one item'} and{' '}
          {rowCount === 1 ? 'one status update' : `${rowCount} status updates`}, in one go.
        </p>
      </div>
    </form>
  );
}

function NewItemFields({
  item,
  outlets,
  errors,
  fid,
  reliability,
  outletDefault,
  onChange,
}: {
  item: ItemState;
  outlets: OutletOption[];
  errors: Record<string, string>;
  fid: (name: string) => string;
  reliability: string;
  outletDefault: string;
  onChange: (patch: Partial<ItemState>) => void;
}) {
  const typeError = errors.type;
  return (
    <div className="space-y-5">
      <div className="grid gap-4 md:grid-cols-2">
        <FieldShell
          id={fid('outlet')}
          label="Outlet"
          required
          error={errors.outlet}
          hint={outlets.length ? undefined : 'No outlets yet: add the first one here.'}
        >
          <select
            {...describe(fid('outlet'), { required: true, hint: !outlets.length, error: errors.outlet })}
            name="outlet"
            value={item.outlet}
            onChange={(event) => onChange({ outlet: event.target.value })}
            className={controlClass}
          >
            <option value="">Choose an outlet…</option>
            {outlets.map((outlet) => (
              <option key={outlet.id} value={outlet.id}>
                {outlet.name} ({outlet.defaultReliability})
              </option>
            ))}
            <option value={NEW_OUTLET}>+ Add a new outlet…</option>
          </select>
        </FieldShell>

        <FieldShell
          id={fid('language')}
          label="Language"
          required
          error={errors.language}
          hint="The item's language as a BCP 47 tag: en, ur, zh, ar, fa…"
        >
          <input
            {...describe(fid('language'), { required: true, hint: true, error: errors.language })}
            type="text"
            name="language"
            list={fid('languages')}
            autoComplete="off"
            spellCheck={false}
            value={item.language}
            onChange={(event) => onChange({ language: event.target.value })}
            className={controlClass}
          />
          <datalist id={fid('languages')}>
            {COMMON_LANGUAGES.map((language) => (
              <option key={language.tag} value={language.tag}>
                {language.name}
              </option>
            ))}
          </datalist>
        </FieldShell>
      </div>

      {item.outlet === NEW_OUTLET ? (
        <div className="grid gap-4 rounded-lg border border-dashed border-slate-300 bg-slate-50/60 p-4 md:grid-cols-2">
          <FieldShell
            id={fid('newOutletName')}
            label="New outlet name"
            required
            limit={LIMITS.outletName}
            error={errors.newOutletName}
          >
            <input
              {...describe(fid('newOutletName'), {
                required: true,
                limit: true,
                error: errors.newOutletName,
              })}
              type="text"
              name="newOutletName"
              autoComplete="off"
              value={item.newOutletName}
              onChange={(event) => onChange({ newOutletName: event.target.value })}
              className={controlClass}
            />
          </FieldShell>
          <FieldShell
            id={fid('newOutletReliability')}
            label="Its usual reliability"
            required
            error={errors.newOutletReliability}
            hint="The outlet's default source grade; each item can override it."
          >
            <select
              {...describe(fid('newOutletReliability'), {
                required: true,
                hint: true,
                error: errors.newOutletReliability,
              })}
              name="newOutletReliability"
              value={item.newOutletReliability}
              onChange={(event) => onChange({ newOutletReliability: event.target.value })}
              className={controlClass}
            >
              <option value="">Choose A–F…</option>
              {RELIABILITIES.map((grade) => (
                <option key={grade} value={grade}>
                  {grade} — {RELIABILITY_LABELS[grade]}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
      ) : null}

      <FieldShell
        id={fid('title')}
        label="Title"
        required
        limit={LIMITS.title}
        error={errors.title}
        hint="In English; put the title as published in the next field if it differs."
        extra={<CharacterCount length={item.title.length} max={LIMITS.title} />}
      >
        <input
          {...describe(fid('title'), { required: true, hint: true, limit: true, error: errors.title })}
          type="text"
          name="title"
          autoComplete="off"
          value={item.title}
          onChange={(event) => onChange({ title: event.target.value })}
          className={controlClass}
        />
      </FieldShell>

      <FieldShell
        id={fid('originalTitle')}
        label="Original-language title"
        optional
        limit={LIMITS.title}
        error={errors.originalTitle}
      >
        <input
          {...describe(fid('originalTitle'), { limit: true, error: errors.originalTitle })}
          type="text"
          name="originalTitle"
          dir="auto"
          lang={item.language || undefined}
          autoComplete="off"
          value={item.originalTitle}
          onChange={(event) => onChange({ originalTitle: event.target.value })}
          className={controlClass}
        />
      </FieldShell>

      <div className="grid gap-4 md:grid-cols-2">
        <FieldShell
          id={fid('publishedOn')}
          label="Published on"
          optional
          error={errors.publishedOn}
          hint="Leave empty if the item carries no date: it is never guessed. At the latest tomorrow (UTC)."
        >
          <input
            {...describe(fid('publishedOn'), { hint: true, error: errors.publishedOn })}
            type="date"
            name="publishedOn"
            min="1900-01-01"
            value={item.publishedOn}
            onChange={(event) => onChange({ publishedOn: event.target.value })}
            className={controlClass}
          />
        </FieldShell>
      </div>

      <FieldShell
        id={fid('excerpt')}
        label="Excerpt"
        optional
        limit={LIMITS.excerpt}
        error={errors.excerpt}
        hint="The passage that bears on the commitments, as published. It is kept with a fingerprint, so later changes show."
        extra={<CharacterCount length={item.excerpt.length} max={LIMITS.excerpt} />}
      >
        <textarea
          {...describe(fid('excerpt'), { hint: true, limit: true, error: errors.excerpt })}
          name="excerpt"
          rows={4}
          dir="auto"
          value={item.excerpt}
          onChange={(event) => onChange({ excerpt: event.target.value })}
          className={controlClass}
        />
      </FieldShell>

      <div className="grid gap-4 md:grid-cols-2">
        <FieldShell
          id={fid('reliability')}
          label="Source reliability"
          required
          error={errors.reliability}
          hint={
            outletDefault
              ? item.reliability && item.reliability !== outletDefault
                ? `Overrides the outlet's usual ${outletDefault} for this item.`
                : `The outlet's usual grade (${outletDefault}); change it for this item if needed.`
              : "Follows the outlet's usual grade once you choose the outlet."
          }
        >
          <select
            {...describe(fid('reliability'), { required: true, hint: true, error: errors.reliability })}
            name="reliability"
            value={reliability}
            onChange={(event) => onChange({ reliability: event.target.value })}
            className={controlClass}
          >
            {reliability ? null : <option value="">The outlet&apos;s usual grade</option>}
            {RELIABILITIES.map((grade) => (
              <option key={grade} value={grade}>
                {grade} — {RELIABILITY_LABELS[grade]}
              </option>
            ))}
          </select>
        </FieldShell>

        <FieldShell
          id={fid('credibility')}
          label="Information credibility"
          required
          error={errors.credibility}
          hint="How far this item's information can be believed, judged apart from the source."
        >
          <select
            {...describe(fid('credibility'), { required: true, hint: true, error: errors.credibility })}
            name="credibility"
            value={item.credibility}
            onChange={(event) => onChange({ credibility: event.target.value })}
            className={controlClass}
          >
            <option value="">Choose 1–6…</option>
            {[1, 2, 3, 4, 5, 6].map((grade) => (
              <option key={grade} value={grade}>
                {grade} — {CREDIBILITY_LABELS[grade]}
              </option>
            ))}
          </select>
        </FieldShell>
      </div>

      <fieldset aria-describedby={typeError ? `${fid('type')}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">
          Type
          <RequiredMark />
        </legend>
        <div className="mt-2 grid gap-2 md:grid-cols-3">
          {EVIDENCE_TYPES.map((type) => (
            <label
              key={type}
              htmlFor={fid(`type-${type}`)}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-3 text-sm has-checked:border-indigo-500 has-checked:ring-1 has-checked:ring-indigo-500"
            >
              <input
                id={fid(`type-${type}`)}
                type="radio"
                name="type"
                value={type}
                checked={item.type === type}
                onChange={() => onChange({ type })}
                aria-describedby={typeError ? `${fid('type')}-error` : undefined}
                className="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{EVIDENCE_TYPE_LABELS[type]}</span>
                <span className="block text-slate-600">{TYPE_HINTS[type]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${fid('type')}-error`} error={typeError} />
      </fieldset>
    </div>
  );
}

function groupByAgreement(commitments: CommitmentOption[]): AgreementGroup[] {
  const groups = new Map<number, AgreementGroup>();
  for (const option of commitments) {
    const group = groups.get(option.agreement.id) ?? {
      id: option.agreement.id,
      title: option.agreement.title,
      commitments: [],
    };
    group.commitments.push(option);
    groups.set(option.agreement.id, group);
  }
  return [...groups.values()];
}

/** The first message of each field. */
function firstErrors(fieldErrors: Record<string, string[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, messages] of Object.entries(fieldErrors ?? {})) {
    if (messages?.[0]) out[name] = messages[0];
  }
  return out;
}

/** Errors after removing row `removed`: its own go, later rows' move up one place. */
function shiftRowErrors(errors: Record<string, string>, removed: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors)) {
    const row = /^rows\.(\d+)\.(\w+)$/.exec(name);
    if (!row) out[name] = message;
    else if (Number(row[1]) < removed) out[name] = message;
    else if (Number(row[1]) > removed) out[`rows.${Number(row[1]) - 1}.${row[2]}`] = message;
  }
  return out;
}
