import type { AslCatcher, AslState } from './asl-types';
import { IntrinsicError } from './intrinsics';
import { JsonPathError, queryPath, setAtReferencePath } from './jsonpath';
import { resolvePayloadTemplate } from './payload-template';

// What InputPath -> Parameters -> (task) -> ResultSelector -> ResultPath -> OutputPath did to a state's
// data, one step at a time, for the step panel's "Input and output processing" view. Each step shows the
// field as written and the value after it; the first failing step carries the States.* error and stops.

export type DataFlowStage =
  'input' | 'inputPath' | 'itemsPath' | 'itemSelector' | 'parameters' | 'result' | 'resultSelector' | 'resultPath' | 'outputPath' | 'catchResultPath';

export interface DataFlowStep {
  stage: DataFlowStage;
  /** The field as written in the definition; undefined when the state does not set it (default applies). */
  expression?: unknown;
  /** False when the field is absent and the default (pass-through) was used. */
  isExplicit: boolean;
  /** Value after this step (absent when it failed or when the result is not known yet). */
  value?: unknown;
  /** Why there is no value, e.g. the task has not returned yet. */
  note?: string;
}

export interface DataFlowError {
  stage: DataFlowStage;
  error: string;
  cause: string;
}

export interface DataFlowTrace {
  steps: DataFlowStep[];
  output?: unknown;
  error?: DataFlowError;
}

export interface DataFlowOptions {
  /** The raw task result (TaskSucceeded output; Parallel/Map: the array of branch/iteration outputs). */
  taskResult?: unknown;
  /** The context object (`$$`), e.g. { Execution: { Id, Input, Name, StartTime }, State: { Name, EnteredTime } }. */
  context?: Record<string, unknown>;
  /** The state failed and this catcher handled it: trace the catcher's ResultPath instead of the success path. */
  caught?: { catcher: AslCatcher; error: string; cause?: string };
}

class StageFailure extends Error {
  constructor(
    readonly stage: DataFlowStage,
    readonly inner: Error,
  ) {
    super(inner.message);
  }
}

function runStage<T>(stage: DataFlowStage, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof JsonPathError || error instanceof IntrinsicError) throw new StageFailure(stage, error);
    throw error;
  }
}

const SELECTS_INPUT_ONLY = new Set(['Choice', 'Wait', 'Succeed']);
const HAS_TASK_RESULT = new Set(['Task', 'Parallel', 'Map']);

/** Trace a state's input/output processing given its raw input and (for Task/Parallel/Map) its raw result. */
export function traceDataFlow(state: AslState, rawInput: unknown, options: DataFlowOptions = {}): DataFlowTrace {
  const steps: DataFlowStep[] = [{ stage: 'input', isExplicit: true, value: rawInput }];
  try {
    if (state.Type === 'Fail') return { steps };
    if (options.caught) return traceCaught(steps, rawInput, options.caught);

    const effectiveInput = applyInputPath(steps, state, rawInput, options);
    if (SELECTS_INPUT_ONLY.has(state.Type)) {
      return { steps, output: applyOutputPath(steps, state, effectiveInput, options) };
    }

    if (state.Type === 'Map') applyItemSelection(steps, state, effectiveInput, options);
    const parameters = state.Type === 'Map' ? undefined : applyParameters(steps, state, effectiveInput, options);

    let result: unknown;
    if (state.Type === 'Pass') {
      // A Pass state's result is its Result field, else what Parameters produced (or its input).
      result = 'Result' in state ? state.Result : parameters;
      steps.push({ stage: 'result', expression: state.Result, isExplicit: 'Result' in state, value: result });
    } else if (HAS_TASK_RESULT.has(state.Type)) {
      if (options.taskResult === undefined) {
        steps.push({ stage: 'result', isExplicit: true, note: 'No result yet: the state has not returned.' });
        return { steps };
      }
      steps.push({ stage: 'result', isExplicit: true, value: options.taskResult });
      result = runStage('resultSelector', () =>
        state.ResultSelector ? resolvePayloadTemplate(state.ResultSelector, options.taskResult, options.context) : options.taskResult,
      );
      steps.push({
        stage: 'resultSelector',
        expression: state.ResultSelector,
        isExplicit: !!state.ResultSelector,
        value: result,
      });
    }

    const combined = applyResultPath(steps, 'resultPath', state.ResultPath, rawInput, result);
    return { steps, output: applyOutputPath(steps, state, combined, options) };
  } catch (error) {
    if (!(error instanceof StageFailure)) throw error;
    return {
      steps,
      error: {
        stage: error.stage,
        error: (error.inner as JsonPathError | IntrinsicError).error,
        cause: error.inner.message,
      },
    };
  }
}

function applyInputPath(steps: DataFlowStep[], state: AslState, rawInput: unknown, options: DataFlowOptions): unknown {
  const path = state.InputPath;
  // InputPath null discards the input: the state sees {}.
  const value = runStage('inputPath', () => (path === null ? {} : path === undefined ? rawInput : queryPath(rawInput, path, options.context)));
  steps.push({ stage: 'inputPath', expression: path, isExplicit: path !== undefined, value });
  return value;
}

function applyParameters(steps: DataFlowStep[], state: AslState, input: unknown, options: DataFlowOptions): unknown {
  const template = state.Parameters;
  const value = runStage('parameters', () => (template === undefined ? input : resolvePayloadTemplate(template, input, options.context)));
  steps.push({ stage: 'parameters', expression: template, isExplicit: template !== undefined, value });
  return value;
}

/** Map: ItemsPath picks the array, ItemSelector (or legacy Parameters) shapes each item with `$$.Map.Item`. */
function applyItemSelection(steps: DataFlowStep[], state: AslState, input: unknown, options: DataFlowOptions): void {
  const itemsPath = state.ItemsPath;
  const items = runStage('itemsPath', () => (itemsPath === undefined ? input : queryPath(input, itemsPath, options.context)));
  steps.push({ stage: 'itemsPath', expression: itemsPath, isExplicit: itemsPath !== undefined, value: items });
  if (!Array.isArray(items)) {
    throw new StageFailure('itemsPath', new JsonPathError(`ItemsPath must select an array, got ${JSON.stringify(items)?.slice(0, 100)}`));
  }
  const selector = state.ItemSelector ?? state.Parameters;
  const selected = runStage('itemSelector', () =>
    selector === undefined
      ? items
      : items.map((item, index) => resolvePayloadTemplate(selector, input, { ...options.context, Map: { Item: { Index: index, Value: item } } })),
  );
  steps.push({ stage: 'itemSelector', expression: selector, isExplicit: selector !== undefined, value: selected });
}

function applyResultPath(
  steps: DataFlowStep[],
  stage: 'resultPath' | 'catchResultPath',
  path: string | null | undefined,
  rawInput: unknown,
  result: unknown,
): unknown {
  // ResultPath null keeps the input and drops the result; the default `$` replaces the input with it.
  const value = runStage(stage, () => (path === null ? rawInput : path === undefined ? result : setAtReferencePath(rawInput, path, result)));
  steps.push({ stage, expression: path, isExplicit: path !== undefined, value });
  return value;
}

function applyOutputPath(steps: DataFlowStep[], state: AslState, value: unknown, options: DataFlowOptions): unknown {
  const path = state.OutputPath;
  const output = runStage('outputPath', () => (path === null ? {} : path === undefined ? value : queryPath(value, path, options.context)));
  steps.push({ stage: 'outputPath', expression: path, isExplicit: path !== undefined, value: output });
  return output;
}

export interface ExecutionContextSource {
  executionArn: string;
  name?: string;
  /** ISO 8601, as DescribeExecution's startDate once serialised. */
  startDate?: string;
  /** The execution input as JSON text. */
  input?: string;
  roleArn?: string;
  stateMachineArn?: string;
}

/** Rebuild the context object (`$$`) a visit saw from DescribeExecution and the visit (no task token). */
export function contextObjectFor(
  execution: ExecutionContextSource,
  visit: { name: string; enteredAt: string; retries: readonly unknown[] },
): Record<string, unknown> {
  let input: unknown;
  try {
    input = execution.input === undefined ? undefined : JSON.parse(execution.input);
  } catch {
    input = execution.input;
  }
  const stateMachineArn = execution.stateMachineArn;
  return {
    Execution: {
      Id: execution.executionArn,
      Name: execution.name ?? execution.executionArn.split(':').at(-1),
      StartTime: execution.startDate,
      Input: input,
      RoleArn: execution.roleArn,
    },
    State: { Name: visit.name, EnteredTime: visit.enteredAt, RetryCount: visit.retries.length },
    StateMachine: { Id: stateMachineArn, Name: stateMachineArn?.split(':').at(-1) },
  };
}

/** The first Catch of a state that handles `error` (what the step panel traces for a `caughtError` visit). */
export function findCatcher(state: AslState, error: string): AslCatcher | undefined {
  return state.Catch?.find(({ ErrorEquals = [] }) =>
    ErrorEquals.some(
      (name) =>
        name === error ||
        name === 'States.ALL' ||
        // States.TaskFailed stands for any task failure except a timeout.
        (name === 'States.TaskFailed' && state.Type === 'Task' && error !== 'States.Timeout'),
    ),
  );
}

/** A caught error: the output is the raw input with `{ Error, Cause }` placed at the catcher's ResultPath. */
function traceCaught(steps: DataFlowStep[], rawInput: unknown, caught: NonNullable<DataFlowOptions['caught']>): DataFlowTrace {
  const errorOutput = { Error: caught.error, Cause: caught.cause ?? '' };
  steps.push({ stage: 'result', isExplicit: true, value: errorOutput, note: `Caught ${caught.error}` });
  const output = applyResultPath(steps, 'catchResultPath', caught.catcher.ResultPath, rawInput, errorOutput);
  return { steps, output };
}
