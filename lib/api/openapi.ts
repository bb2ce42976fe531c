// The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json and rendered at /api/docs. Bodies and
// parameters are generated from the zod schemas the forms and lists use (z.toJSONSchema, their input side: what a
// client sends); the paths around them are written here. Pure: no database, no Next.
import * as z from 'zod';
import { ATTENTION_FLAGS } from '../domain/attention.ts';
import { STATUSES } from '../domain/status.ts';
import { AGREEMENT_KINDS, SEARCH_TEXT_MAX, strictReportFiltersSchema } from '../validation/filters.ts';
import {
  CONFIRM_FIELD,
  RELIABILITIES,
  ROW_FIELDS,
  followUpRowSchema,
  newsItemSchema,
} from '../validation/follow-up.ts';
import { SEARCH_KINDS } from '../search/params.ts';
import { agreementSchema, updateAgreementSchema } from '../validation/agreement.ts';
import { commitmentSchema, updateCommitmentSchema } from '../validation/commitment.ts';
import { outletListFiltersSchema, partyListFiltersSchema, personListFiltersSchema } from './filters.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** A zod schema's input side as a JSON Schema 2020-12 object (OpenAPI 3.1's dialect), without `$schema`. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const generated = {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  } as unknown as JsonSchema;
  delete generated.$schema;
  return generated;
}

const DESCRIPTIONS: Record<string, string> = {
  agreement: 'Agreement id.',
  party: 'Party id: commitments involving it or a party under it.',
  status: 'Status (as of `asOf` when set).',
  strength: 'How firm the commitment is.',
  category: 'Category id.',
  from: 'Due on or after this day (YYYY-MM-DD).',
  to: 'Due on or before this day (YYYY-MM-DD).',
  asOf: 'Statuses and flags as they stood at the end of this day (YYYY-MM-DD); today by default.',
};

function queryParameters(
  schema: JsonSchema,
  descriptions: Record<string, string> = DESCRIPTIONS,
): Record<string, unknown>[] {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    schema: property,
  }));
}

const pageParameters = [
  {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'Opaque: the `next` link of the previous page carries it.',
    schema: { type: 'string' },
  },
  {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Items per page (default ${DEFAULT_LIMIT}).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT },
  },
];

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

function idFilter(name: string, description: string) {
  return { name, in: 'query', required: false, description, schema: { type: 'integer', minimum: 1 } };
}

/** The agreement list's filters: the report filters it shares, then its own kind and words. */
const agreementListParameters = [
  ...queryParameters(inputSchema(strictReportFiltersSchema)).filter((parameter) =>
    ['party', 'status', 'category', 'from', 'to'].includes(String(parameter.name)),
  ),
  {
    name: 'kind',
    in: 'query',
    required: false,
    description: 'Kind of agreement.',
    schema: { type: 'string', enum: [...AGREEMENT_KINDS] },
  },
  {
    name: 'q',
    in: 'query',
    required: false,
    description: 'Words in the title, summary or place.',
    schema: { type: 'string', maxLength: SEARCH_TEXT_MAX },
  },
];

const commitmentListParameters = [
  ...queryParameters(inputSchema(strictReportFiltersSchema)),
  {
    name: 'q',
    in: 'query',
    required: false,
    description: 'Words in the title or description.',
    schema: { type: 'string', maxLength: SEARCH_TEXT_MAX },
  },
  {
    name: 'attention',
    in: 'query',
    required: false,
    description: 'Only commitments with this attention flag (`any`: at least one).',
    schema: { type: 'string', enum: ['any', ...ATTENTION_FLAGS] },
  },
  {
    name: 'overdue',
    in: 'query',
    required: false,
    description: '`1`: only overdue commitments.',
    schema: { type: 'string', enum: ['1', 'true', 'on'] },
  },
];

/** The follow-up form's flat fields: the item's, then each row's as `rows.<n>.<field>`. */
function followUpBody(): JsonSchema {
  const item = inputSchema(newsItemSchema);
  const row = inputSchema(followUpRowSchema);
  const rowPatterns = Object.fromEntries(
    ROW_FIELDS.map((field) => [`^rows\\.[0-9]+\\.${field}$`, row.properties?.[field] ?? {}]),
  );
  return {
    type: 'object',
    description:
      'The fields of the "Log follow-up" form, flat: the news item (`url`, `title`, …, or `existingEvidenceId` ' +
      'for an item already logged) and one row per commitment as `rows.0.commitmentId`, `rows.0.status`, …. ' +
      `Values are strings, as a form sends them. Warnings (a status moving backwards, an update that would not ` +
      `become current) refuse the request with 422 until it is sent again with \`${CONFIRM_FIELD}\`: "1".`,
    properties: {
      url: { type: 'string', description: 'Web address of the item.' },
      existingEvidenceId: { type: 'string', description: 'Id of an item already logged at this address.' },
      outlet: { type: 'string', description: 'Outlet id, or `new` with `newOutletName`.' },
      newOutletName: { type: 'string' },
      newOutletReliability: { type: 'string', enum: RELIABILITIES },
      ...item.properties,
      [CONFIRM_FIELD]: { type: 'string', enum: ['1'] },
    },
    patternProperties: rowPatterns,
    required: ['url', 'rows.0.commitmentId'],
  };
}

/** An edit form's fields for PATCH: only `version` is required, the rest default to what is saved. */
function patchBody(schema: z.ZodType, what: string): JsonSchema {
  const generated = inputSchema(schema);
  // The id is the path's.
  const properties = { ...generated.properties };
  delete properties.id;
  return {
    ...generated,
    description:
      `The ${what} edit form's fields; those not sent keep their saved values. \`version\` is the one you ` +
      'read: a change saved since then is a 409 whose `current` holds the saved record as form values.',
    properties,
    required: ['version'],
  };
}

/** A create form's fields for POST, as its schema requires them. */
function createBody(schema: z.ZodType, what: string): JsonSchema {
  return {
    ...inputSchema(schema),
    description:
      `The new-${what} form's fields, named as the form names them. Values are strings or lists of strings, ` +
      'as a form sends them (numbers are taken as their text).',
  };
}

const day = { type: ['string', 'null'], format: 'date' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const schemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      errors: {
        type: 'object',
        description: 'Field name → messages, as the forms show them.',
        additionalProperties: { type: 'array', items: { type: 'string' } },
      },
    },
    required: ['type', 'title', 'status'],
  },
  Commitment: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      strength: { type: 'string' },
      version: { type: 'integer', description: 'Send it back with a PATCH.' },
      dueOn: day,
      agreement: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' } } },
      category: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
      status: { type: 'string', enum: STATUSES },
      statusSince: day,
      lastEvidenceOn: day,
      flags: { type: 'array', items: { type: 'string', enum: ATTENTION_FLAGS } },
      parties: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            role: { type: 'string', enum: ['responsible', 'beneficiary'] },
            status: { type: ['string', 'null'], description: 'Per-party status; responsible parties only.' },
          },
        },
      },
    },
    required: ['id', 'title', 'status', 'flags', 'parties'],
  },
  Record: { type: 'object', additionalProperties: true, properties: { id: { type: 'integer' } } },
  FollowUp: followUpBody(),
  CommitmentPatch: patchBody(updateCommitmentSchema, 'commitment'),
  AgreementPatch: patchBody(updateAgreementSchema, 'agreement'),
  CommitmentCreate: createBody(commitmentSchema, 'commitment'),
  AgreementCreate: createBody(agreementSchema, 'agreement'),
  LoggedFollowUp: {
    type: 'object',
    properties: {
      evidence: { type: 'object' },
      reused: { type: 'boolean' },
      updateIds: { type: 'array', items: { type: 'integer' } },
      proposalIds: {
        type: 'array',
        items: { type: 'integer' },
        description:
          'Rows that wait for review (an analyst on an agreement that requires it); they count once accepted.',
      },
      commitmentIds: { type: 'array', items: { type: 'integer' } },
    },
  },
};

function listOf(item: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'object',
    properties: {
      ...extra,
      items: { type: 'array', items: ref(item) },
      next: { type: ['string', 'null'], description: 'The next page, or null on the last.' },
    },
    required: ['items', 'next'],
  };
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const readErrors = {
  '304': { description: 'Not modified (If-None-Match matched the ETag).' },
  '400': problemResponse('A query parameter is not valid.'),
  '401': problemResponse('No valid token.'),
  '429': problemResponse('Too many requests: wait Retry-After seconds.'),
};

function getOperation(
  operationId: string,
  summary: string,
  parameters: unknown[],
  schema: unknown,
  extraResponses: Record<string, unknown> = {},
) {
  return {
    get: {
      operationId,
      summary,
      parameters,
      responses: {
        '200': {
          description: 'OK',
          headers: { ETag: { schema: { type: 'string' } } },
          content: { 'application/json': { schema } },
        },
        ...readErrors,
        ...extraResponses,
      },
    },
  };
}

const notFoundResponse = { '404': problemResponse('No such record.') };

function patchOperation(operationId: string, summary: string, body: string, result: string) {
  return {
    patch: {
      operationId,
      summary,
      parameters: [idParameter],
      requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
      responses: {
        '200': { description: 'Saved.', content: { 'application/json': { schema: ref(result) } } },
        '400': problemResponse('The body is not a JSON object, or has no `version`.'),
        '401': problemResponse('No valid token.'),
        '403': problemResponse('A read-only token, or a role that may not write.'),
        ...notFoundResponse,
        '409': problemResponse('Saved by someone else since `version`: `current` is the saved record.'),
        '422': problemResponse('The form would refuse it: `errors` says why, field by field.'),
        '429': problemResponse('Too many requests: wait Retry-After seconds.'),
      },
    },
  };
}

function postOperation(operationId: string, summary: string, body: string, result: string) {
  return {
    post: {
      operationId,
      summary,
      requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
      responses: {
        '201': {
          description: 'Created; Location is its address.',
          headers: { Location: { schema: { type: 'string' } } },
          content: { 'application/json': { schema: ref(result) } },
        },
        '400': problemResponse('The body is not a JSON object.'),
        '401': problemResponse('No valid token.'),
        '403': problemResponse('A read-only token, or a role that may not write.'),
        '422': problemResponse('The form would refuse it: `errors` says why, field by field.'),
        '429': problemResponse('Too many requests: wait Retry-After seconds.'),
      },
    },
  };
}

function recordList(path: string, summary: string, filters: unknown[] = []) {
  return getOperation(`list${path}`, summary, [...filters, ...pageParameters], listOf('Record'));
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pactwatch API',
      version: '1',
      description:
        'Read commitments, agreements and their evidence; log follow-ups. Send a personal token from /me/tokens ' +
        'as `Authorization: Bearer …`; cookies are never read. Lists page by cursor (`next`); answers carry an ' +
        'ETag. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/commitments': {
        ...getOperation(
          'listCommitments',
          'Commitments with status, per-party status and attention flags',
          [...commitmentListParameters, ...pageParameters],
          listOf('Commitment', { asOf: { type: 'string', format: 'date' } }),
        ),
        ...postOperation(
          'createCommitment',
          'Add a commitment to an agreement, as the new-commitment form does',
          'CommitmentCreate',
          'Commitment',
        ),
      },
      '/api/v1/commitments/{id}': {
        ...getOperation(
          'getCommitment',
          'One commitment',
          [
            idParameter,
            queryParameters(inputSchema(strictReportFiltersSchema)).find((p) => p.name === 'asOf'),
          ],
          ref('Commitment'),
          notFoundResponse,
        ),
        ...patchOperation(
          'updateCommitment',
          'Edit a commitment, as its edit form does',
          'CommitmentPatch',
          'Commitment',
        ),
      },
      '/api/v1/agreements': {
        ...recordList('Agreements', 'Live agreements with their parties', agreementListParameters),
        ...postOperation(
          'createAgreement',
          'Create an agreement, as the new-agreement form does',
          'AgreementCreate',
          'Record',
        ),
      },
      '/api/v1/agreements/{id}': {
        ...getOperation('getAgreement', 'One agreement', [idParameter], ref('Record'), notFoundResponse),
        ...patchOperation(
          'updateAgreement',
          'Edit an agreement, as its edit form does',
          'AgreementPatch',
          'Record',
        ),
      },
      '/api/v1/parties': recordList(
        'Parties',
        'Live parties',
        queryParameters(inputSchema(partyListFiltersSchema), {
          q: 'Words in the name or short name.',
          kind: 'Kind of party.',
          parent: 'Party id: the parties directly under it.',
        }),
      ),
      '/api/v1/parties/{id}': getOperation(
        'getParty',
        'One party',
        [idParameter],
        ref('Record'),
        notFoundResponse,
      ),
      '/api/v1/people': recordList(
        'People',
        'Live people',
        queryParameters(inputSchema(personListFiltersSchema), {
          q: 'Words in the name or title.',
          party: 'Party id: the people of that party.',
        }),
      ),
      '/api/v1/outlets': recordList(
        'Outlets',
        'Live outlets',
        queryParameters(inputSchema(outletListFiltersSchema), { q: 'Words in the name.' }),
      ),
      '/api/v1/evidence': recordList('Evidence', 'News items', [idFilter('outlet', 'Outlet id.')]),
      '/api/v1/evidence/{id}': getOperation(
        'getEvidence',
        'One news item',
        [idParameter],
        ref('Record'),
        notFoundResponse,
      ),
      '/api/v1/status-updates': recordList('StatusUpdates', 'Status history, withdrawn updates marked', [
        idFilter('commitment', 'Commitment id.'),
        idFilter('agreement', 'Agreement id.'),
      ]),
      '/api/v1/search': getOperation(
        'search',
        'The search of /search, ranked, by numbered page',
        [
          { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: SEARCH_KINDS } },
          { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
        ],
        { type: 'object' },
      ),
      '/api/v1/follow-ups': {
        post: {
          operationId: 'logFollowUp',
          summary: 'Log a follow-up, as the form does (needs a read-write token and the analyst role)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('FollowUp') } } },
          responses: {
            '201': {
              description: 'Logged.',
              content: { 'application/json': { schema: ref('LoggedFollowUp') } },
            },
            '400': problemResponse('The body is not a JSON object.'),
            '401': problemResponse('No valid token.'),
            '403': problemResponse('A read-only token, or a role that may not write.'),
            '422': problemResponse('The form would refuse it: `errors` says why, field by field.'),
            '429': problemResponse('Too many requests: wait Retry-After seconds.'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          security: [],
          responses: {
            '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'pw_… from /me/tokens' } },
      schemas,
    },
  };
}
