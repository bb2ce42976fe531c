// /api/docs: the API reference, rendered on the server from the same document as /api/v1/openapi.json
// (lib/api/openapi.ts), with no script or asset from elsewhere. Public, like the document.
import type { Metadata } from 'next';
import { openApiDocument } from '@/lib/api/openapi';

// Rendered per request: the page's scripts carry this request's CSP nonce (proxy.ts).
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API reference' };

type Schema = {
  type?: string | string[];
  enum?: readonly unknown[];
  description?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  required?: readonly string[];
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  operationId: string;
  summary: string;
  parameters?: (Parameter | undefined)[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string }>;
};

const PROBLEMS: [string, string][] = [
  ['bad-request', '400, a query parameter or the body is not valid.'],
  ['unauthenticated', '401, no valid token: missing, unknown, revoked, expired, or its user deactivated.'],
  ['forbidden', '403, a read-only token, or a role that may not do this.'],
  ['not-found', '404, no such record.'],
  ['conflict', '409, the record changed since it was read.'],
  ['invalid', '422, the form would refuse it; `errors` says why, field by field.'],
  ['rate-limited', '429, too many requests for this token; wait Retry-After seconds.'],
];

function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.split('/').at(-1) ?? '';
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  const bounds = [
    schema.enum ? `one of ${schema.enum.map(String).join(', ')}` : null,
    schema.maxLength !== undefined ? `up to ${schema.maxLength} characters` : null,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : null,
  ].filter(Boolean);
  return bounds.length ? `${type} (${bounds.join('; ')})` : type;
}

function Fields({
  rows,
}: {
  rows: { name: string; required?: boolean; schema?: Schema; description?: string }[];
}) {
  if (!rows.length) return null;
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th className="py-1 pr-4 font-medium">Name</th>
          <th className="py-1 pr-4 font-medium">Type</th>
          <th className="py-1 font-medium">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-4 font-mono">
              {row.name}
              {row.required ? <span className="text-red-700"> *</span> : null}
            </td>
            <td className="py-1 pr-4">{typeOf(row.schema)}</td>
            <td className="py-1">{row.description ?? row.schema?.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function bodyRows(schema: Schema, components: Record<string, Schema>) {
  const resolved = schema.$ref ? (components[schema.$ref.split('/').at(-1) ?? ''] ?? schema) : schema;
  const required = new Set(resolved.required ?? []);
  return [
    ...Object.entries(resolved.properties ?? {}).map(([name, property]) => ({
      name,
      required: required.has(name),
      schema: property,
    })),
    ...Object.entries(resolved.patternProperties ?? {}).map(([pattern, property]) => ({
      name: pattern
        .replace(/^\^/, '')
        .replace(/\$$/, '')
        .replace('\\.[0-9]+\\.', '.<n>.')
        .replaceAll('\\', ''),
      required: required.has(pattern),
      schema: property,
    })),
  ];
}

export default function ApiDocsPage() {
  const document = openApiDocument();
  const components = document.components.schemas as Record<string, Schema>;
  const paths = Object.entries(document.paths as Record<string, Record<string, Operation>>);
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-6 py-10 text-slate-900">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">{document.info.title}</h1>
        <p className="text-sm text-slate-700">{document.info.description}</p>
        <p className="text-sm text-slate-700">
          Machine-readable:{' '}
          <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{' '}
          (OpenAPI {document.openapi}). Tokens:{' '}
          <a className="text-indigo-700 underline" href="/me/tokens">
            /me/tokens
          </a>
          .
        </p>
      </header>
      {paths.map(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => {
          const parameters = (operation.parameters ?? []).filter((p): p is Parameter => Boolean(p));
          const body = operation.requestBody?.content['application/json']?.schema;
          return (
            <section key={operation.operationId} id={operation.operationId} className="space-y-2">
              <h2 className="font-mono text-lg font-semibold">
                {method.toUpperCase()} {path}
              </h2>
              <p className="text-sm text-slate-700">{operation.summary}</p>
              {parameters.length ? (
                <>
                  <h3 className="text-sm font-semibold">Parameters</h3>
                  <Fields rows={parameters} />
                </>
              ) : null}
              {body ? (
                <>
                  <h3 className="text-sm font-semibold">Body (JSON)</h3>
                  {body.$ref && components[body.$ref.split('/').at(-1) ?? '']?.description ? (
                    <p className="text-sm text-slate-700">
                      {components[body.$ref.split('/').at(-1) ?? ''].description}
                    </p>
                  ) : null}
                  <Fields rows={bodyRows(body, components)} />
                </>
              ) : null}
              <h3 className="text-sm font-semibold">Responses</h3>
              <ul className="text-sm">
                {Object.entries(operation.responses).map(([code, response]) => (
                  <li key={code}>
                    <span className="font-mono">{code}</span> {response.description}
                  </li>
                ))}
              </ul>
            </section>
          );
        }),
      )}
      <section id="problem-details" className="space-y-2">
        <h2 className="text-lg font-semibold">Errors</h2>
        <p className="text-sm text-slate-700">
          Every error is <code>application/problem+json</code> (RFC 9457): <code>type</code>,{' '}
          <code>title</code>, <code>status</code>, <code>detail</code>, and for 400 and 422{' '}
          <code>errors</code>, the messages the forms show, under the field names sent.
        </p>
        <ul className="space-y-1 text-sm">
          {PROBLEMS.map(([slug, text]) => (
            <li key={slug} id={`problem-${slug}`}>
              <span className="font-mono">{slug}</span>: {text}
            </li>
          ))}
        </ul>
        <Fields rows={bodyRows(components.Problem, components)} />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Commitment</h2>
        <Fields rows={bodyRows(components.Commitment, components)} />
      </section>
    </main>
  );
}
