'use client';

import type { DataFlowStage, DataFlowTrace } from '@/lib/sfn/data-flow';
import { cn } from '@/components/ui/cn';
import { JsonViewer } from './json-viewer';

const STAGE_LABEL: Record<DataFlowStage, string> = {
  input: 'State input',
  inputPath: 'InputPath',
  itemsPath: 'ItemsPath',
  itemSelector: 'ItemSelector',
  parameters: 'Parameters',
  result: 'Result',
  resultSelector: 'ResultSelector',
  resultPath: 'ResultPath',
  outputPath: 'OutputPath',
  catchResultPath: 'Catch ResultPath',
};

const STAGE_HELP: Partial<Record<DataFlowStage, string>> = {
  inputPath: 'selects the part of the input the state works on',
  parameters: 'builds what the task receives',
  result: 'what the task (or Pass) produced',
  resultSelector: 'reshapes the result',
  resultPath: 'places the result into the input',
  outputPath: 'selects what goes to the next state',
  catchResultPath: 'places the error into the input',
};

function expressionText(expression: unknown): string | null {
  if (expression === undefined) return null;
  if (expression === null) return 'null';
  return typeof expression === 'string' ? expression : JSON.stringify(expression);
}

/** InputPath -> Parameters -> result -> ResultSelector -> ResultPath -> OutputPath, each with its field and value. */
export function DataFlowSteps({ trace, title, hideInput = false }: { trace: DataFlowTrace; title: string; hideInput?: boolean }) {
  return (
    <div className="space-y-1.5">
      <h4 className="text-xs font-semibold text-slate-700">{title}</h4>
      <ol className="space-y-1.5">
        {trace.steps.map((step, i) => {
          if (hideInput && step.stage === 'input') return null;
          const expression = expressionText(step.expression);
          const failed = trace.error?.stage === step.stage;
          return (
            <li
              key={`${step.stage}-${i}`}
              data-testid={`data-flow-step-${step.stage}`}
              className={cn(
                'rounded-md border p-2',
                failed ? 'border-red-300 bg-red-50/40' : step.isExplicit ? 'border-slate-200 bg-white' : 'border-dashed border-slate-200 bg-slate-50/50',
              )}
            >
              <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
                <span className="font-semibold text-slate-800">{STAGE_LABEL[step.stage]}</span>
                {!step.isExplicit && step.stage !== 'input' && <span className="text-slate-400">not set · passes through</span>}
                {step.isExplicit && STAGE_HELP[step.stage] && <span className="text-slate-500">{STAGE_HELP[step.stage]}</span>}
              </div>
              {expression && step.stage !== 'input' && step.stage !== 'result' && (
                <code className="mt-1 block break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
                  {expression.length > 300 ? `${expression.slice(0, 299)}…` : expression}
                </code>
              )}
              {step.note && <p className="mt-1 text-xs text-slate-500">{step.note}</p>}
              {'value' in step && step.value !== undefined && step.isExplicit && (
                <JsonViewer value={step.value} label="Value" openDepth={step.stage === 'input' ? 1 : 3} className="mt-1.5" />
              )}
            </li>
          );
        })}
        {trace.error && (
          <li className="rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-900" data-testid="data-flow-error">
            <span className="font-semibold">
              {STAGE_LABEL[trace.error.stage]} failed: {trace.error.error}
            </span>
            <span className="mt-0.5 block break-words">{trace.error.cause}</span>
          </li>
        )}
      </ol>
    </div>
  );
}
