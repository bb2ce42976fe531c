// Parties and people in an article, matched against the registry or offered as new. Rules, each named in the
// proposal's `why.rule`:
// - a state by its name, another name for it or its demonym ("Chinese" → China), from lib/draft/gazetteer.ts;
// - a registered party by its name or short name;
// - a ministry by its portfolio ("Pakistan's interior ministry", "China's Minister of Public Security", "the
//   Chinese interior minister"), under the state the phrase names; "minister" also finds that ministry's minister;
// - a registered person by full name, or by one of their names when no other registered person has it ("Naqvi");
// - someone new after a title ("President Asif Ali Zardari"); an organisation new before its acronym
//   ("National Cyber Crimes Investigation Agency (NCCIA)").
import { COUNTRIES, CITIES, PORTFOLIOS, type Country } from './gazetteer.ts';
import type {
  DraftParty,
  DraftPerson,
  PartyRef,
  Registry,
  RegistryParty,
  RegistryPerson,
  Why,
} from './types.ts';

export type Mention = {
  sentence: number;
  start: number;
  end: number;
  /** The party mentioned, or the party of the person mentioned (null when the person has none). */
  partyKey: string | null;
  personKey: string | null;
};

export type Entities = {
  parties: DraftParty[];
  people: DraftPerson[];
  mentions: Mention[];
  partyKeyOf(party: DraftParty): string;
  party(key: string): DraftParty | undefined;
  /** The state a party belongs to (itself for a state), as a key. */
  stateOf(key: string): string | null;
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const APOSTROPHE = "(?:'s|s')";

function titleCase(text: string): string {
  return text.replace(/\b([a-z])([a-z]*)/g, (_, first: string, rest: string) =>
    ['and', 'of', 'for', 'the'].includes(first + rest) ? first + rest : first.toUpperCase() + rest,
  );
}

/** The portfolio a ministry's name carries ("Pakistan's Ministry of Interior" → "interior"), if it is one we know. */
function portfolioOf(name: string): string | null {
  const bare = name.replace(/^.*?(?:'s|’s)\s+/, '').trim();
  const match =
    /^(?:the\s+)?(?:Federal\s+)?Ministry\s+(?:of|for)\s+(?:the\s+)?(.+)$/i.exec(bare) ??
    /^(?:the\s+)?(.+?)\s+Ministry$/i.exec(bare);
  if (!match) return null;
  return PORTFOLIOS[match[1].toLowerCase()] ?? null;
}

/** Word-bounded, for Latin script; other scripts have no spaces between words to bound by. */
function wordPattern(text: string, flags = 'g'): RegExp {
  const latin = /^[\p{Script=Latin}\p{P}\s\d]+$/u.test(text);
  return new RegExp(latin ? `(?<![\\p{L}\\d])${escape(text)}(?![\\p{L}\\d])` : escape(text), `${flags}u`);
}

const TITLES = [
  'President',
  'Vice President',
  'Prime Minister',
  'Premier',
  'Chief Minister',
  'Foreign Minister',
  'Minister',
  'Ambassador',
  'Senator',
  'General',
  'Field Marshal',
  'Chairman',
  'Chairperson',
  'Secretary',
  'Foreign Secretary',
  'Interior Secretary',
  'Governor',
  'Spokesperson',
  'Spokesman',
  'Director General',
  'Commissioner',
  'Envoy',
  'Mayor',
  'State Councillor',
  'Vice Premier',
  'Crown Prince',
  'King',
  'Emir',
];
/** A capitalised name, hyphenated parts allowed; a possessive "'s" is not part of it. */
const NAME_WORD = '[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*';
const TITLE_WORDS = new Set([
  ...TITLES.flatMap((title) => title.split(' ')),
  ...Object.keys(PORTFOLIOS).flatMap((portfolio) => titleCase(portfolio).split(' ')),
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Sheikh',
  'Federal',
]);
const MONTHS_AND_DAYS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const NOT_NAME_WORDS =
  /^(?:Ministry|Minister|Government|Department|Office|The|On|In|At|And|Of|Said|Also|His|Her|Their)$/;
const PROJECT_WORDS =
  /\b(?:Corridor|Forum|Summit|Conference|Initiative|Programme|Program|Project|Plan|Agreement|Treaty|Memorandum|Dialogue|Games|Expo|Week)\b/;

type CountryPatterns = Country & { patterns: { re: RegExp; rule: string }[] };

export function matchEntities(
  sentences: string[],
  registry: Registry,
  context: { datelineCountry: string | null },
): Entities {
  const parties = new Map<string, DraftParty>();
  const people = new Map<string, DraftPerson>();
  const mentions: Mention[] = [];
  const byId = new Map(registry.parties.map((party) => [party.id, party]));
  const keyOf = (party: { id: number | null; name: string; kind: string; parentName?: string | null }) =>
    party.id !== null
      ? `id:${party.id}`
      : `new:${party.kind}:${party.parentName ?? ''}:${party.name.toLowerCase()}`;

  const addParty = (party: Omit<DraftParty, 'why'>, why: Why): string => {
    const key = keyOf(party);
    if (!parties.has(key)) parties.set(key, { ...party, why });
    return key;
  };
  const addRegistered = (party: RegistryParty, why: Why): string => {
    // A registered party proposed means its parent is known too; the parent is not proposed on its own account.
    const parent = party.parentId !== null ? byId.get(party.parentId) : undefined;
    return addParty(
      {
        id: party.id,
        name: party.name,
        shortName: party.shortName,
        kind: party.kind,
        countryCode: party.countryCode,
        parentId: party.parentId,
        parentName: parent?.name ?? null,
      },
      why,
    );
  };
  const addPerson = (person: Omit<DraftPerson, 'why'>, why: Why): string => {
    const key = person.id !== null ? `id:${person.id}` : `new:${person.name.toLowerCase()}`;
    if (!people.has(key)) people.set(key, { ...person, why });
    return key;
  };
  const mention = (
    sentence: number,
    start: number,
    end: number,
    partyKey: string | null,
    personKey?: string,
  ) => mentions.push({ sentence, start, end, partyKey, personKey: personKey ?? null });

  // ---- states ------------------------------------------------------------------------------------------------
  const states = registry.parties.filter((party) => party.kind === 'state' && party.parentId === null);
  const registeredState = (country: Country) =>
    states.find((party) => party.name === country.name || country.aliases.includes(party.name)) ??
    states.find((party) => party.countryCode === country.code);
  const stateKey = (country: Country, why: Why): string => {
    const registered = registeredState(country);
    if (registered) return addRegistered(registered, why);
    return addParty(
      {
        id: null,
        name: country.name,
        shortName: null,
        kind: 'state',
        countryCode: country.code,
        parentId: null,
        parentName: null,
      },
      why,
    );
  };
  const countries: CountryPatterns[] = COUNTRIES.map((country) => ({
    ...country,
    patterns: [
      ...[country.name, ...country.aliases].map((name) => ({ re: wordPattern(name), rule: 'state name' })),
      ...country.demonyms.map((name) => ({ re: wordPattern(name), rule: 'demonym' })),
    ],
  }));
  const countryByWord = new Map<string, Country>();
  for (const country of COUNTRIES) {
    for (const word of [country.name, ...country.aliases, ...country.demonyms])
      countryByWord.set(word, country);
  }
  const stateWords = [...countryByWord.keys()]
    .filter((word) => /^[\p{Script=Latin}’' ]+$/u.test(word))
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

  // ---- people in the registry ---------------------------------------------------------------------------------
  const tokenOwners = new Map<string, RegistryPerson[]>();
  for (const person of registry.people) {
    for (const token of person.name.split(/\s+/)) {
      if (token.length < 4 || countryByWord.has(token)) continue;
      tokenOwners.set(token, [...(tokenOwners.get(token) ?? []), person]);
    }
  }
  // Compiled once per draft, not once per sentence: the registry may hold thousands of names.
  const partyPatterns = registry.parties.flatMap((party) => [
    { party, re: wordPattern(party.name, 'gi'), rule: 'registered name' },
    ...(party.shortName && party.shortName.length >= 2
      ? [{ party, re: wordPattern(party.shortName), rule: 'short name' }]
      : []),
  ]);
  const personPatterns = registry.people.map((person) => ({ person, re: wordPattern(person.name) }));
  const tokenPatterns = [...tokenOwners].map(([token, owners]) => ({
    token,
    owners,
    re: wordPattern(token),
  }));
  const personFromRegistry = (
    person: RegistryPerson,
    why: Why,
  ): { personKey: string; partyKey: string | null } => {
    const party = person.partyId !== null ? byId.get(person.partyId) : undefined;
    const personKey = addPerson(
      {
        id: person.id,
        name: person.name,
        title: person.title,
        partyId: person.partyId,
        partyName: party?.name ?? null,
      },
      why,
    );
    const partyKey = party
      ? addRegistered(party, { ...why, rule: `party of ${person.name}`, matched: why.matched })
      : null;
    return { personKey, partyKey };
  };

  // ---- ministries -----------------------------------------------------------------------------------------------
  const portfolioAlternation = Object.keys(PORTFOLIOS).map(escape).join('|');
  const ministryRe = new RegExp(
    `(?:(?<poss>${stateWords})${APOSTROPHE}\\s+|(?<dem>${stateWords})\\s+)?(?:(?<kind1>Ministry|Minister)\\s+(?:of|for)\\s+(?:the\\s+)?(?<p1>${portfolioAlternation})|(?<p2>${portfolioAlternation})\\s+(?<kind2>Ministry|Minister))(?![\\p{L}])`,
    'giu',
  );
  const ministryUnder = (stateKey: string | null, portfolio: string, why: Why): string | null => {
    const state = stateKey ? parties.get(stateKey) : undefined;
    const candidates = registry.parties.filter(
      (party) =>
        party.kind === 'ministry' &&
        portfolioOf(party.name) === portfolio &&
        (state ? state.id !== null && party.parentId === state.id : true),
    );
    if (candidates.length === 1) return addRegistered(candidates[0], why);
    if (!state) return null;
    return addParty(
      {
        id: null,
        name: `${state.name}'s Ministry of ${titleCase(portfolio)}`,
        shortName: null,
        kind: 'ministry',
        countryCode: state.countryCode,
        parentId: state.id,
        parentName: state.name,
      },
      why,
    );
  };
  const ministerOf = (ministryKey: string): RegistryPerson | null => {
    const ministry = parties.get(ministryKey);
    if (!ministry || ministry.id === null) return null;
    const found = registry.people.filter(
      (person) =>
        person.partyId === ministry.id &&
        /minister/i.test(person.title ?? '') &&
        !/deputy|state/i.test(person.title ?? ''),
    );
    return found.length === 1 ? found[0] : null;
  };

  const titleAlternation = [
    ...Object.keys(PORTFOLIOS).map((portfolio) => `${titleCase(portfolio)} Minister`),
    ...TITLES,
  ]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  const newPersonRe = new RegExp(
    `(?:(?<poss>${stateWords})${APOSTROPHE}\\s+|(?<dem>${stateWords})\\s+)?\\b(?<title>${titleAlternation})\\s+(?:(?:Prince|Sheikh|Dr|Mr|Mrs|Ms)\\.?\\s+)?(?<name>${NAME_WORD}(?:\\s+(?:(?:bin|ibn|al|ul|ud|van|von|de|da|el)\\s+)?${NAME_WORD}){1,3})`,
    'gu',
  );
  const roleRe = new RegExp(
    `\\b(?:the\\s+)?(?<dem>${stateWords})\\s+(?<role>minister|president|premier|prime minister|ambassador|foreign minister)(?![\\p{L}])`,
    'giu',
  );

  sentences.forEach((sentence, index) => {
    // Curly apostrophes as straight ones, one character for one, so positions still index `sentence`.
    const text = sentence.replace(/[’‘]/g, "'");
    const why = (rule: string, matched: string): Why => {
      // Quoted from the sentence as written (curly apostrophes and all), not from the normalised copy.
      const at = text.indexOf(matched);
      return { sentence, rule, matched: at === -1 ? matched : sentence.slice(at, at + matched.length) };
    };
    const statesHere: string[] = [];

    for (const country of countries) {
      for (const { re, rule } of country.patterns) {
        for (const match of text.matchAll(re)) {
          const key = stateKey(country, why(rule, match[0]));
          statesHere.push(key);
          mention(index, match.index, match.index + match[0].length, key);
        }
      }
    }

    for (const { party, re, rule } of partyPatterns) {
      for (const match of text.matchAll(re)) {
        const key = addRegistered(party, why(rule, match[0]));
        mention(index, match.index, match.index + match[0].length, key);
      }
    }

    const peopleHere: { start: number; end: number; personKey: string; partyKey: string | null }[] = [];
    for (const { person, re } of personPatterns) {
      for (const match of text.matchAll(re)) {
        const found = personFromRegistry(person, why('registered person', match[0]));
        peopleHere.push({ start: match.index, end: match.index + match[0].length, ...found });
      }
    }
    for (const { owners, re } of tokenPatterns) {
      if (owners.length !== 1) continue;
      for (const match of text.matchAll(re)) {
        if (peopleHere.some((p) => match.index >= p.start && match.index < p.end)) continue;
        // "Wang Yi" is not Wang Xiaohong: a name next to a capitalised word that is not theirs is someone else's.
        const own = owners[0].name.split(/\s+/);
        const before = /([A-Z][\p{L}'-]*)\s+$/u.exec(
          text.slice(Math.max(0, match.index - 30), match.index),
        )?.[1];
        const after = /^\s+([A-Z][\p{L}'-]*)/u.exec(text.slice(match.index + match[0].length))?.[1];
        const foreignBefore =
          before && !own.includes(before) && !TITLE_WORDS.has(before) && !/^[A-Z]+$/.test(before);
        if (foreignBefore || (after && !own.includes(after))) continue;
        const found = personFromRegistry(owners[0], why('one of a registered person’s names', match[0]));
        peopleHere.push({ start: match.index, end: match.index + match[0].length, ...found });
      }
    }
    for (const person of peopleHere)
      mention(index, person.start, person.end, person.partyKey, person.personKey);

    for (const match of text.matchAll(ministryRe)) {
      const groups = match.groups ?? {};
      const portfolio = PORTFOLIOS[(groups.p1 ?? groups.p2).toLowerCase()];
      const isMinister = /minister/i.test(groups.kind1 ?? groups.kind2 ?? '');
      const attributed = groups.poss ?? groups.dem;
      const end = match.index + match[0].length;
      let state: string | null = null;
      let rule = isMinister ? 'minister’s portfolio' : 'ministry’s portfolio';
      if (attributed) {
        state = stateKey(
          countryByWord.get(attributed) ?? countryByWord.get(titleCase(attributed))!,
          why(groups.poss ? 'possessive' : 'demonym', attributed),
        );
        rule += groups.poss ? ', of the state it follows' : ', of the demonym’s state';
      } else {
        // "Interior Minister Mohsin Naqvi": the person's own ministry when it has this portfolio.
        const next = peopleHere.find((p) => p.start >= end && p.start - end <= 2);
        const nextParty = next?.partyKey ? parties.get(next.partyKey) : undefined;
        if (nextParty && portfolioOf(nextParty.name) === portfolio) {
          mention(index, match.index, end, next!.partyKey);
          continue;
        }
        if (context.datelineCountry) {
          const country = COUNTRIES.find((c) => c.code === context.datelineCountry);
          if (
            country &&
            !registry.parties.some((p) => p.kind === 'ministry' && portfolioOf(p.name) === portfolio)
          ) {
            state = stateKey(country, why('dateline', country.name));
            rule += ', of the dateline’s state';
          }
        }
      }
      const ministryKey = ministryUnder(state, portfolio, why(rule, match[0]));
      if (!ministryKey) continue;
      mention(index, match.index, end, ministryKey);
      if (isMinister) {
        const minister = ministerOf(ministryKey);
        if (minister) {
          const found = personFromRegistry(minister, why('the minister of that ministry', match[0]));
          mention(index, match.index, end, found.partyKey, found.personKey);
        }
      }
    }

    for (const match of text.matchAll(roleRe)) {
      const country = countryByWord.get(match.groups!.dem) ?? countryByWord.get(titleCase(match.groups!.dem));
      const state = country ? registeredState(country) : undefined;
      if (!state) continue;
      const role = match.groups!.role.toLowerCase();
      const inState = (person: RegistryPerson) => {
        for (let id = person.partyId; id !== null; id = byId.get(id)?.parentId ?? null)
          if (id === state.id) return true;
        return false;
      };
      const candidates = registry.people.filter(
        (person) => inState(person) && (person.title ?? '').toLowerCase().includes(role),
      );
      if (candidates.length !== 1) continue;
      const found = personFromRegistry(
        candidates[0],
        why(`the ${match.groups!.dem} ${role} in the registry`, match[0]),
      );
      mention(index, match.index, match.index + match[0].length, found.partyKey, found.personKey);
    }

    for (const match of text.matchAll(newPersonRe)) {
      const { name, title } = match.groups!;
      const words = name.split(/\s+/);
      if (
        words.some(
          (word) =>
            countryByWord.has(word) ||
            MONTHS_AND_DAYS.test(word) ||
            NOT_NAME_WORDS.test(word) ||
            CITIES[word],
        )
      )
        continue;
      if (registry.people.some((person) => words.every((word) => person.name.split(/\s+/).includes(word))))
        continue;
      const attributed = match.groups!.poss ?? match.groups!.dem;
      const country = attributed ? countryByWord.get(attributed) : undefined;
      const partyName = country ? (registeredState(country)?.name ?? country.name) : null;
      const partyId = country ? (registeredState(country)?.id ?? null) : null;
      const personKey = addPerson(
        {
          id: null,
          name,
          title,
          partyId: /minister|president|premier/i.test(title) ? partyId : null,
          partyName,
        },
        why('new person after a title', `${title} ${name}`),
      );
      const nameStart = match.index + match[0].length - name.length;
      mention(index, nameStart, match.index + match[0].length, null, personKey);
    }

    for (const match of text.matchAll(/\(([A-Z][A-Za-z]{1,9})\)/g)) {
      const acronym = match[1];
      if (registry.parties.some((party) => party.shortName === acronym)) continue;
      const before = text.slice(0, match.index).trimEnd().split(/\s+/);
      const words: string[] = [];
      while (before.length) {
        const word = before[before.length - 1];
        if (/^[A-Z][\p{L}’'-]*$/u.test(word) || (words.length && /^(?:of|for|and|on)$/.test(word))) {
          words.unshift(before.pop()!);
        } else break;
      }
      // "China's National Energy Administration (NEA)": leading words the acronym does not spell are dropped.
      const initialsOf = () =>
        words
          .filter((word) => /^[A-Z]/.test(word))
          .map((word) => word[0])
          .join('');
      while (
        words.length &&
        (/^(?:of|for|and|on|The)$/.test(words[0]) || initialsOf().length > acronym.length)
      ) {
        words.shift();
      }
      if (words.length < 2 || initialsOf().toUpperCase() !== acronym.toUpperCase()) continue;
      const name = words.join(' ');
      if (
        PROJECT_WORDS.test(name) ||
        registry.parties.some((party) => party.name.toLowerCase() === name.toLowerCase())
      )
        continue;
      const key = addParty(
        {
          id: null,
          name,
          shortName: acronym,
          kind: /\b(?:Agency|Authority|Bureau|Force|Department|Police|Directorate|Commission)\b/.test(name)
            ? 'agency'
            : 'organisation',
          countryCode: null,
          parentId: null,
          parentName: null,
        },
        why('new organisation before its acronym', `${name} (${acronym})`),
      );
      mention(index, match.index - name.length - 1, match.index + match[0].length, key);
    }
  });

  const partyByKey = (key: string): DraftParty | undefined => {
    const proposed = parties.get(key);
    if (proposed) return proposed;
    const registered = /^id:(\d+)$/.exec(key) && byId.get(Number(key.slice(3)));
    if (!registered) return undefined;
    const parent = registered.parentId !== null ? byId.get(registered.parentId) : undefined;
    return {
      ...registered,
      parentName: parent?.name ?? null,
      why: { sentence: '', rule: 'registry', matched: '' },
    };
  };
  return {
    parties: [...parties.values()],
    people: [...people.values()],
    mentions: mentions.sort((a, b) => a.sentence - b.sentence || a.start - b.start),
    partyKeyOf: keyOf,
    party: partyByKey,
    stateOf(key) {
      const party = partyByKey(key);
      if (!party) return null;
      if (party.kind === 'state') return key;
      if (party.parentId !== null) {
        // Bounded: a parent loop in the registry must not hang the draft.
        let id: number | null = party.parentId;
        for (let depth = 0; id !== null && depth < 10; depth++) {
          const registered = byId.get(id);
          if (!registered) return null;
          if (registered.kind === 'state') return `id:${registered.id}`;
          id = registered.parentId;
        }
        return null;
      }
      if (party.parentName) {
        const parent = [...parties.entries()].find(
          ([, p]) => p.name === party.parentName && p.kind === 'state',
        );
        return parent?.[0] ?? null;
      }
      return null;
    },
  };
}

/** A party's reference as commitments carry it. */
export function refOf(party: DraftParty): PartyRef {
  return { id: party.id, name: party.name };
}
