import { sql } from 'kysely';
import { AppError } from '../../shared/errors.ts';
import type { RosterGeneration } from '../../shared/contract/rosters.ts';
import {
  findGeneration,
  finishGeneration,
  insertGeneration,
  requestGenerationStop,
  touchGeneration,
  updateDraft,
  type GenerationProgress,
  type GenerationRecord,
  type GenerationResult,
  type RosterDraft,
  type RosterRecord,
} from '../db/roster.repo.ts';
import { buildOfficeMonth, fromRoster, type OfficeMonth } from '../domain/roster/office-month.ts';
import { solveRoster, type SolveResult } from '../solver/roster-solver.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';
import {
  ensureDraft,
  generationHeartbeatSeconds,
  loadMonthContext,
  refusePublished,
} from './rosters.service.ts';

/**
 * Generating a month's draft with the rostering engine (ROSTER-1). The run lives in this
 * process (the solver's worker threads); its row in `roster_generations` carries progress,
 * a heartbeat and the stop request, so any app instance can show it and stop it, and a run
 * whose process died shows as abandoned instead of running for ever.
 */
const running = new Map<string, { controller: AbortController; done: Promise<void> }>();

function present(generation: GenerationRecord, now: Date): RosterGeneration {
  const progress = generation.progress;
  const alive =
    now.getTime() - generation.heartbeatAt.getTime() < generationHeartbeatSeconds * 1000;
  return {
    id: generation.id,
    month: '',
    status: generation.status === 'running' && !alive ? 'abandoned' : generation.status,
    startedAt: generation.startedAt.toISOString(),
    finishedAt: generation.finishedAt?.toISOString() ?? null,
    timeLimitSeconds: generation.timeLimitSeconds,
    keepPinned: generation.keepPinned,
    objective: progress.objective,
    bound: progress.bound,
    gap:
      progress.objective === null || progress.bound === null
        ? null
        : progress.objective === 0
          ? 0
          : Math.max(0, (progress.objective - progress.bound) / progress.objective),
    elapsedSeconds: progress.elapsedSeconds,
    conflicts: generation.result?.conflicts ?? [],
    message: generation.result?.message ?? null,
  };
}

/**
 * The supervisor starts generating the month's draft: the whole month, or with
 * `keepPinned` only the cells not pinned by hand ("re-optimise the rest"). Answers at once;
 * progress is read with {@link getCurrentGeneration}.
 */
export async function startGeneration(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  body: { timeLimitSeconds: number; keepPinned: boolean },
): Promise<RosterGeneration> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.edit');
  refusePublished(await ensureDraft(ctx, office, month));
  const id = ctx.ids.newId();
  const roster = await inTransaction(ctx, async (tx) => {
    // lock the roster row so two starts queue and the second sees the first run
    await tx
      .updateTable('rosters')
      .set({ updated_at: sql<string>`updated_at` })
      .where('office_id', '=', office.id)
      .where('month', '=', month)
      .execute();
    const locked = (await loadMonthContext(tx, office, month)).roster!;
    refusePublished(locked);
    const current = await findGeneration(tx, { rosterId: locked.id });
    if (
      current?.status === 'running' &&
      ctx.clock.now().getTime() - current.heartbeatAt.getTime() < generationHeartbeatSeconds * 1000
    ) {
      throw new AppError('CONFLICT', 'the roster is already being generated', {
        details: { generationId: current.id },
      });
    }
    await insertGeneration(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      rosterId: locked.id,
      requestedBy: ctx.actor.userId,
      timeLimitSeconds: body.timeLimitSeconds,
      keepPinned: body.keepPinned,
      baseRevision: locked.revision,
      startedAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'roster.generation-started',
      entityType: 'roster',
      entityId: locked.id,
      payload: { month, generationId: id, ...body },
    });
    return locked;
  });
  const context = await loadMonthContext(ctx.db, office, month);
  const monthModel = buildOfficeMonth(
    body.keepPinned
      ? { ...context.input, pinned: { cells: roster.draft.cells, pins: roster.draft.pins } }
      : context.input,
  );
  const controller = new AbortController();
  const done = runGeneration(ctx, { id, roster, month, body, monthModel, controller }).finally(() =>
    running.delete(id),
  );
  running.set(id, { controller, done });
  const generation = await findGeneration(ctx.db, { id });
  return { ...present(generation!, ctx.clock.now()), month };
}

async function runGeneration(
  deps: ServiceDeps & { actor: { userId: string } },
  run: {
    id: string;
    roster: RosterRecord;
    month: string;
    body: { timeLimitSeconds: number; keepPinned: boolean };
    monthModel: OfficeMonth;
    controller: AbortController;
  },
): Promise<void> {
  const { id, roster, month, monthModel, controller } = run;
  let progress: GenerationProgress = { objective: null, bound: null, elapsedSeconds: 0 };
  let stopRequested = false;
  const started = performance.now();
  const heartbeat = setInterval(() => {
    // elapsed runs on between the engine's reports, so the page's clock never stands still
    progress = {
      ...progress,
      elapsedSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
    touchGeneration(deps.db, id, progress, deps.clock.now())
      .then((stop) => {
        if (stop) {
          stopRequested = true;
          controller.abort();
        }
      })
      .catch(() => {
        // the next beat tries again; a database gone for good ends the run as abandoned
      });
  }, 1000);
  heartbeat.unref();
  let result: SolveResult | undefined;
  let failure: string | null = null;
  try {
    result = await solveRoster(monthModel.problem, {
      timeLimitSeconds: run.body.timeLimitSeconds,
      signal: controller.signal,
      seed: 1,
      onProgress: (p) => {
        progress = {
          objective: p.objective ?? null,
          bound: p.bound,
          elapsedSeconds: Math.max(progress.elapsedSeconds, Math.round(p.elapsedSeconds * 10) / 10),
        };
      },
    });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    clearInterval(heartbeat);
  }
  stopRequested ||= controller.signal.aborted;

  const conflicts: GenerationResult['conflicts'] = (result?.conflicts ?? []).map((c) => ({
    userId: c.person,
    rules: c.rules,
    dates: c.days.map((d) => monthModel.dates[d] ?? String(d)),
    message: c.message,
  }));
  if (result !== undefined) {
    progress = {
      objective: result.objective ?? null,
      bound: result.lowerBound,
      elapsedSeconds: Math.round(result.seconds * 10) / 10,
    };
  }
  const status: Exclude<GenerationRecord['status'], 'running'> =
    failure !== null
      ? 'failed'
      : result?.status === 'infeasible'
        ? 'infeasible'
        : stopRequested
          ? 'stopped'
          : 'done';
  try {
    await inTransaction(deps, async (tx) => {
      let applied = false;
      if (result?.roster !== undefined) {
        const draft: RosterDraft = {
          cells: fromRoster(monthModel, result.roster),
          pins: run.body.keepPinned ? roster.draft.pins : {},
        };
        // an edit made meanwhile wins: the result is applied only to the draft it started from
        applied = await updateDraft(tx, roster.id, roster.revision, draft, deps.clock.now());
      }
      const message =
        failure ??
        (result?.roster !== undefined && !applied
          ? 'the draft changed while generating; the result was not applied'
          : result?.roster === undefined && status !== 'infeasible'
            ? 'no roster was found in the time given'
            : null);
      const ended = await finishGeneration(tx, id, {
        status,
        progress,
        result: { conflicts, message, applied },
        at: deps.clock.now(),
      });
      if (!ended) return;
      await recordAudit(tx, deps.clock, {
        orgId: roster.orgId,
        actorUserId: deps.actor.userId,
        action: 'roster.generated',
        entityType: 'roster',
        entityId: roster.id,
        payload: {
          month,
          generationId: id,
          status,
          objective: progress.objective,
          bound: progress.bound,
          applied,
          revision: applied ? roster.revision + 1 : roster.revision,
        },
      });
    });
  } catch {
    // the database is gone (shutting down): the row stays running and shows as abandoned
  }
}

/** The month's latest generation, or null when it was never generated. */
export async function getCurrentGeneration(
  ctx: ServiceContext,
  officeId: string,
  month: string,
): Promise<{ generation: RosterGeneration | null }> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.edit');
  const context = await loadMonthContext(ctx.db, office, month);
  if (context.roster === null) return { generation: null };
  const generation = await findGeneration(ctx.db, { rosterId: context.roster.id });
  return {
    generation: generation === null ? null : { ...present(generation, ctx.clock.now()), month },
  };
}

/** Stops a generation early; the best roster found so far is kept (ROSTER-1). */
export async function stopGeneration(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  generationId: string,
): Promise<RosterGeneration> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.edit');
  const generation = await findGeneration(ctx.db, { id: generationId });
  if (generation?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such generation');
  if (await requestGenerationStop(ctx.db, generationId)) {
    await inTransaction(ctx, (tx) =>
      recordAudit(tx, ctx.clock, {
        orgId: office.orgId,
        actorUserId: ctx.actor.userId,
        action: 'roster.generation-stopped',
        entityType: 'roster',
        entityId: generation.rosterId,
        payload: { month, generationId },
      }),
    );
  }
  const local = running.get(generationId);
  if (local !== undefined) {
    local.controller.abort();
    await local.done;
  }
  const now = await findGeneration(ctx.db, { id: generationId });
  return { ...present(now!, ctx.clock.now()), month };
}

/** Waits for every generation this process runs (tests; shutdown after {@link stopAllGenerations}). */
export async function settleGenerations(): Promise<void> {
  await Promise.all([...running.values()].map((r) => r.done));
}

/** Stops every generation this process runs and waits for them to record their end. */
export async function stopAllGenerations(): Promise<void> {
  for (const r of running.values()) r.controller.abort();
  await settleGenerations();
}
