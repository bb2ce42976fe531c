// E-mail through a real SMTP server (smtp-server, on a free port): the immediate and daily jobs send one message
// per user with plain text and HTML parts and List-Unsubscribe, mark what they sent, and a second run sends
// nothing. A failed send leaves the notifications to be sent next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatDay, parseDay, today } from '../lib/domain/dates.ts';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { sendDailyDigests, sendImmediateEmails } from '../lib/notify/email-jobs.ts';
import { follow } from '../lib/notify/follows.ts';
import { createMailer } from '../lib/notify/mail.ts';
import { verifyUnsubscribeToken } from '../lib/notify/tokens.ts';
import { testPrisma, unique } from './support/db.ts';
import { catchMail, type MailCatcher, type ReceivedMail } from './support/smtp.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();
let smtp: MailCatcher;

beforeAll(async () => {
  smtp = await catchMail();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.PACTWATCH_PUBLIC_URL = 'https://pactwatch.example';
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PACTWATCH_PUBLIC_URL;
  await smtp.close();
  await prisma.$disconnect();
});

function to(email: string): ReceivedMail[] {
  return smtp.received.filter((message) => message.to.includes(email));
}

/** A header's value, unfolded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1];
}

/** Quoted-printable soft breaks and escapes undone, enough to read the parts' text. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A followed commitment with `count` follow-ups logged by someone else; the reader chose `frequency`. */
async function scene(frequency: 'immediate' | 'daily', count: number) {
  const category = await prisma.category.create({ data: { name: unique('Cat'), slug: unique('cat') } });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  const commitment = await prisma.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: `${unique('Unit')} <b>&"` },
  });
  const reader = await createTestUser(prisma, 'viewer', { label: 'reader' });
  const author = await createTestUser(prisma, 'analyst', { label: 'author' });
  await prisma.user.update({ where: { id: reader.id }, data: { emailFrequency: frequency } });
  await follow(prisma, reader.id, 'commitment', commitment.id);
  for (let index = 0; index < count; index++) {
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, author.id, [
        { commitmentId: commitment.id, status: 'in_progress', observedOn: parseDay(`2026-11-0${index + 1}`) },
      ]),
    );
  }
  return { commitment, reader, author };
}

function checkMessage(message: ReceivedMail, readerId: string) {
  expect(header(message.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
  expect(message.raw).toMatch(/Content-Type: text\/plain/);
  expect(message.raw).toMatch(/Content-Type: text\/html/);
  const unsubscribe = header(message.raw, 'List-Unsubscribe');
  const match = /^<https:\/\/pactwatch\.example\/unsubscribe\/([^>]+)>$/.exec(unsubscribe ?? '');
  expect(match, `List-Unsubscribe: ${unsubscribe}`).not.toBeNull();
  expect(verifyUnsubscribeToken(match![1])).toBe(readerId);
  expect(header(message.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
}

describe('immediate e-mail', () => {
  it('sends one message per user with every new notification, then nothing', async () => {
    const { commitment, reader } = await scene('immediate', 2);
    const first = await sendImmediateEmails(prisma);
    expect(first.messages).toBeGreaterThanOrEqual(1);
    const messages = to(reader.email);
    expect(messages).toHaveLength(1);
    checkMessage(messages[0], reader.id);
    const body = decoded(messages[0].raw);
    // Both notifications, linked; the title escaped in the HTML part, as typed in the text part.
    expect(body).toContain(`https://pactwatch.example/commitments/${commitment.id}#update-`);
    expect(body.match(/follow-up by|status now/g)?.length).toBeGreaterThanOrEqual(4);
    expect(body).toContain(
      commitment.title
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'),
    );
    expect(body).not.toContain('<b>&"</a>');

    expect(await prisma.notification.count({ where: { userId: reader.id, emailedAt: null } })).toBe(0);
    await sendImmediateEmails(prisma);
    expect(to(reader.email)).toHaveLength(1);
  });

  it('keeps the notifications for the next run when the server refuses', async () => {
    const { reader } = await scene('immediate', 1);
    const refusing = createMailer(`smtp://127.0.0.1:1`);
    await expect(sendImmediateEmails(prisma, { mailer: refusing })).rejects.toThrow(/tried again next run/);
    refusing?.close();
    expect(await prisma.notification.count({ where: { userId: reader.id, emailedAt: null } })).toBe(1);
    await sendImmediateEmails(prisma);
    expect(to(reader.email)).toHaveLength(1);
  });

  it('sends nothing and marks nothing without SMTP_URL', async () => {
    const { reader } = await scene('immediate', 1);
    expect(await sendImmediateEmails(prisma, { mailer: createMailer(null) })).toEqual({
      messages: 0,
      failed: 0,
    });
    expect(await prisma.notification.count({ where: { userId: reader.id, emailedAt: null } })).toBe(1);
  });
});

describe('daily digest', () => {
  it('sends one digest per user of the days before, once, even when run again', async () => {
    const { reader } = await scene('daily', 3);
    const immediateReader = await scene('immediate', 1);
    // Today's notifications wait for tomorrow's digest.
    await sendDailyDigests(prisma);
    expect(to(reader.email)).toHaveLength(0);
    const tomorrow = addDays(today(), 1);
    const now = new Date(tomorrow.getTime() + 60_000);
    await sendDailyDigests(prisma, { now });
    const digests = to(reader.email);
    expect(digests).toHaveLength(1);
    checkMessage(digests[0], reader.id);
    expect(header(digests[0].raw, 'Subject')).toBe(
      `Pactwatch daily digest for ${formatDay(tomorrow)}: 3 notifications`,
    );
    // The immediate reader is not in the digest.
    expect(to(immediateReader.reader.email)).toHaveLength(0);
    await sendDailyDigests(prisma, { now });
    await sendDailyDigests(prisma, { now: new Date(now.getTime() + 3_600_000) });
    expect(to(reader.email)).toHaveLength(1);
  });
});
