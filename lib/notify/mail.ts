// E-mail over SMTP (nodemailer) when SMTP_URL is set. One message per digest: plain text and HTML (every value
// escaped), the unsubscribe link in the body and in List-Unsubscribe (with RFC 8058 one-click POST), so a mail
// client's "unsubscribe" works without signing in. Free of lib/db.ts: the scheduler's jobs use it.
import nodemailer from 'nodemailer';
import { mailFrom, publicBaseUrl, smtpUrl } from './settings.ts';
import { notificationPath } from './links.ts';
import { unsubscribeToken } from './tokens.ts';

type MailItem = {
  summary: string;
  commitmentId: number;
  statusUpdateId: number | null;
  createdAt: Date;
};

type MailRecipient = { id: string; name: string; email: string };

export type Digest = {
  to: MailRecipient;
  items: MailItem[];
  /** 'immediate': what just happened; 'daily': the day's digest (its day, YYYY-MM-DD). */
  kind: 'immediate' | 'daily';
  day?: string;
};

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Header values are single lines: a summary never smuggles a header in. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

function subjectOf(digest: Digest): string {
  const count = digest.items.length;
  if (digest.kind === 'daily') {
    return `Pactwatch daily digest${digest.day ? ` for ${digest.day}` : ''}: ${count} ${count === 1 ? 'notification' : 'notifications'}`;
  }
  return count === 1
    ? `Pactwatch: ${oneLine(digest.items[0].summary)}`
    : `Pactwatch: ${count} new notifications`;
}

/** The message for one digest (pure: tests read it without a server). */
export function composeDigest(digest: Digest, base = publicBaseUrl(), from = mailFrom()): OutgoingMail {
  const unsubscribe = `${base}/unsubscribe/${unsubscribeToken(digest.to.id)}`;
  const settings = `${base}/me/notifications`;
  const lines = digest.items.map((item) => `- ${oneLine(item.summary)}\n  ${base}${notificationPath(item)}`);
  const intro =
    digest.kind === 'daily'
      ? 'What moved on what you follow in Pactwatch:'
      : 'New on what you follow in Pactwatch:';
  const text = [
    `Hello ${oneLine(digest.to.name)},`,
    '',
    intro,
    '',
    ...lines,
    '',
    `All notifications and e-mail settings: ${settings}`,
    `Stop these e-mails: ${unsubscribe}`,
    '',
  ].join('\n');
  const items = digest.items
    .map(
      (item) =>
        `<li><a href="${escapeHtml(base + notificationPath(item))}">${escapeHtml(oneLine(item.summary))}</a></li>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html><body>
<p>Hello ${escapeHtml(oneLine(digest.to.name))},</p>
<p>${escapeHtml(intro)}</p>
<ul>
${items}
</ul>
<p><a href="${escapeHtml(settings)}">All notifications and e-mail settings</a></p>
<p><a href="${escapeHtml(unsubscribe)}">Stop these e-mails</a></p>
</body></html>
`;
  return {
    from,
    to: digest.to.email,
    subject: subjectOf(digest),
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

export type Mailer = { send(mail: OutgoingMail): Promise<void>; close(): void };

/** A mailer on SMTP_URL, or null when it is unset (then nothing is sent, and nothing is marked sent). */
export function createMailer(url = smtpUrl()): Mailer | null {
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    close() {
      transport.close();
    },
  };
}
