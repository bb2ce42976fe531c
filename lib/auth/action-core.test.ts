// The wrapper's own rules, with the session getter injected: order (authorise before parsing), FormData
// conversion, refilled values, and which errors become messages.
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { NotFoundError, RuleViolationError, VersionConflictError } from '../errors.ts';
import {
  arrayFields,
  createAction,
  createRouteGuard,
  formDataToObject,
  refillableValues,
} from './action-core.ts';
import type { Principal } from './permissions.ts';

const analyst: Principal = { id: 'u1', role: 'analyst' };

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe('createAction', () => {
  const schema = z.object({ title: z.string().min(3, { error: 'Too short.' }), tags: z.array(z.string()) });

  it('refuses before parsing: an unauthorised caller learns nothing about the input', async () => {
    const parse = vi.spyOn(schema, 'safeParse');
    const run = vi.fn();
    const action = createAction(async () => null)({ permission: 'read', schema }, run);
    expect(await action(form([['title', 'x']]))).toMatchObject({
      ok: false,
      reason: 'unauthenticated',
      fieldErrors: {},
      values: {},
    });
    const viewerAction = createAction(async () => ({ id: 'v', role: 'viewer' as const }))(
      { permission: 'write', schema },
      run,
    );
    expect(await viewerAction(form([['title', 'x']]))).toMatchObject({ ok: false, reason: 'forbidden' });
    const gone = createAction(async () => ({ ...analyst, deactivatedAt: new Date() }))(
      { permission: 'read', schema },
      run,
    );
    expect(await gone(form([['title', 'x']]))).toMatchObject({ ok: false, reason: 'deactivated' });
    expect(parse).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('returns field errors and the typed values when the input is invalid', async () => {
    const run = vi.fn();
    const action = createAction(async () => analyst)({ permission: 'write', schema }, run);
    const result = await action(
      null,
      form([
        ['title', 'ab'],
        ['tags', 'a'],
        ['password', 'hunter2hunter2'],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Check the highlighted fields.',
      fieldErrors: { title: ['Too short.'] },
      values: { title: 'ab', tags: ['a'] },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('runs with the parsed input and the user, and adds ok: true', async () => {
    const action = createAction(async () => analyst)(
      { permission: 'write', schema },
      async (input, { user }) => ({
        echoed: input,
        by: user.id,
      }),
    );
    expect(
      await action(
        null,
        form([
          ['title', 'Hello'],
          ['tags', 'a'],
          ['tags', 'b'],
        ]),
      ),
    ).toEqual({
      ok: true,
      echoed: { title: 'Hello', tags: ['a', 'b'] },
      by: 'u1',
    });
  });

  it.each([
    [new NotFoundError('commitment'), 'That commitment no longer exists.'],
    [new VersionConflictError('commitment'), expect.stringContaining('Someone else changed this commitment')],
    [new RuleViolationError('Not like that.'), 'Not like that.'],
  ])('turns %s into a message', async (error, message) => {
    const action = createAction(async () => analyst)({ permission: 'write', schema }, async () => {
      throw error;
    });
    expect(await action(null, form([['title', 'Hello']]))).toMatchObject({
      ok: false,
      reason: 'rejected',
      message,
      values: { title: 'Hello', tags: [] },
    });
  });

  it('lets other errors (bugs, and Next redirects) through', async () => {
    const boom = new Error('bug');
    const action = createAction(async () => analyst)({ permission: 'write', schema }, async () => {
      throw boom;
    });
    await expect(action(null, form([['title', 'Hello']]))).rejects.toBe(boom);
  });

  it('refuses a call without form data', async () => {
    const action = createAction(async () => analyst)({ permission: 'write', schema }, vi.fn());
    expect(await action({ title: 'Hello' })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('formDataToObject', () => {
  it('keeps every value of fields the schema declares as arrays, through wrappers', () => {
    const schema = z
      .object({
        ids: z.array(z.coerce.number()).optional(),
        set: z.array(z.string()).default([]),
        piped: z.array(z.string()).transform((items) => items.join()),
        one: z.string(),
      })
      .refine(() => true);
    expect([...arrayFields(schema)].sort()).toEqual(['ids', 'piped', 'set']);
    const data = form([
      ['ids', '1'],
      ['ids', '2'],
      ['one', 'a'],
      ['one', 'b'],
      ['extra[]', 'x'],
      ['extra[]', 'y'],
      ['$ACTION_ID_abc', ''],
    ]);
    expect(formDataToObject(data, schema)).toEqual({
      ids: ['1', '2'],
      one: 'a',
      extra: ['x', 'y'],
      set: [],
      piped: [],
    });
  });

  it('never sends back passwords, secrets or files', () => {
    const file = new File(['x'], 'x.txt');
    expect(
      refillableValues({
        name: 'A',
        password: 'p',
        newPassword: 'p',
        apiSecret: 's',
        token: 't',
        upload: file,
        list: ['a', file],
      }),
    ).toEqual({ name: 'A', list: ['a'] });
  });
});

describe('createRouteGuard', () => {
  it.each([
    ['anonymous', null, 401],
    ['deactivated', { id: 'd', role: 'admin' as const, deactivatedAt: new Date() }, 401],
    ['viewer asking to write', { id: 'v', role: 'viewer' as const }, 403],
  ])('answers %s with %s JSON', async (_label, user, status) => {
    const guard = await createRouteGuard(async () => user)('write');
    expect(guard.ok).toBe(false);
    if (guard.ok) return;
    expect(guard.response.status).toBe(status);
    expect(guard.response.headers.get('content-type')).toContain('application/json');
    expect(guard.response.headers.get('cache-control')).toBe('no-store');
  });

  it('lets a permitted user through', async () => {
    expect(await createRouteGuard(async () => analyst)('write')).toEqual({ ok: true, user: analyst });
  });
});
