'use client';
// "Log follow-up": one news item, then each commitment it bears on with the status it shows. One submit, one
// transaction (app/(app)/follow-ups/actions.ts). The action checks the form with its schema and the database
// together and answers every problem at once (docs/decisions/012-follow-up-rows.md).
//
// Every field is controlled: React resets a form after an action, and typed values (all rows included) must
// survive a refusal. The form is submitted from onSubmit inside a transition, so React's reset never runs.
import { useSearchParams } from 'next/navigation';
import { startTransition, useActionState, useEffect, useId, useMemo, useRef, useState } from 'react';
import { DraftNote } from '@/components/drafts/draft-note';
import {
  followUpDraftView,
  type FollowUpDraftResult,
  type FollowUpDraftView,
} from '@/components/drafts/follow-up-draft';
import type { ActionResult } from '@/lib/auth/action-core';
import type { CommitmentOption } from '@/lib/data/evidence';
import type { OutletOption } from '@/lib/data/outlets';
import { formatDay, parseDayOrNull, today as todayOf, type DatePrecision } from '@/lib/domain/dates';
import { normaliseUrl } from '@/lib/domain/url';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import { EVIDENCE_TYPES, NEW_OUTLET, warningRow } from '@/lib/validation/follow-up';
import { ArticleDraftPanel, type DraftFollowUpAction } from './article-draft-panel';
import { ErrorSummary, type SummaryEntry } from './error-summary';
import { lookUpEvidence, type ExistingItem } from './evidence-lookup';
import { ITEM_FIELDS, type ItemField, type ItemState } from './field-specs';
import { fieldId, type Bound } from './fields';
import { convertFactText, type NewCommitmentSupport, type RowState } from './follow-up-row';
import { fieldOrder, firstErrors, shiftRowErrors, summaryLabel } from './form-errors';
import { ItemSection } from './item-section';
import { ITEM_PARAM, LOGGED_PARAM } from './notice';
import { RowsSection } from './rows-section';
import { SubmitBar, WarningsConfirm } from './submit-section';

export type LogFollowUpFormProps = {
  /** The logFollowUp server action (app/(app)/follow-ups/actions.ts), handed in by the page. */
  action: (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  /**
   * The commitments known up front: the preset one (a commitment's page may hand in its agreement's). The rows'
   * pickers search the rest as the analyst types (/api/options/commitments), so no page carries them all.
   */
  commitments: CommitmentOption[];
  /** Outlets known up front (for their labels); the outlet picker searches the rest (/api/options/outlets). */
  outlets: OutletOption[];
  /** Whether any outlet is on file (without one the form starts on "add a new outlet"); default: `outlets` has one. */
  hasOutlets?: boolean;
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
  /** "Start from an article" above the form (the full form at /follow-ups/new); no such panel without it. */
  draftAction?: DraftFollowUpAction;
  /** A draft to start from (an Inbox item's: /follow-ups/new?inboxItem=…), applied as the article panel's is. */
  initialDraft?: FollowUpDraftResult;
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

type Lookup = { url: string; checking: boolean; existing: ExistingItem | null };

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

function FollowUpForm({
  action,
  commitments: offered,
  outlets,
  hasOutlets = outlets.length > 0,
  presetCommitmentId,
  returnTo,
  cancelHref,
  headingLevel = 2,
  newCommitment,
  draftAction,
  initialDraft,
}: LogFollowUpFormProps) {
  // Commitments picked in a row or created from inside the form join those known up front, so each row can show
  // its commitment's status, agreement and parties (and keep them through a refused submit).
  const [picked, setPicked] = useState<CommitmentOption[]>([]);
  const commitments = useMemo(
    () => [...offered, ...picked.filter((option) => !offered.some((other) => other.id === option.id))],
    [offered, picked],
  );
  const remember = (option: CommitmentOption) =>
    setPicked((previous) => [...previous.filter((other) => other.id !== option.id), option]);
  // The outlet picked, for its usual reliability.
  const [pickedOutlet, setPickedOutlet] = useState<OutletOption | null>(null);
  const formId = useId();
  const fid = (name: string) => fieldId(formId, name);
  const heading = headingLevel === 2 ? 'h2' : 'h3';
  const [state, dispatch, pending] = useActionState(
    (previous: ActionResult | null, formData: FormData) => action(previous, formData),
    null,
  );
  const today = formatDay(todayOf());

  const [item, setItem] = useState<ItemState>(() => ({
    url: '',
    outlet: hasOutlets ? '' : NEW_OUTLET,
    newOutletName: '',
    newOutletReliability: '',
    title: '',
    originalTitle: '',
    language: 'en',
    publishedOn: '',
    excerpt: '',
    // Empty until the analyst picks one: until then it follows the outlet's default.
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
  // The sentences behind the item's fields a draft filled (each row keeps its own).
  const [itemNotes, setItemNotes] = useState<FollowUpDraftView['itemNotes']>({});

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

  const chosenOutlet =
    [pickedOutlet, ...outlets].find((outlet) => outlet && String(outlet.id) === item.outlet) ?? null;

  const normalisedUrl = normaliseUrl(item.url);
  const current = lookup && lookup.url === normalisedUrl ? lookup : null;
  const existing = current?.existing ?? null;

  const outletDefault =
    item.outlet === NEW_OUTLET ? item.newOutletReliability : (chosenOutlet?.defaultReliability ?? '');
  const reliability = item.reliability || outletDefault;
  const published = existing
    ? existing.publishedOn
    : parseDayOrNull(item.publishedOn)
      ? item.publishedOn
      : null;

  function update(patch: Partial<ItemState>) {
    setItem((previous) => ({ ...previous, ...patch }));
    clearErrors(Object.keys(patch));
  }

  const bindItem = (field: ItemField): Bound => {
    const note = field in itemNotes ? itemNotes[field as keyof typeof itemNotes] : undefined;
    return {
      spec: ITEM_FIELDS[field],
      id: fid(field),
      name: field,
      value: item[field],
      onValueChange: (value) => update({ [field]: value }),
      error: errors[field],
      ...(note
        ? {
            hint: (
              <>
                {ITEM_FIELDS[field].hint}
                <DraftNote note={note} />
              </>
            ),
          }
        : {}),
    };
  };

  /**
   * A draft fills the item (keeping what it says nothing of) and replaces the rows; the analyst checks them and
   * submits the form as usual.
   */
  function applyDraft(result: FollowUpDraftResult) {
    const view = followUpDraftView(result);
    const { outlet } = view.item;
    if (outlet) setPickedOutlet(outlet);
    setPicked((previous) => [
      ...previous.filter((option) => !result.commitments.some((other) => other.id === option.id)),
      ...result.commitments,
    ]);
    setItem((previous) => ({
      ...previous,
      url: view.item.url || previous.url,
      outlet: outlet ? String(outlet.id) : view.item.newOutletName ? NEW_OUTLET : previous.outlet,
      newOutletName: outlet ? previous.newOutletName : view.item.newOutletName || previous.newOutletName,
      title: view.item.title || previous.title,
      publishedOn: view.item.publishedOn || previous.publishedOn,
      language: view.item.language,
      excerpt: view.item.excerpt || previous.excerpt,
      type: view.item.type || previous.type,
    }));
    setItemNotes(view.itemNotes);
    setRows(
      view.rows.map((drafted) => ({
        ...emptyRow(nextKey.current++, drafted.commitmentId),
        status: drafted.status,
        evidenceType: drafted.evidenceType,
        observedOn: drafted.observedOn,
        observedTouched: Boolean(drafted.observedOn),
        observedPrecision: drafted.observedPrecision,
        precisionTouched: Boolean(drafted.observedPrecision),
        reason: drafted.reason,
        note: drafted.note,
      })),
    );
    setErrors({});
    setWarnings({});
    setFormMessage(null);
    // An address already logged is cited as the form's own lookup cites it.
    if (view.item.url) void checkUrl(view.item.url);
  }

  // Once, after the first render: the draft fills the form as a draft from the article panel does.
  const initialApplied = useRef(false);
  useEffect(() => {
    if (!initialDraft || initialApplied.current) return;
    initialApplied.current = true;
    startTransition(() => {
      applyDraft(initialDraft);
      // Nobody has judged the item yet: "cannot be judged" until the analyst does (it counts as weak support).
      setItem((previous) => ({ ...previous, credibility: previous.credibility || '6' }));
    });
  });

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
    .map(([name, message]) => ({ name, message, label: summaryLabel(name), targetId: targetOf(name) }));

  function targetOf(name: string): string {
    if (name === 'type') return fid(`type-${item.type || EVIDENCE_TYPES[0]}`);
    if (name === 'rows') return fid('add-row');
    return fid(name);
  }

  const showSummary = entries.length > 0 || Boolean(formMessage);

  return (
    <>
      {draftAction ? (
        <ArticleDraftPanel action={draftAction} heading={heading} onDrafted={applyDraft} />
      ) : null}
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

        <ItemSection
          heading={heading}
          fid={fid}
          bind={bindItem}
          item={item}
          outlet={{
            chosen: chosenOutlet,
            hasAny: hasOutlets,
            onPick: (value, option) => {
              if (option) setPickedOutlet(option);
              update({ outlet: value });
            },
          }}
          reliability={reliability}
          outletDefault={outletDefault}
          checking={Boolean(current?.checking)}
          existing={existing}
          onCheckUrl={checkUrl}
        />

        <RowsSection
          heading={heading}
          formId={formId}
          fid={fid}
          rows={rows}
          commitments={commitments}
          published={published}
          today={today}
          itemType={
            existing
              ? existing.type
              : (EVIDENCE_TYPES as string[]).includes(item.type)
                ? (item.type as EvidenceType)
                : null
          }
          errors={errors}
          warnings={warnings}
          newCommitment={newCommitment}
          onCommitmentCreated={(index, option) => {
            remember(option);
            updateRow(index, { commitmentId: String(option.id), partyId: '', adoptsProposal: false });
          }}
          onPickCommitment={(index, option) => {
            if (option) remember(option);
            updateRow(index, { commitmentId: option ? String(option.id) : '', partyId: '', note: undefined });
          }}
          onChangeRow={updateRow}
          onAddRow={addRow}
          onRemoveRow={removeRow}
        />

        {Object.keys(warnings).length ? (
          <WarningsConfirm
            ref={warningsRef}
            id={fid('warnings')}
            heading={heading}
            title={warningMessage ?? 'Check before saving'}
            warnings={warnings}
            confirmed={confirmed}
            onConfirmedChange={setConfirmed}
          />
        ) : null}

        <SubmitBar
          pending={pending}
          cancelHref={cancelHref}
          citesExisting={Boolean(existing)}
          rowCount={rows.length}
        />
      </form>
    </>
  );
}
