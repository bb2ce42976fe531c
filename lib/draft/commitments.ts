// Candidate commitments in an agreement's report: clauses that agree, decide, pledge, invite or accept an
// invitation, announce something being set up, state an aim, or say that a named party will do something (the
// headline is not read: it repeats the story). A sentence with two such verbs ("agreed on A and pledged to B") gives two
// candidates, an enumeration of verbs ("agreed to build A, expand B and hold C") one per verb, and "including X"
// after an agreed project a candidate of its own, as the seed agreement records them. Each candidate says who is
// responsible (the clause's subject; "the two ministers" are the article's principal parties) and who benefits
// (the party the clause does it for, or the one invited), and a category from the registry.
import type { CommitmentStrength } from '../generated/prisma/enums.ts';
import { refOf, type Entities, type Mention } from './entities.ts';
import type { AgreementCommitmentDraft, PartyRef, Registry, RegistryCategory } from './types.ts';
import { stem, words } from './words.ts';

type Trigger = {
  rule: string;
  re: RegExp;
  strength: CommitmentStrength;
  invitation?: boolean;
  /** Counts only when the clause's subject names a party ("Saudi Arabia will invest", not "the forum will"). */
  needsPartySubject?: boolean;
};

const TRIGGERS: Trigger[] = [
  { rule: 'agreed', re: /\b(?:agreed|agree|agrees)\s+(?:to|on|upon|that)\s+/gi, strength: 'firm' },
  {
    rule: 'decided or pledged',
    re: /\b(?:decided|resolved|pledged|vowed|promised|undertook|committed(?:\s+themselves)?|reaffirmed\s+(?:their|its)\s+commitment)\s+(?:not\s+to|to|that)\s+/gi,
    strength: 'firm',
  },
  { rule: 'invited', re: /\binvited\s+/gi, strength: 'firm', invitation: true },
  { rule: 'accepted an invitation', re: /\baccepted\s+(?:an|the)\s+invitation\s+to\s+/gi, strength: 'firm' },
  {
    rule: 'party will',
    re: /\b(?:will|shall)\s+(?!be\b|not\b|also\s+be\b)/gi,
    strength: 'firm',
    needsPartySubject: true,
  },
  {
    rule: 'announced as being set up',
    re: /\bannounced\s+that\s+(?=(?:[\w’'-]+\s+){1,8}(?:is|are|will\s+be|would\s+be)\s+(?:being\s+)?(?:established|set\s+up|built|created|launched|formed|deployed|constituted)\b)/gi,
    strength: 'firm',
  },
  {
    rule: 'measures being taken',
    re: /\b(?:measures|steps)\s+(?:being\s+)?taken\s+to\s+/gi,
    strength: 'intent',
  },
  { rule: 'stated aim', re: /\baims?\s+to\s+/gi, strength: 'proposal' },
  { rule: 'proposed', re: /\bproposed\s+(?:to\s+|that\s+)/gi, strength: 'proposal' },
];

/** Verbs that start an item of an enumeration ("agreed to build A, expand B and hold C"). */
const ENUMERATED_VERBS =
  'develop|establish|set up|build|expand|strengthen|enhance|improve|hold|conduct|launch|share|exchange|promote|maintain|increase|explore|cooperate|work|create|boost|facilitate|provide|train|upgrade|complete|finalise|finalize|sign|deepen|deploy|jointly|form|review|open|resume|extend|combat|counter|ensure|support|set|start|begin|raise|reach|double|conclude|negotiate|finalise|initiate|organise|organize|speed|undertake|accelerate|revive|restore|allow|not';

/** Where a clause's complement ends: a participle or "with" clause, or a new verb that is not a trigger. */
const CLAUSE_END =
  /,\s+(?:(?!including\b)[a-z]+ing\b|with\b|while\b|which\b|who\b|as\b|but\b)|\s+and\s+(?:conveyed|said|expressed|noted|discussed|briefed|highlighted|thanked|appreciated|welcomed|stressed|added)\b|;|:\s|\s+[-–—]\s+/;

const COLLECTIVE =
  /\b(?:the\s+)?(?:two|both)\s+(?:leaders|ministers|sides|countries|officials|parties|governments|nations|delegations)\b|\b(?:the\s+)?(?:leaders|ministers|sides|officials|delegations)\b|\bthey\b|\bit\s+was\b/i;
const BOTH_COUNTRIES = /\b(?:both|the\s+two)\s+(?:countries|nations|states|sides)\b/i;
const BENEFICIARY_NOUN =
  /^\s+(?:nationals|citizens|people|workers|engineers|students|personnel|investors|companies|pilgrims|traders)\b/i;
const BENEFICIARY_CUE = /\b(?:of|for|to|benefit|towards)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$/i;

const PASSIVE =
  /^(?:(a|an|the)\s+)?(.+?)\s+(?:is|are|will\s+be|would\s+be)\s+(?:being\s+)?(established|set\s+up|built|created|launched|formed|deployed|constituted)\b(.*)$/i;
const BASE_VERBS: Record<string, string> = {
  established: 'Establish',
  'set up': 'Set up',
  built: 'Build',
  created: 'Create',
  launched: 'Launch',
  formed: 'Form',
  deployed: 'Deploy',
  constituted: 'Constitute',
};

const TITLE_MAX = 300;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function tidy(text: string): string {
  const trimmed = text
    .replace(/\s+/g, ' ')
    .replace(/^(?:also|further|jointly|in turn),?\s+/i, '')
    .replace(/^(?:a|an|the)\s+/i, '')
    .replace(/[\s,;:.]+$/, '')
    .replace(/\s+(?:and|or)$/i, '')
    .trim();
  if (trimmed.length <= TITLE_MAX) return trimmed;
  return `${trimmed.slice(0, TITLE_MAX - 1).replace(/\s+\S*$/, '')}…`;
}

/** Splits "develop A, expand B and hold C" at each verb; anything else stays whole. */
function splitEnumeration(complement: string): string[] {
  const re = new RegExp(`(?:,\\s*(?:and\\s+)?|\\s+and\\s+)(?:to\\s+)?(?=(?:${ENUMERATED_VERBS})\\b)`, 'gi');
  if (!new RegExp(`^(?:to\\s+)?(?:${ENUMERATED_VERBS})\\b`, 'i').test(complement)) return [complement];
  return complement.split(re).filter((part) => part.trim().length > 0);
}

/** The parties mentioned in [start, end) of a sentence, the most specific kept (a ministry over its state). */
function partiesIn(mentions: Mention[], start: number, end: number, entities: Entities): string[] {
  const keys = [
    ...new Set(
      mentions.filter((m) => m.start >= start && m.end <= end && m.partyKey).map((m) => m.partyKey!),
    ),
  ];
  return keys.filter((key) => !keys.some((other) => other !== key && entities.stateOf(other) === key));
}

function refs(keys: string[], entities: Entities): PartyRef[] {
  const out: PartyRef[] = [];
  for (const key of keys) {
    const party = entities.party(key);
    if (party && !out.some((ref) => ref.id === party.id && ref.name === party.name)) out.push(refOf(party));
  }
  return out;
}

/** The category whose name shares the most word stems with the title (plus a few synonyms); "Other" otherwise. */
function categoryFor(title: string, categories: RegistryCategory[]): AgreementCommitmentDraft['category'] {
  const SYNONYMS: Record<string, string[]> = {
    invit: ['visit'],
    visit: ['invit'],
    skill: ['train'],
    terror: ['terrorism', 'counter'],
    terrorism: ['terror'],
    cyber: ['cybercrim'],
  };
  const stems = new Set(words(title).map(stem));
  for (const s of [...stems]) for (const extra of SYNONYMS[s] ?? []) stems.add(extra);
  let best: { category: RegistryCategory; score: number; matched: string } | null = null;
  for (const category of categories) {
    const shared = [
      ...new Set(words(`${category.name} ${category.slug.replace(/-/g, ' ')}`).map(stem)),
    ].filter((s) => stems.has(s));
    if (shared.length && (!best || shared.length > best.score)) {
      best = { category, score: shared.length, matched: shared.join(', ') };
    }
  }
  const chosen =
    best ??
    (() => {
      const other = categories.find((c) => c.slug === 'other' || /^other$/i.test(c.name));
      return other ? { category: other, score: 0, matched: 'no category matched: Other' } : null;
    })();
  return chosen ? { id: chosen.category.id, name: chosen.category.name, matched: chosen.matched } : null;
}

/** The candidate commitments of an agreement's report (`sentences[i]` pairs with mentions of sentence i). */
export function agreementCommitments(
  sentences: string[],
  entities: Entities,
  registry: Registry,
  /** Sentences before this one (the headline) name parties but are not read for commitments. */
  firstBodySentence = 0,
): AgreementCommitmentDraft[] {
  // The principal parties: those of the people named (who speak for them), else the ministries, else the states.
  const personParties = [
    ...new Set(entities.mentions.filter((m) => m.personKey && m.partyKey).map((m) => m.partyKey!)),
  ].filter((key) => entities.people.some((p) => p.partyId !== null && `id:${p.partyId}` === key));
  const keysOf = (kind: string) =>
    entities.parties.filter((p) => p.kind === kind).map((p) => entities.partyKeyOf(p));
  const principals = personParties.length
    ? personParties
    : keysOf('ministry').length
      ? keysOf('ministry')
      : keysOf('state').slice(0, 3);
  const principalStates = [
    ...new Set(principals.map((key) => entities.stateOf(key)).filter((k): k is string => !!k)),
  ];

  const out: AgreementCommitmentDraft[] = [];
  sentences.forEach((sentence, index) => {
    if (index < firstBodySentence || !/[A-Za-z]/.test(sentence)) return;
    const mentions = entities.mentions.filter((m) => m.sentence === index);
    const hits: { trigger: Trigger; start: number; end: number; matched: string }[] = [];
    for (const trigger of TRIGGERS) {
      for (const match of sentence.matchAll(trigger.re)) {
        if (hits.some((hit) => match.index < hit.end && match.index + match[0].length > hit.start)) continue;
        hits.push({
          trigger,
          start: match.index,
          end: match.index + match[0].length,
          matched: match[0].trim(),
        });
      }
    }
    hits.sort((a, b) => a.start - b.start);
    hits.forEach((hit, position) => {
      const next = hits[position + 1]?.start ?? sentence.length;
      let complement = sentence.slice(hit.end, next);
      const cut = CLAUSE_END.exec(complement);
      if (cut) complement = complement.slice(0, cut.index);
      complement = complement.replace(/\s+(?:and|,)\s*$/i, '');
      const complementStart = hit.end;
      const complementEnd = hit.end + complement.length;

      // Responsible: who the clause's subject names (back to the previous clause), else the principals.
      const subjectStart = position > 0 ? hits[position - 1].end : 0;
      const subjectText = sentence.slice(subjectStart, hit.start);
      let responsibleKeys = partiesIn(mentions, subjectStart, hit.start, entities);
      if (hit.trigger.needsPartySubject && (!responsibleKeys.length || /,\s*$/.test(subjectText))) return;
      if (!responsibleKeys.length || COLLECTIVE.test(subjectText)) responsibleKeys = principals;

      // Beneficiary: the invitee, or a party the complement does something of/for ("security of Chinese nationals").
      let beneficiaryKeys: string[];
      if (hit.trigger.invitation) {
        const invitee = mentions.find(
          (m) => m.start >= complementStart && m.start - complementStart <= 20 && m.partyKey,
        );
        beneficiaryKeys = invitee?.partyKey ? [invitee.partyKey] : [];
      } else {
        beneficiaryKeys = mentions
          .filter(
            (m) =>
              m.partyKey &&
              m.start >= complementStart &&
              m.end <= complementEnd &&
              (BENEFICIARY_CUE.test(sentence.slice(Math.max(complementStart, m.start - 40), m.start)) ||
                BENEFICIARY_NOUN.test(sentence.slice(m.end, m.end + 20))),
          )
          .map((m) => m.partyKey!);
        if (BOTH_COUNTRIES.test(complement)) beneficiaryKeys.push(...principalStates);
        beneficiaryKeys = [...new Set(beneficiaryKeys)].filter((key) => !responsibleKeys.includes(key));
      }

      const parts: string[] = [];
      const including = /,?\s+including\s+(?=(?:[\w’'-]+\s+){2,})/i.exec(complement);
      const main = including ? complement.slice(0, including.index) : complement;
      parts.push(...splitEnumeration(main));
      if (including) parts.push(complement.slice(including.index + including[0].length));

      for (const part of parts) {
        let title = tidy(part.replace(/^to\s+/i, ''));
        if (!title || title.split(/\s+/).length < 2) continue;
        if (hit.trigger.invitation) title = `Invitation: ${title}`;
        else if (hit.trigger.rule === 'measures being taken') title = `Measures to ${title}`;
        else {
          const passive = PASSIVE.exec(title);
          if (passive) {
            const verb = BASE_VERBS[passive[3].toLowerCase().replace(/\s+/g, ' ')];
            title = tidy(
              `${verb} ${passive[1] ? `${passive[1].toLowerCase()} ` : ''}${passive[2]}${passive[4]}`,
            );
          }
        }
        title = capitalise(title);
        out.push({
          title,
          sentence,
          why: { sentence, rule: hit.trigger.rule, matched: hit.matched },
          strength: hit.trigger.strength,
          category: categoryFor(title, registry.categories),
          responsible: refs(responsibleKeys, entities),
          beneficiary: refs(beneficiaryKeys, entities),
        });
      }
    });
  });
  return out;
}
