import 'server-only';
import { db, withPrismaErrors } from '@/server/db';
import { AppError } from '@/server/errors';
import type { CostScenarioBody, CostScenarioDto } from '@/lib/schemas/cost-scenarios';

type ScenarioRow = { id: string; name: string; kind: string; input: string; createdAt: Date; updatedAt: Date };

// Inputs were checked by the model's schema on the way in. They are not re-validated here: a list
// must not fail because one old scenario no longer fits a newer schema (the page resets such fields).
function parseStoredInput(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function toDto(row: ScenarioRow): CostScenarioDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind === 'sqs-batch' ? 'sqs-batch' : 'lambda',
    input: parseStoredInput(row.input),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } as CostScenarioDto;
}

function duplicateName(name: string): AppError {
  return new AppError('CONFLICT', `You already have a scenario named "${name}".`, { fields: { name: [`a scenario named "${name}" already exists`] } });
}

const notFound = () => new AppError('NOT_FOUND', 'No such cost scenario.');

/** The user's saved scenarios, most recently changed first. */
export async function listCostScenarios(userId: string): Promise<CostScenarioDto[]> {
  const rows = await db.costScenario.findMany({ where: { userId }, orderBy: [{ updatedAt: 'desc' }, { name: 'asc' }] });
  return rows.map(toDto);
}

/** One of the user's scenarios; another user's is NOT_FOUND, so ids reveal nothing. */
export async function getCostScenario(userId: string, id: string): Promise<CostScenarioDto> {
  const row = await db.costScenario.findFirst({ where: { id, userId } });
  if (!row) throw notFound();
  return toDto(row);
}

/** Saves a new scenario; a name the user already has is a CONFLICT on `name`. */
export async function createCostScenario(userId: string, body: CostScenarioBody): Promise<CostScenarioDto> {
  const row = await withPrismaErrors(db.costScenario.create({ data: { userId, name: body.name, kind: body.kind, input: JSON.stringify(body.input) } }), {
    conflict: duplicateName(body.name),
  });
  return toDto(row);
}

/** Replaces the name, kind and input of one of the user's scenarios. */
export async function updateCostScenario(userId: string, id: string, body: CostScenarioBody): Promise<CostScenarioDto> {
  await getCostScenario(userId, id);
  const row = await withPrismaErrors(db.costScenario.update({ where: { id }, data: { name: body.name, kind: body.kind, input: JSON.stringify(body.input) } }), {
    conflict: duplicateName(body.name),
    notFound: notFound(),
  });
  return toDto(row);
}

/** Deletes one of the user's scenarios and returns what was deleted. */
export async function deleteCostScenario(userId: string, id: string): Promise<CostScenarioDto> {
  const scenario = await getCostScenario(userId, id);
  // deleteMany with the owner in the filter: a concurrent delete leaves nothing to remove, not an error.
  await db.costScenario.deleteMany({ where: { id, userId } });
  return scenario;
}
