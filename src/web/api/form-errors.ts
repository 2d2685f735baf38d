import type { ApiError } from './api-client.ts';

/**
 * Where a server's validation detail points, as form field segments: the server prefixes the
 * part of the request ("body.username", "body.roles.0.officeId"); services name the field
 * directly ("username", "currentPassword"). Numeric segments are list indexes.
 */
export function fieldPathOf(detailPath: string): (string | number)[] {
  const segments = detailPath.split('.').filter((segment) => segment !== '');
  if (['body', 'query', 'params'].includes(segments[0] ?? '')) segments.shift();
  return segments.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * The form fields an error's details name, among those a form has. A detail naming a nested
 * part ("roles.0.officeId") goes to its top field ("roles") when the form edits it as a whole.
 */
export function fieldsOfError<Field extends string>(
  error: ApiError,
  formFields: readonly Field[],
): Field[] {
  const found = new Set<Field>();
  for (const detail of error.details) {
    const top = fieldPathOf(detail.path)[0];
    const field = formFields.find((candidate) => candidate === top);
    if (field !== undefined) found.add(field);
  }
  return [...found];
}
