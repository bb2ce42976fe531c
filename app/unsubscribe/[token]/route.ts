// The unsubscribe link of every e-mail (lib/notify/mail.ts): works without signing in, because the token is an
// HMAC of the user id under the app's secret (lib/notify/tokens.ts). GET only asks (a mail scanner that follows
// links must not unsubscribe anyone); POST — the page's button, or a mail client's RFC 8058 one-click — sets the
// user's e-mail to off, audited with the user as actor. A bad token is a 404.
import { db } from '@/lib/db';
import { escapeHtml } from '@/lib/notify/mail';
import { setEmailFrequency } from '@/lib/notify/notifications';
import { verifyUnsubscribeToken } from '@/lib/notify/tokens';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Pactwatch</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>
`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const INVALID = () =>
  page(
    404,
    'Link not valid',
    '<p>This unsubscribe link is not valid. Change e-mail settings under Notifications after signing in.</p>',
  );

async function userOf(context: Context) {
  const userId = verifyUnsubscribeToken((await context.params).token);
  if (!userId) return null;
  return db.user.findUnique({ where: { id: userId }, select: { id: true, emailFrequency: true } });
}

export async function GET(_request: Request, context: Context) {
  const user = await userOf(context);
  if (!user) return INVALID();
  if (user.emailFrequency === 'off') {
    return page(200, 'Unsubscribed', '<p>You get no notification e-mails from Pactwatch.</p>');
  }
  return page(
    200,
    'Stop notification e-mails?',
    `<p>Pactwatch will stop e-mailing you about what you follow. Notifications stay in the app and your feed.</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`,
  );
}

export async function POST(_request: Request, context: Context) {
  const user = await userOf(context);
  if (!user) return INVALID();
  if (user.emailFrequency !== 'off') await setEmailFrequency(db, user.id, 'off', 'unsubscribe-link');
  return page(200, 'Unsubscribed', '<p>You get no more notification e-mails from Pactwatch.</p>');
}
