import type { TFunction } from 'i18next';
import { isApiError } from '../../api/api-client.ts';
import { fieldPathOf } from '../../api/form-errors.ts';
import type { PatrolRoute, RouteBody } from '../../api/patrol.api.ts';

/** A checkpoint as the editor holds it: the checklist as lines of text, the code to show. */
export type CheckpointRow = { id?: string; code?: string; name?: string; checklist?: string };
export type PlanRow = { shiftCode?: string; offsetMinutes?: number; windowMinutes?: number };
export type RouteForm = { name?: string; checkpoints?: CheckpointRow[]; plannedRounds?: PlanRow[] };

/** A new route's form: one empty checkpoint to start from. */
export const emptyRouteForm: RouteForm = {
  name: '',
  checkpoints: [{ name: '', checklist: '' }],
  plannedRounds: [],
};

/** The editor's rows of a saved route; kept checkpoints carry their id (and so their code). */
export function formOfRoute(route: PatrolRoute): RouteForm {
  return {
    name: route.name,
    checkpoints: route.checkpoints.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      checklist: c.checklist.join('\n'),
    })),
    plannedRounds: route.plannedRounds.map((p) => ({ ...p })),
  };
}

/** The body the server takes: names trimmed, one checklist item a non-empty line. */
export function routeBodyOf(form: RouteForm): RouteBody {
  return {
    name: (form.name ?? '').trim(),
    checkpoints: (form.checkpoints ?? []).map((c) => ({
      ...(c.id === undefined ? {} : { id: c.id }),
      name: (c.name ?? '').trim(),
      checklist: (c.checklist ?? '')
        .split(/[\n\r]+/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    })),
    plannedRounds: (form.plannedRounds ?? []).map((p) => ({
      shiftCode: p.shiftCode ?? '',
      offsetMinutes: p.offsetMinutes ?? 0,
      windowMinutes: p.windowMinutes ?? 0,
    })),
  };
}

export type RouteFieldError = { name: (string | number)[]; errors: string[] };

function planMessage(t: TFunction, message: string): { field: string; text: string } {
  if (message.startsWith('no such shift')) {
    return { field: 'shiftCode', text: t('patrol.routes.noSuchShift') };
  }
  const after = /after the shift \((\d+) minutes\)/.exec(message);
  if (after !== null) {
    return {
      field: 'windowMinutes',
      text: t('patrol.routes.windowAfterShift', { minutes: Number(after[1]) }),
    };
  }
  return { field: 'shiftCode', text: t('patrol.routes.fieldInvalid') };
}

/**
 * Puts a 400's details onto the editor's fields in the user's language: `checkpoints.1.name`
 * at that checkpoint's name, `checkpoints.0.checklist.3` at its checklist, `plannedRounds.0`
 * (the plan checked against the office's shifts) at the planned round's shift or window.
 */
export function routeFieldErrors(t: TFunction, error: unknown): RouteFieldError[] {
  if (!isApiError(error)) return [];
  const byName = new Map<string, RouteFieldError>();
  const add = (name: (string | number)[], text: string) => {
    const key = name.join('.');
    const found = byName.get(key) ?? { name, errors: [] };
    if (!found.errors.includes(text)) found.errors.push(text);
    byName.set(key, found);
  };
  for (const detail of error.details) {
    const [top, index, field] = fieldPathOf(detail.path);
    if (top === 'name') add(['name'], t('patrol.routes.nameRequired'));
    else if (top === 'checkpoints' && typeof index === 'number') {
      if (field === 'checklist')
        add(['checkpoints', index, 'checklist'], t('patrol.routes.checklistInvalid'));
      else if (detail.message.startsWith('listed twice'))
        add(['checkpoints', index, 'name'], t('patrol.routes.nameTwice'));
      else add(['checkpoints', index, 'name'], t('patrol.routes.checkpointNameRequired'));
    } else if (top === 'plannedRounds' && typeof index === 'number') {
      if (typeof field === 'string')
        add(['plannedRounds', index, field], t('patrol.routes.fieldInvalid'));
      else {
        const { field: at, text } = planMessage(t, detail.message);
        add(['plannedRounds', index, at], text);
      }
    }
  }
  return [...byName.values()];
}
