import 'server-only';
import { createHmac } from 'node:crypto';
import { loadBlueprintLibrary } from '@/server/blueprints/load';
import type { BlueprintFiles } from '@/server/blueprints/read-blueprint';
import { compareSemver } from '@/server/blueprints/schema';
import { AppError, type FieldErrors } from '@/server/errors';
import { hasTeamRole, requireTeamRole } from '@/server/auth/authz';
import { getTargetForActor, resolveTargetRef } from '@/server/targets/queries';
import { listTeamsForActor } from '@/server/teams/queries';
import { deriveKey } from '@/server/crypto';
import { validateParameters, validateStackName, maskSecrets } from '@/lib/launches/parameters';
import { mergeTags } from '@/lib/launches/tags';
import type { Actor } from '@/server/auth/actor';
import type { AwsTargetRef } from '@/server/aws/clients';
import type { TargetDto } from '@/lib/schemas/targets';
import type { TeamDto } from '@/server/teams/queries';
import type { LaunchRequest } from '@/lib/schemas/launches';
import { checkParameterRules } from '@/lib/launches/parameter-rules';

/** Finds a blueprint in the catalog, or NOT_FOUND. */
export async function requireBlueprint(slug: string): Promise<BlueprintFiles> {
  const blueprint = (await loadBlueprintLibrary()).blueprints.get(slug);
  if (!blueprint) throw new AppError('NOT_FOUND', `No blueprint "${slug}" in the catalog.`, { fields: { blueprint: ['is not in the catalog'] } });
  return blueprint;
}

/** How many published versions are newer than `version`. */
export function versionsBehind(blueprint: BlueprintFiles, version: string): number {
  return blueprint.metadata.changelog.filter((c) => compareSemver(c.version, version) > 0).length;
}

/** The team that owns a new launch: the one named, or the only one where the actor may launch. */
async function resolveLaunchTeam(actor: Actor, hint: string | undefined, target: TargetDto): Promise<TeamDto> {
  // Archived teams are read too, so naming one is answered with why it cannot launch.
  const teams = await listTeamsForActor(actor, { includeArchived: true });
  const eligible = teams.filter((t) => !t.archivedAt && hasTeamRole(actor, t.id, 'developer') && (target.isSandbox || target.teamIds.includes(t.id)));
  if (hint) {
    const team = teams.find((t) => t.id === hint || t.slug === hint);
    if (!team) throw new AppError('FORBIDDEN', `You are not a member of team ${hint}.`);
    requireTeamRole(actor, team.id, 'developer', 'launch blueprints');
    if (team.archivedAt) throw new AppError('FORBIDDEN', `Team ${team.slug} is archived, so it cannot launch.`, { fields: { team: ['is archived'] } });
    if (!eligible.includes(team)) throw new AppError('FORBIDDEN', `Team ${team.slug} may not use target ${target.name}.`);
    return team;
  }
  if (eligible.length === 1) return eligible[0]!;
  if (eligible.length === 0) {
    const isMember = teams.length > 0;
    throw new AppError(
      'FORBIDDEN',
      isMember ? `You need the developer role in a team that may use target ${target.name} to launch.` : 'You are not in a team, so you cannot launch.',
    );
  }
  throw new AppError('VALIDATION', `You launch for several teams: say which one (${eligible.map((t) => t.slug).join(', ')}).`, {
    fields: { team: ['is required when you belong to several teams'] },
  });
}

export type ValidatedLaunch = {
  blueprint: BlueprintFiles;
  target: TargetDto;
  targetRef: AwsTargetRef;
  team: TeamDto;
  stackName: string;
  /** Every parameter value CloudFormation gets, secrets included: never store or log this. */
  values: Record<string, string>;
  /** The same with NoEcho values masked: safe to store, log and show. */
  masked: Record<string, string>;
  tags: Record<string, string>;
  requestHash: string;
};

/** Checks a launch request completely (no AWS calls): blueprint, version, target, team, stack name, parameters, tags. */
export async function validateLaunchRequest(actor: Actor, req: LaunchRequest): Promise<ValidatedLaunch> {
  const blueprint = await requireBlueprint(req.blueprint);
  if (req.version && req.version !== blueprint.metadata.version) {
    throw new AppError('VALIDATION', `version ${req.version} of ${req.blueprint} cannot be launched; the catalog has ${blueprint.metadata.version}.`, {
      fields: { version: [`must be ${blueprint.metadata.version}`] },
    });
  }
  // A refusal (403, audited), worded the same whether the target exists or not so it reveals neither.
  const target = await getTargetForActor(actor, req.target).catch(() => {
    throw new AppError('FORBIDDEN', `target ${req.target} does not exist or your teams may not use it`, {
      fields: { target: ['is not a target your teams may use'] },
    });
  });
  const team = await resolveLaunchTeam(actor, req.team, target);
  const fields: FieldErrors = {};
  const stackProblem = validateStackName(req.stackName);
  if (stackProblem) fields.stackName = [stackProblem];
  if (!target.regions.includes(req.region)) fields.region = [`must be one of ${target.regions.join(', ')} for target ${target.name}`];
  const { values, errors } = validateParameters(blueprint.model.parameters, req.parameters);
  for (const [name, message] of Object.entries(errors)) fields[`parameters.${name}`] = [message];
  // Rules across parameters run only on values that passed their own checks.
  if (Object.keys(errors).length === 0) {
    for (const [name, message] of Object.entries(checkParameterRules(blueprint.metadata.parameters.rules ?? [], values)))
      fields[`parameters.${name}`] = [message];
  }
  const { tags, errors: tagErrors } = mergeTags(team.requiredTags, req.tags, { owner: actor.email });
  for (const [key, message] of Object.entries(tagErrors)) fields[key] = [message];
  if (Object.keys(fields).length) {
    const first = Object.values(fields)[0]![0]!;
    throw new AppError('VALIDATION', Object.keys(fields).length === 1 ? first : `${first} (and ${Object.keys(fields).length - 1} more problems)`, { fields });
  }
  const targetRef = await resolveTargetRef(target, req.region);
  return {
    blueprint,
    target,
    targetRef,
    team,
    stackName: req.stackName,
    values,
    masked: maskSecrets(blueprint.model.parameters, values),
    tags,
    requestHash: requestHashOf({
      actor: actor.userId,
      blueprint: blueprint.metadata.slug,
      version: blueprint.metadata.version,
      target: target.id,
      region: req.region,
      stack: req.stackName,
      values,
      tags,
      team: team.id,
    }),
  };
}

/**
 * A keyed hash of what was asked, so a retried identical request can be recognised. Keyed (HMAC)
 * because the input includes secret parameter values, which a plain hash would expose to guessing.
 */
export function requestHashOf(request: Record<string, unknown>): string {
  const canonical = JSON.stringify(request, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
  return createHmac('sha256', deriveKey('launch-request')).update(canonical).digest('hex');
}
