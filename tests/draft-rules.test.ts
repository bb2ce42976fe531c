// The extractor's rules on a hand-made registry, without a database: possessives and demonyms, new parties and
// people, dates against the published day, page metadata, language, and the follow-up status cues.
import { describe, expect, it } from 'vitest';
import { DRAFT_TEXT_MAX, draftFromText } from '../lib/draft/draft.ts';
import type { AgreementDraft, FollowUpDraft, Registry } from '../lib/draft/types.ts';

const registry: Registry = {
  parties: [
    { id: 1, name: 'Pakistan', shortName: null, kind: 'state', countryCode: 'PK', parentId: null },
    { id: 2, name: 'China', shortName: null, kind: 'state', countryCode: 'CN', parentId: null },
    {
      id: 3,
      name: "Pakistan's Ministry of Interior",
      shortName: 'MoI',
      kind: 'ministry',
      countryCode: 'PK',
      parentId: 1,
    },
  ],
  people: [{ id: 10, name: 'Mohsin Naqvi', title: 'Interior Minister', partyId: 3 }],
  outlets: [{ id: 20, name: 'Dawn', website: 'https://www.dawn.com' }],
  categories: [
    { id: 30, slug: 'protection-unit', name: 'Protection unit' },
    { id: 31, slug: 'other', name: 'Other' },
  ],
  commitments: [
    {
      id: 40,
      title: 'Special protection unit for Chinese nationals in Islamabad',
      description: 'Pakistan is establishing a special protection unit in Islamabad for Chinese nationals.',
      agreementTitle: 'Meeting',
      status: 'not_started',
      partyIds: [3, 2],
    },
    {
      id: 41,
      title: 'Joint rapid-response system to counter terrorism',
      description: null,
      agreementTitle: 'Meeting',
      status: 'not_started',
      partyIds: [3],
    },
  ],
};

const agreement = (text: string) => draftFromText({ text, kind: 'agreement' }, registry) as AgreementDraft;
const followUp = (text: string) => draftFromText({ text, kind: 'follow-up' }, registry) as FollowUpDraft;

describe('parties and people', () => {
  it('reads "Pakistan’s interior minister" as Pakistan’s interior ministry and its minister', () => {
    const draft = agreement(
      'Talks were held in Islamabad. Pakistan’s interior minister said the talks went well.',
    );
    expect(draft.parties.find((p) => p.id === 3)?.why).toMatchObject({
      matched: 'Pakistan’s interior minister',
    });
    expect(draft.people.find((p) => p.id === 10)?.why.rule).toBe('the minister of that ministry');
  });

  it('reads a demonym as its state and offers states and ministries missing from the registry as new', () => {
    const draft = agreement('Chinese engineers met the Afghan commerce minister in Kabul on a visit.');
    expect(draft.parties.find((p) => p.name === 'China')).toMatchObject({ id: 2, why: { rule: 'demonym' } });
    expect(draft.parties.find((p) => p.name === 'Afghanistan')).toMatchObject({ id: null, kind: 'state' });
    expect(draft.parties.find((p) => p.name === "Afghanistan's Ministry of Commerce")).toMatchObject({
      id: null,
      kind: 'ministry',
      parentName: 'Afghanistan',
    });
  });

  it('offers a new person after a title and a new organisation before its acronym', () => {
    const draft = agreement(
      'President Asif Ali Zardari met officials of the Federal Investigation Agency (FIA) at a meeting in Lahore.',
    );
    expect(draft.people).toContainEqual(
      expect.objectContaining({ id: null, name: 'Asif Ali Zardari', title: 'President' }),
    );
    expect(draft.parties).toContainEqual(
      expect.objectContaining({
        id: null,
        name: 'Federal Investigation Agency',
        shortName: 'FIA',
        kind: 'agency',
      }),
    );
  });
});

describe('dates', () => {
  it('resolves "on Monday" against the published day and keeps the dateline’s date', () => {
    const draft = agreement(
      'Pakistan, China sign deal\n\nISLAMABAD, March 14, 2026 (Dawn) - Pakistan and China met on Monday in Beijing and agreed to set up a joint centre.',
    );
    expect(draft.publishedOn).toMatchObject({ value: '2026-03-14', why: { rule: 'dateline' } });
    expect(draft.agreement.date).toMatchObject({
      value: '2026-03-09',
      precision: 'day',
      why: { matched: 'on Monday' },
    });
    expect(draft.agreement.place?.value).toBe('Beijing');
  });

  it('leaves a weekday unresolved when the article has no date', () => {
    expect(
      agreement('Pakistan and China met on Monday and agreed to set up a joint centre.').agreement.date,
    ).toBeNull();
  });

  it('takes the published day from <meta>, JSON-LD or <time>, and the outlet from the URL’s host', () => {
    const body =
      '<article><h1>Unit set up</h1><p>Pakistan has set up the protection unit for Chinese nationals in Islamabad, officials said in a long statement to reporters.</p></article>';
    const cases = [
      [
        '<meta property="article:published_time" content="2026-01-02T10:00:00Z">',
        '2026-01-02',
        'meta article:published_time',
      ],
      [
        '<script type="application/ld+json">{"datePublished":"2026-01-03"}</script>',
        '2026-01-03',
        'JSON-LD datePublished',
      ],
      ['', '2026-01-04', '<time datetime>'],
    ] as const;
    for (const [head, day, rule] of cases) {
      const html = `<html><head>${head}</head><body><time datetime="2026-01-04">4 Jan</time>${body}</body></html>`;
      const draft = draftFromText({ html, url: 'https://dawn.com/news/1', kind: 'follow-up' }, registry);
      expect(draft.publishedOn, rule).toMatchObject({ value: day, why: { rule } });
      expect(draft.outlet).toMatchObject({ isNew: false, value: { id: 20 } });
    }
  });
});

describe('language', () => {
  it('is the article’s own beside an English summary', () => {
    const urdu = followUp(
      'وفاقی وزیر داخلہ محسن نقوی نے چینی شہریوں کے تحفظ کے لیے خصوصی یونٹ کے قیام کا اعلان کیا۔ یہ یونٹ اسلام آباد میں کام کرے گا۔\n\nEnglish summary: the interior minister announced a protection unit.',
    );
    expect(urdu.language?.value).toBe('ur');
    expect(
      followUp(
        '中国公安部与巴基斯坦内政部签署合作备忘录，双方同意加强执法安全合作。\n\nSummary: a memorandum was signed.',
      ).language?.value,
    ).toBe('zh');
    expect(followUp('The interior ministry said the unit would be ready by December.').language?.value).toBe(
      'en',
    );
  });
});

describe('follow-up status cues', () => {
  const unit = 'the special protection unit for Chinese nationals in Islamabad';
  it.each([
    [`Pakistan has established ${unit}.`, 'fulfilled', 'concrete_action'],
    [`Pakistan will establish ${unit} next year.`, 'not_started', 'announcement'],
    [`Work on ${unit} has stalled.`, 'stalled', 'contradiction'],
    [`The setting up of ${unit} was delayed again.`, 'stalled', 'contradiction'],
    [`The plan for ${unit} was cancelled.`, 'broken', 'contradiction'],
    [`The ministry denied that ${unit} exists.`, 'not_started', 'contradiction'],
  ])('%s → %s, %s', (text, status, evidenceType) => {
    expect(followUp(text).commitments[0]).toMatchObject({ commitmentId: 40, status, evidenceType });
  });
});

describe('a huge paste', () => {
  it('is read only as far as DRAFT_TEXT_MAX: what lies beyond proposes nothing and costs nothing', () => {
    const filler = 'The delegations discussed matters of mutual interest. '.repeat(
      Math.ceil(DRAFT_TEXT_MAX / 50),
    );
    const text = `Talks in Islamabad\n\nPakistan and Dawn reporters met.\n\n${filler}\n\nChina agreed to train police.`;
    const draft = draftFromText({ text, kind: 'agreement' }, registry) as AgreementDraft;
    const names = draft.parties.map((party) => party.name);
    expect(names).toContain('Pakistan');
    expect(names).not.toContain('China');
  });
});
