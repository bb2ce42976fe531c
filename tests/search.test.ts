// Search (lib/search, decision 014) on the real database: records are found by their words whoever wrote them (the
// app's client or plain SQL), in English with stemming, in Chinese without spaces, in Urdu and Arabic whatever letter
// variants were typed, and through a typo; filters and pages come from SQL; highlighting is plain text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../lib/migrations.ts';
import { testDatabaseUrl, testPrisma } from './support/db.ts';
import { createScratchSchema } from './support/scratch-schema.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { searchRecords, SEARCH_COUNT_CAP } = await import('../lib/search/query.ts');
const { parseSearchParams } = await import('../lib/search/params.ts');
const { normaliseSearchText, searchUnits } = await import('../lib/search/normalise.ts');
const { Highlighted } = await import('../components/search/highlighted.tsx');
const { db } = await import('../lib/db.ts');

import type { SearchKind } from '../lib/generated/prisma/enums.ts';

const prisma = testPrisma();

/** A word no other test writes, so a search for it sees only this file's rows. */
function word(): string {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
}

const token = word();
let categoryId: number;
let agreementId: number;
let otherAgreementId: number;
let outletId: number;

async function search(q: string, extra: Record<string, string> = {}) {
  return searchRecords(parseSearchParams({ q, ...extra }));
}

/** The ids of the hits of `kind` a search shows. */
async function idsFound(q: string, kind: SearchKind, extra: Record<string, string> = {}) {
  const results = await search(q, { kind, ...extra });
  return results.groups.flatMap((group) => group.hits.map((hit) => hit.id));
}

async function commitment(
  title: string,
  options: { agreement?: number; description?: string; dueOn?: Date } = {},
) {
  return (
    await prisma.commitment.create({
      data: {
        title,
        description: options.description,
        dueOn: options.dueOn,
        agreementId: options.agreement ?? agreementId,
        categoryId,
      },
    })
  ).id;
}

beforeAll(async () => {
  categoryId = (await prisma.category.create({ data: { slug: token, name: `Category ${token}` } })).id;
  agreementId = (await prisma.agreement.create({ data: { title: `Accord ${token}`, kind: 'mou' } })).id;
  otherAgreementId = (await prisma.agreement.create({ data: { title: `Other ${token}`, kind: 'mou' } })).id;
  outletId = (await prisma.outlet.create({ data: { name: `Outlet ${token}` } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.$disconnect();
});

describe('the text functions', () => {
  it('normalise and cut text in TypeScript exactly as PostgreSQL does', async () => {
    const samples = [
      'Trainings of the NCCIA — Pakistan’s "special" protection-unit (2024)',
      'Café Ｆｕｌｌｗｉｄｔｈ ﬁnance Œuvre Straße Łódź ΛΟΓΟΣ',
      '阿联酋与卢旺达签署反恐合作谅解备忘录，2024年',
      'پنجاب پولیس نے کراچی میں ۱۲۳ افراد کو گرفتار کیا۔',
      'الشرطة الباكستانية تُعلن عن وحدة حماية خاصـــة ٤٥ كيلو مدرسة',
      'می‌خواهم ہہ ۀ ۂ ۓ أإآؤئ',
      '한국어 텍스트와 カタカナ ひらがな',
      'https://www.dawn.com/news/1234567/pakistan-china?id=5#x',
      `x${'y'.repeat(150)} 😀 emoji`,
    ];
    for (const text of samples) {
      const [row] = await prisma.$queryRaw<{ normalised: string; units: string[] }[]>`
        SELECT pactwatch_search_normalise(${text}) AS normalised,
               (SELECT array_agg(unit ORDER BY position) FROM pactwatch_search_units(${text})) AS units`;
      expect(normaliseSearchText(text), text).toBe(row.normalised);
      expect(
        searchUnits(text).map((unit) => unit.unit),
        text,
      ).toEqual(row.units);
    }
  });

  it('are PL/pgSQL functions, so a search trigger or a search does not plan the tokenizer again each time', async () => {
    // As SQL functions they were inlined into the caller and planned with it on every EXECUTE (decision 022).
    const rows = await prisma.$queryRaw<{ name: string; language: string }[]>`
      SELECT p.proname AS name, l.lanname AS language
        FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
       WHERE p.proname IN ('pactwatch_search_units', 'pactwatch_search_vector', 'pactwatch_search_fuzzy',
                           'pactwatch_search_query')
       ORDER BY p.proname`;
    expect(rows).toEqual(
      ['fuzzy', 'query', 'units', 'vector'].map((name) => ({
        name: `pactwatch_search_${name}`,
        language: 'plpgsql',
      })),
    );
  });
});

/** The searchable tables and their kinds (20261202202848_search). */
const SEARCHED = [
  ['Agreement', 'agreement'],
  ['Commitment', 'commitment'],
  ['Party', 'party'],
  ['Person', 'person'],
  ['Outlet', 'outlet'],
  ['Evidence', 'evidence'],
  ['StatusUpdate', 'status_update'],
] as const;

/** Each record's search document as a row version: a rewrite of the document gives it a new one. */
async function documentVersions(kind: SearchKind, ids: number[]): Promise<Map<number, string>> {
  const rows = await prisma.$queryRaw<{ id: number; version: string }[]>`
    SELECT "recordId" AS id, xmin::text || ' ' || ctid::text AS version FROM "SearchDocument"
     WHERE kind = ${kind}::"SearchKind" AND "recordId" = ANY(${ids}::int[])`;
  return new Map(rows.map((row) => [row.id, row.version]));
}

/** Writes to every searchable table, in a scratch schema: inserts of one row and many, updates that change the
 * searched text and updates that do not, deletes, a truncate. */
const EVERY_KIND_OF_WRITE = `
  INSERT INTO "Category" (slug, name) VALUES ('c', 'Category');
  INSERT INTO "Agreement" (title, kind, place, summary, "updatedAt")
  VALUES ('Accord on police training', 'mou', 'Islamabad', 'Training of officers', now()),
         ('Treaty of friendship', 'treaty', NULL, NULL, now());
  INSERT INTO "Party" (name, "shortName", kind, "updatedAt")
  VALUES ('Punjab Police', 'PP', 'agency', now()), ('پنجاب پولیس', NULL, 'agency', now());
  INSERT INTO "Person" (name, title, "updatedAt") VALUES ('Ayesha Khan', 'Minister', now()), ('Li Wei', NULL, now());
  INSERT INTO "Outlet" (name, website, "updatedAt") VALUES ('Dawn', 'https://dawn.com', now()), ('Tribune', NULL, now());
  INSERT INTO "Commitment" ("agreementId", title, description, "categoryId", "updatedAt")
  SELECT (SELECT min(id) FROM "Agreement"), 'Protection unit ' || g, CASE WHEN g % 2 = 0 THEN 'Officers ' || g END,
         (SELECT min(id) FROM "Category"), now()
    FROM generate_series(1, 12) AS g;
  INSERT INTO "Evidence" (url, "outletId", title, "originalTitle", excerpt, language, reliability, credibility, type,
                          "updatedAt")
  SELECT 'https://example.org/' || g, (SELECT min(id) FROM "Outlet"), 'Report ' || g,
         CASE WHEN g % 3 = 0 THEN '阿联酋与卢旺达签署反恐合作谅解备忘录' END, 'Excerpt ' || g, 'en', 'B', 2,
         'concrete_action', now()
    FROM generate_series(1, 8) AS g;
  INSERT INTO "StatusUpdate" ("commitmentId", status, reason, "observedOn")
  SELECT id, 'in_progress', 'Work began on ' || title, '2025-05-01' FROM "Commitment" WHERE id % 3 = 0;
  UPDATE "Commitment" SET status = 'stalled' WHERE id % 2 = 1;
  UPDATE "Commitment" SET status = 'in_progress', title = CASE WHEN id % 5 = 0 THEN title || ' renamed' ELSE title END;
  UPDATE "Commitment" SET description = NULL WHERE id % 4 = 0;
  UPDATE "Agreement" SET place = 'Lahore' WHERE place IS NOT NULL;
  UPDATE "Party" SET "shortName" = 'PPP' WHERE "shortName" IS NOT NULL;
  UPDATE "Outlet" SET website = 'https://tribune.com.pk' WHERE website IS NULL;
  UPDATE "Evidence" SET credibility = 3 WHERE id % 2 = 0;
  UPDATE "Evidence" SET excerpt = 'Another excerpt' WHERE id % 3 = 0;
  UPDATE "StatusUpdate" SET reason = reason || ' (corrected)' WHERE id % 2 = 0;
  DELETE FROM "StatusUpdate" WHERE id % 2 = 1;
  DELETE FROM "Evidence" WHERE id > 6;
  TRUNCATE "Person" CASCADE;
  INSERT INTO "Person" (name, "updatedAt") VALUES ('Zhang Min', now());
`;

describe('the search triggers', () => {
  it('run static SQL, one function per table, so PL/pgSQL keeps their plans for the connection', async () => {
    // The generic pactwatch_search_sync ran its upserts with EXECUTE, planned again on every call (decision 024).
    const rows = await prisma.$queryRaw<
      { trigger: string; fn: string; language: string; dynamic: boolean }[]
    >`
      SELECT t.tgname AS trigger, p.proname AS fn, l.lanname AS language,
             position('execute' IN lower(p.prosrc)) > 0 AS dynamic
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_proc p ON p.oid = t.tgfoid
        JOIN pg_language l ON l.oid = p.prolang
       WHERE strpos(t.tgname, '_search_') > 0 AND c.relnamespace = current_schema()::regnamespace
       ORDER BY t.tgname`;
    const expected = SEARCHED.flatMap(([table, kind]) =>
      ['delete', 'insert', 'truncate', 'update'].map((event) => ({
        trigger: `${table}_search_${event}`,
        fn: `pactwatch_search_sync_${kind}`,
        language: 'plpgsql',
        dynamic: false,
      })),
    ).sort((a, b) => (a.trigger < b.trigger ? -1 : 1));
    expect(rows).toEqual(expected);
  });

  it('rewrite a document only when its text changes, for one row or several in one statement', async () => {
    const first = word();
    const renamed = word();
    const ids = (
      await prisma.$queryRaw<{ id: number }[]>`
        INSERT INTO "Commitment" ("agreementId", title, "categoryId", "updatedAt")
        SELECT ${agreementId}, ${`Versioned ${first} `}::text || g, ${categoryId}, now() FROM generate_series(1, 3) AS g
        RETURNING id`
    )
      .map((row) => row.id)
      .sort((a, b) => a - b);
    const written = await documentVersions('commitment', ids);
    expect(written.size).toBe(3);

    // The status cache's updates change no searched text: the documents are left as they were.
    await prisma.$executeRaw`UPDATE "Commitment" SET status = 'stalled' WHERE id = ${ids[0]}`;
    await prisma.$executeRaw`UPDATE "Commitment" SET status = 'in_progress' WHERE id = ANY(${ids}::int[])`;
    expect(await documentVersions('commitment', ids)).toEqual(written);

    // One statement that changes the title of one row of three rewrites that row's document only.
    await prisma.$executeRaw`
      UPDATE "Commitment"
         SET status = 'stalled', title = CASE WHEN id = ${ids[1]} THEN ${`Renamed ${renamed}`} ELSE title END
       WHERE id = ANY(${ids}::int[])`;
    const after = await documentVersions('commitment', ids);
    expect(after.get(ids[0])).toBe(written.get(ids[0]));
    expect(after.get(ids[2])).toBe(written.get(ids[2]));
    expect(after.get(ids[1])).toBeDefined();
    expect(after.get(ids[1])).not.toBe(written.get(ids[1]));
    expect(await idsFound(renamed, 'commitment')).toEqual([ids[1]]);
    expect((await idsFound(first, 'commitment')).sort((a, b) => a - b)).toEqual([ids[0], ids[2]]);
  });

  it('write exactly the documents a rebuild writes again', async () => {
    // In a schema of its own, migrated from scratch: no other test file writes there meanwhile.
    const scratch = await createScratchSchema('search');
    try {
      for (const migration of await readMigrations()) await scratch.query(migration.sql);
      await scratch.query(EVERY_KIND_OF_WRITE);
      const documents = `SELECT kind::text, "recordId", lexemes::text, fuzzy FROM "SearchDocument"
                          ORDER BY kind, "recordId"`;
      const written = (await scratch.query(documents)).rows;
      const kinds = await scratch.query<{ kind: string; count: string }>(
        'SELECT kind::text, count(*) FROM "SearchDocument" GROUP BY kind ORDER BY kind',
      );
      expect(Object.fromEntries(kinds.rows.map((row) => [row.kind, Number(row.count)]))).toEqual({
        agreement: 2,
        commitment: 12,
        party: 2,
        person: 1,
        outlet: 2,
        evidence: 6,
        status_update: 2,
      });

      const [{ rebuilt }] = (
        await scratch.query<{ rebuilt: string }>('SELECT pactwatch_search_rebuild() AS rebuilt')
      ).rows;
      expect(Number(rebuilt)).toBe(written.length);
      expect((await scratch.query(documents)).rows).toEqual(written);
    } finally {
      await scratch.drop();
    }
  });
});

describe('search', () => {
  it('finds English words by their stem, and ranks a title above a mention', async () => {
    const titled = await commitment(`Police trainings ${token}`);
    const mentioned = await commitment(`Exchange ${token}`, { description: 'Includes a training visit.' });
    expect(await idsFound(`training ${token}`, 'commitment')).toEqual([titled, mentioned]);
    expect(await idsFound(`trained ${token}`, 'commitment')).toContain(titled);
  });

  it('finds a two-character Chinese query inside a title without spaces, in a row written with plain SQL', async () => {
    const url = `https://example.org/${token}/zh`;
    const [{ id }] = await prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "Evidence" (url, "outletId", title, "originalTitle", language, reliability, credibility, type,
                              "updatedAt")
      VALUES (${url}, ${outletId}, ${`UAE and Rwanda ${token}`}, '阿联酋与卢旺达签署反恐合作谅解备忘录', 'zh', 'C', 3,
              'announcement', now())
      RETURNING id`;
    expect(await idsFound('反恐', 'evidence')).toContain(id);
    expect(await idsFound('恐', 'evidence')).toContain(id);
    expect(await idsFound('签署反恐', 'evidence')).toContain(id);
    // Characters that never stand together in the title do not match.
    expect(await idsFound('反合', 'evidence')).not.toContain(id);
    // …and a URL fragment finds it too.
    expect(await idsFound(`example.org/${token}`, 'evidence')).toEqual([id]);

    const [hit] = (await search('反恐', { kind: 'evidence' })).groups[0].hits.filter((h) => h.id === id);
    expect(hit.snippet?.filter((s) => s.match).map((s) => s.text)).toEqual(['反恐']);
  });

  it('finds Urdu and Arabic words whatever letter variants, diacritics or tatweel they were typed with', async () => {
    const urdu = (await prisma.party.create({ data: { name: `پنجاب پولیس ${token}`, kind: 'agency' } })).id;
    // Arabic yeh and kaf, a diacritic and a tatweel, where the query uses Persian/Urdu letters.
    const arabic = (
      await prisma.party.create({ data: { name: `شرطة كراچي پوليس مُحمّد خاصـــة ${token}`, kind: 'agency' } })
    ).id;
    expect(await idsFound(`پولیس ${token}`, 'party')).toEqual(expect.arrayContaining([urdu, arabic]));
    expect(await idsFound(`کراچی ${token}`, 'party')).toEqual([arabic]);
    expect(await idsFound(`محمد خاصة ${token}`, 'party')).toEqual([arabic]);
    expect(await idsFound(`پوليس ${token}`, 'party')).toEqual(expect.arrayContaining([urdu, arabic]));
  });

  it('finds a mistyped query, ranked below exact matches and marked approximate', async () => {
    const exact = await commitment(`Protecton unit ${token}`);
    const close = await commitment(`Special protection unit for ${token}`);
    const results = await search(`protecton unit ${token}`, { kind: 'commitment' });
    const hits = results.groups[0].hits;
    expect(hits.map((hit) => hit.id)).toEqual([exact, close]);
    expect(hits.map((hit) => hit.approximate)).toEqual([false, true]);
    expect(hits[1].title.filter((s) => s.match).map((s) => s.text)).toContain('protection');
  });

  it('follows every write: plain SQL inserts, updates by any writer, deletes', async () => {
    const oldWord = word();
    const newWord = word();
    const [{ id }] = await prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "Commitment" ("agreementId", title, "categoryId", "updatedAt")
      VALUES (${agreementId}, ${`Written by hand ${oldWord}`}, ${categoryId}, now()) RETURNING id`;
    expect(await idsFound(oldWord, 'commitment')).toEqual([id]);

    await prisma.commitment.update({ where: { id }, data: { title: `Renamed ${newWord}` } });
    expect(await idsFound(oldWord, 'commitment')).toEqual([]);
    expect(await idsFound(newWord, 'commitment')).toEqual([id]);

    await prisma.$executeRaw`UPDATE "Commitment" SET description = ${`Now also ${oldWord}`} WHERE id = ${id}`;
    expect(await idsFound(oldWord, 'commitment')).toEqual([id]);

    // An update that leaves the text alone (the status cache's) keeps the document as it was.
    await prisma.$executeRaw`UPDATE "Commitment" SET status = 'in_progress' WHERE id = ${id}`;
    expect(await idsFound(newWord, 'commitment', { status: 'in_progress' })).toEqual([id]);

    await prisma.$executeRaw`DELETE FROM "Commitment" WHERE id = ${id}`;
    const [{ count }] = await prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM "SearchDocument" WHERE kind = 'commitment' AND "recordId" = ${id}`;
    expect(count).toBe(0n);
  });

  it('rebuilds every document for rows loaded with triggers off, as a bulk loader does', async () => {
    const loaded = word();
    const id = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      const [row] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "Outlet" (name, "updatedAt") VALUES (${`Bulk ${loaded}`}, now()) RETURNING id`;
      return row.id;
    });
    expect(await idsFound(loaded, 'outlet')).toEqual([]);
    const [{ written }] = await prisma.$queryRaw<{ written: bigint }[]>`
      SELECT pactwatch_search_rebuild() AS written`;
    // Other test files write at the same time: only a lower bound is known (this file has made more than 5).
    expect(written).toBeGreaterThan(5n);
    expect(await idsFound(loaded, 'outlet')).toEqual([id]);
  });

  it('marks matches as text: markup in a record is shown, never run', async () => {
    const id = await commitment(`<script>alert(1)</script><img src=x onerror=alert(2)> ${token} unit`);
    const [hit] = (await search(`${token} alert`, { kind: 'commitment' })).groups[0].hits.filter(
      (h) => h.id === id,
    );
    const html = renderToStaticMarkup(createElement(Highlighted, { segments: hit.title }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<span>&lt;script&gt;</span><mark');
    expect(html).toMatch(/<mark[^>]*>alert<\/mark>/);
    expect(html).toMatch(new RegExp(`<mark[^>]*>${token}</mark>`));
  });

  it('filters by agreement, status and due window, counts per kind, and pages in SQL', async () => {
    const pageWord = word();
    const inAgreement: number[] = [];
    for (let i = 0; i < 23; i++) {
      inAgreement.push(
        await commitment(`Paged ${pageWord} ${i}`, { dueOn: new Date(Date.UTC(2030, 0, 1 + i)) }),
      );
    }
    const elsewhere = await commitment(`Paged ${pageWord} elsewhere`, { agreement: otherAgreementId });

    const all = await search(pageWord);
    expect(all.counts.commitment).toBe(24);
    expect(all.groups.map((group) => group.kind)).toEqual(['commitment']);
    expect(all.groups[0].hits).toHaveLength(5);

    const first = await search(pageWord, { kind: 'commitment', agreement: String(agreementId) });
    const second = await search(pageWord, { kind: 'commitment', agreement: String(agreementId), page: '2' });
    expect(first.pageCount).toBe(2);
    const paged = [...first.groups[0].hits, ...second.groups[0].hits].map((hit) => hit.id);
    expect(paged).toHaveLength(23);
    expect(new Set(paged)).toEqual(new Set(inAgreement));
    expect(paged).not.toContain(elsewhere);

    const window = await idsFound(pageWord, 'commitment', { from: '2030-01-03', to: '2030-01-05' });
    expect(window.sort((a, b) => a - b)).toEqual(inAgreement.slice(2, 5));

    await prisma.commitment.update({ where: { id: inAgreement[7] }, data: { status: 'stalled' } });
    expect(await idsFound(pageWord, 'commitment', { status: 'stalled' })).toEqual([inAgreement[7]]);
    // Kinds without a status are left out by a status filter.
    expect((await search(`${token}`, { status: 'stalled' })).counts.agreement).toBe(0);
    expect((await search(`accord ${token}`)).counts.agreement).toBe(1);
  });

  it('gives each hit its context: a commitment its agreement and status, evidence its outlet and commitments', async () => {
    const context = word();
    const id = await commitment(`Context ${context}`);
    const evidence = await prisma.evidence.create({
      data: {
        url: `https://example.org/${context}`,
        outletId,
        title: `Report ${context}`,
        language: 'en',
        reliability: 'B',
        credibility: 2,
        type: 'concrete_action',
        publishedOn: new Date(Date.UTC(2025, 4, 1)),
      },
    });
    await prisma.statusUpdate.create({
      data: {
        commitmentId: id,
        status: 'in_progress',
        reason: `Work began ${context}`,
        evidenceId: evidence.id,
        observedOn: new Date(Date.UTC(2025, 4, 1)),
      },
    });
    const results = await search(context);
    const byKind = Object.fromEntries(results.groups.map((group) => [group.kind, group.hits[0]]));
    expect(Object.keys(byKind)).toEqual(['commitment', 'evidence', 'status_update']);
    expect(byKind.commitment).toMatchObject({ agreement: { id: agreementId }, status: 'no_evidence' });
    expect(byKind.evidence).toMatchObject({
      outlet: { id: outletId },
      publishedOn: new Date(Date.UTC(2025, 4, 1)),
      commitments: [{ id }],
    });
    expect(byKind.status_update).toMatchObject({ commitment: { id }, status: 'in_progress' });
  });

  it('looks for close spellings only when the words themselves find few records', async () => {
    const few = word();
    const many = word();
    await prisma.commitment.createMany({
      data: [
        ...Array.from({ length: 3 }, (_, i) => ({ title: `Protecton ${few} ${i}`, agreementId, categoryId })),
        { title: `Protection ${few}`, agreementId, categoryId },
        ...Array.from({ length: 20 }, (_, i) => ({
          title: `Protecton ${many} ${i}`,
          agreementId,
          categoryId,
        })),
        { title: `Protection ${many}`, agreementId, categoryId },
      ],
    });
    const withClose = await search(`protecton ${few}`);
    expect(withClose.counts.commitment).toBe(4);
    expect(withClose.groups[0].hits.map((hit) => hit.approximate)).toEqual([false, false, false, true]);
    // Within a filter, only when nothing exact is found.
    const inAgreement = await search(`protecton ${few}`, { agreement: String(agreementId) });
    expect(inAgreement.counts.commitment).toBe(3);
    // Twenty exact hits: a close spelling would rank after all of them; it is not looked for.
    const exactOnly = await search(`protecton ${many}`, { kind: 'commitment' });
    expect(exactOnly.counts.commitment).toBe(20);
    expect(exactOnly.groups[0].hits.every((hit) => !hit.approximate)).toBe(true);
  });

  it('ranks and counts the first matches of a kind up to the cap, and says there are more', async () => {
    const capWord = word();
    // One statement, as a bulk import writes: the statement-level trigger indexes them all at once.
    await prisma.commitment.createMany({
      data: Array.from({ length: SEARCH_COUNT_CAP + 5 }, (_, i) => ({
        title: `Capped ${capWord} ${i}`,
        agreementId: otherAgreementId,
        categoryId,
      })),
    });
    await commitment(`Lone ${capWord}`, { description: 'Its agreement is another.' });

    const all = await search(capWord);
    expect(all.counts.commitment).toBe(SEARCH_COUNT_CAP);
    expect(all.capped).toEqual({ commitment: true });
    expect(all.groups).toEqual([
      expect.objectContaining({ kind: 'commitment', total: SEARCH_COUNT_CAP, capped: true }),
    ]);
    expect(all.groups[0].hits).toHaveLength(5);

    const lastPage = SEARCH_COUNT_CAP / 20;
    const last = await search(capWord, { kind: 'commitment', page: String(lastPage) });
    expect(last.pageCount).toBe(lastPage);
    expect(last.groups[0].hits).toHaveLength(20);
    expect(
      (await search(capWord, { kind: 'commitment', page: String(lastPage + 1) })).groups[0].hits,
    ).toEqual([]);

    // A filter applies before the cap: the one commitment of this agreement is counted exactly.
    const filtered = await search(capWord, { agreement: String(agreementId) });
    expect(filtered.counts.commitment).toBe(1);
    expect(filtered.capped).toEqual({});
  });

  it('finds nothing for an empty or wordless query', async () => {
    expect((await search('')).groups).toEqual([]);
    expect((await search('  !!! ')).groups).toEqual([]);
  });
});
