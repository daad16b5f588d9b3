'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { applyScenarioInput, toScenarioInput, type EstimatorState } from '@/lib/cost/estimator-state';
import { computeLambdaView, computeSqsBatchView } from '@/lib/cost/estimator-view';
import { sanitizeEstimatorState } from '@/lib/cost/url-state';
import type { CostScenarioDto } from '@/lib/schemas/cost-scenarios';
import { EstimatorInputs } from './estimator-inputs';
import { LambdaResults } from './lambda-results';
import { ScenarioComparison } from './scenario-comparison';
import { ScenariosPanel } from './scenarios-panel';
import { ShareLink } from './share-link';
import { SqsResults } from './sqs-results';
import { useEstimator } from './use-estimator';
import { useSavedScenarios } from './use-saved-scenarios';
import { estimatorHref, useStateInUrl } from './use-state-in-url';

/**
 * The whole estimator: inputs on the left, results and charts on the right, recomputed in the browser
 * on every change. The address bar always holds the inputs (`?state=`), so a reload or a shared link
 * restores them.
 */
export function CostEstimator({
  initialState,
  initialScenarios,
  notices,
}: {
  initialState: EstimatorState;
  initialScenarios: CostScenarioDto[];
  notices: readonly { tone: 'info' | 'warn'; text: string }[];
}) {
  const { state, errors, isValid, validLambda, validSqs, update } = useEstimator(initialState);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [loadProblems, setLoadProblems] = useState<readonly string[]>([]);
  const { scenarios } = useSavedScenarios(initialScenarios);
  useStateInUrl(state, initialState);

  // Charts redraw a moment behind the inputs when the browser is busy, so sliders never stutter.
  const lambdaInput = useDeferredValue(validLambda);
  const sqsInput = useDeferredValue(validSqs);
  const lambdaView = useMemo(() => (state.mode === 'lambda' ? computeLambdaView(lambdaInput) : null), [state.mode, lambdaInput]);
  const sqsView = useMemo(() => (state.mode === 'sqs-batch' ? computeSqsBatchView(sqsInput) : null), [state.mode, sqsInput]);
  const setLogAxes = (logAxes: boolean) => update((current) => ({ ...current, logAxes }));

  const compared = compareIds
    .map((id) => scenarios.find((scenario) => scenario.id === id))
    .filter((scenario): scenario is CostScenarioDto => Boolean(scenario));

  function loadScenario(scenario: CostScenarioDto) {
    // A scenario saved under an older schema may hold values the model now rejects: those reset to defaults.
    const { state: loaded, ignored } = sanitizeEstimatorState(applyScenarioInput(state, scenario));
    setLoadProblems(ignored);
    update(() => loaded);
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[19rem_minmax(0,1fr)] xl:grid-cols-[21rem_minmax(0,1fr)]">
      <aside className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
        <EstimatorInputs state={state} errors={errors} update={update} />
      </aside>

      {/* A container, so the charts go two abreast only when the results column (not the window) is wide. */}
      <div className="@container min-w-0 space-y-6">
        {notices.map((notice) => (
          <Alert key={notice.text} tone={notice.tone}>
            {notice.text}
          </Alert>
        ))}
        {loadProblems.length > 0 && (
          <Alert tone="warn" title="Some saved values no longer fit the model and were reset">
            {loadProblems.join('; ')}
          </Alert>
        )}
        {!isValid && (
          <Alert tone="warn" title="Showing the last valid estimate">
            Fix the highlighted input{Object.keys(errors).length === 1 ? '' : 's'} to update it: {Object.values(errors).join('; ')}.
          </Alert>
        )}

        <div
          data-testid="estimator-results"
          className={cn('transition-opacity', !isValid && 'opacity-60')}
          aria-busy={lambdaInput !== validLambda || sqsInput !== validSqs}
        >
          {lambdaView && <LambdaResults view={lambdaView} input={lambdaInput} logAxes={state.logAxes} onLogAxesChange={setLogAxes} />}
          {sqsView && <SqsResults view={sqsView} input={sqsInput} logAxes={state.logAxes} onLogAxesChange={setLogAxes} />}
        </div>

        <Card title="Save, share and compare">
          <div className="space-y-6">
            <ScenariosPanel
              initial={initialScenarios}
              beside={<ShareLink href={estimatorHref(state)} />}
              current={toScenarioInput(state)}
              canSave={isValid}
              compareIds={compareIds}
              onCompareIdsChange={setCompareIds}
              onLoad={loadScenario}
            />
            {compared.length === 2 ? (
              <ScenarioComparison a={compared[0]!} b={compared[1]!} />
            ) : (
              <p className="text-sm text-slate-500">
                Tick two saved scenarios to compare them side by side; the inputs and results that differ are highlighted.
              </p>
            )}
          </div>
        </Card>
      </div>
    </div>
  );
}
