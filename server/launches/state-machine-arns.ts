import 'server-only';
import { parseSfnArn } from '@/lib/sfn/arn';
import type { StackOutputDto, StackResourceDto } from '@/lib/launches/dto';

/**
 * The state machines a launch owns: its stack's own (their physical id is the ARN) and those its
 * outputs name (a nested stack's, or one the template only exports).
 */
export function stateMachineArnsOfLaunch(launch: { resources: StackResourceDto[]; outputs: StackOutputDto[] }): Set<string> {
  const candidates = [
    ...launch.resources.filter((r) => r.resourceType === 'AWS::StepFunctions::StateMachine').map((r) => r.physicalId ?? ''),
    ...launch.outputs.map((o) => o.value),
  ];
  return new Set(candidates.filter((value) => parseSfnArn(value)?.kind === 'stateMachine'));
}
