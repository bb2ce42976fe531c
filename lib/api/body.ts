// Request bodies of /api/v1 writes: a JSON object whose fields are the form's, written as a form sends them.
export type Fields = Record<string, string | string[]>;

/** A JSON object's fields as a form sends them (strings, lists of strings), or null when it is not one. */
export async function jsonFields(request: Request): Promise<Fields | null> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const text = (value: unknown) => (value === null ? '' : String(value));
  const fields: Fields = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) fields[key] = value.map(text);
    else if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      fields[key] = text(value);
  }
  return fields;
}
