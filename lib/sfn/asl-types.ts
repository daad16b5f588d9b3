// Amazon States Language shapes, kept permissive: definitions come from AWS (or a user's editor) and the
// dashboard must still draw something useful when a field is missing or a newer field appears.

const ASL_STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type AslStateType = (typeof ASL_STATE_TYPES)[number];

/** A payload template (Parameters, ResultSelector, ItemSelector): keys ending in `.$` hold paths. */
export type AslPayloadTemplate = { [key: string]: unknown };

export interface AslChoiceRule {
  Variable?: string;
  Next?: string;
  And?: AslChoiceRule[];
  Or?: AslChoiceRule[];
  Not?: AslChoiceRule;
  /** JSONata choice rules carry a single expression instead of Variable + operator. */
  Condition?: string;
  Comment?: string;
  [operator: string]: unknown;
}

export interface AslRetrier {
  ErrorEquals?: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}

export interface AslCatcher {
  ErrorEquals?: string[];
  Next?: string;
  ResultPath?: string | null;
  Comment?: string;
}

export interface AslProcessorConfig {
  Mode?: 'INLINE' | 'DISTRIBUTED' | string;
  ExecutionType?: 'STANDARD' | 'EXPRESS' | string;
}

export interface AslState {
  Type: string;
  Comment?: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: AslPayloadTemplate;
  ResultSelector?: AslPayloadTemplate;
  Result?: unknown;
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
  // Choice
  Choices?: AslChoiceRule[];
  Default?: string;
  // Wait
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  // Fail
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  // Parallel
  Branches?: AslStateMachine[];
  // Map
  Iterator?: AslStateMachine;
  ItemProcessor?: AslStateMachine & { ProcessorConfig?: AslProcessorConfig };
  ItemsPath?: string;
  ItemSelector?: AslPayloadTemplate;
  MaxConcurrency?: number;
  [field: string]: unknown;
}

export interface AslStateMachine {
  Comment?: string;
  StartAt: string;
  States: Record<string, AslState>;
  QueryLanguage?: string;
  TimeoutSeconds?: number;
  Version?: string;
}

/** Thrown when a definition is not JSON or lacks StartAt/States; routes map it to a 400/422. */
export class AslDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AslDefinitionError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse an ASL definition given as JSON text (as DescribeStateMachine returns it) or as an object. */
export function parseAslDefinition(definition: string | object): AslStateMachine {
  let parsed: unknown = definition;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch (error) {
      throw new AslDefinitionError(`Definition is not valid JSON: ${(error as Error).message}`);
    }
  }
  assertStateMachine(parsed, '$');
  return parsed;
}

function assertStateMachine(value: unknown, where: string): asserts value is AslStateMachine {
  if (!isRecord(value)) throw new AslDefinitionError(`${where} must be an object`);
  if (typeof value.StartAt !== 'string') throw new AslDefinitionError(`${where}.StartAt must be a string`);
  if (!isRecord(value.States)) throw new AslDefinitionError(`${where}.States must be an object`);
  for (const [name, state] of Object.entries(value.States)) {
    if (!isRecord(state) || typeof state.Type !== 'string') {
      throw new AslDefinitionError(`${where}.States["${name}"].Type must be a string`);
    }
  }
}

/** True when `type` is one of the eight ASL state types. */
export function isAslStateType(type: string): type is AslStateType {
  return (ASL_STATE_TYPES as readonly string[]).includes(type);
}

/** The nested machine a Map runs per item: `ItemProcessor` (current) or `Iterator` (legacy). */
export function mapProcessorOf(state: AslState): AslStateMachine | undefined {
  return state.ItemProcessor ?? state.Iterator;
}

/** Whether a Map state runs its items as child executions (distributed) or inside this one (inline). */
export function mapModeOf(state: AslState): 'inline' | 'distributed' {
  return state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED' ? 'distributed' : 'inline';
}
