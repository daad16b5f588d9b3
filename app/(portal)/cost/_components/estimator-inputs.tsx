'use client';

import { Select } from '@/components/ui/field';
import { LAMBDA_NUMBER_FIELDS, SQS_NUMBER_FIELDS } from '@/lib/cost/estimator-fields';
import type { EstimatorMode, EstimatorState, LambdaFields, SqsBatchFields } from '@/lib/cost/estimator-state';
import { ARCHITECTURES, PRICE_TABLE, PRICED_REGIONS } from '@/lib/cost/price-table';
import { BatchSizesField } from './batch-sizes-field';
import { CheckboxField, SegmentedChoice } from './choice-fields';
import { NumberSliderField } from './number-slider-field';
import type { FieldErrors } from './use-estimator';

type Update = (change: (state: EstimatorState) => EstimatorState) => void;

const MODE_OPTIONS: readonly { value: EstimatorMode; label: string }[] = [
  { value: 'lambda', label: 'Lambda function' },
  { value: 'sqs-batch', label: 'SQS batch processing' },
];

/** Every input of the current model, plus the account settings both models share. */
export function EstimatorInputs({ state, errors, update }: { state: EstimatorState; errors: FieldErrors; update: Update }) {
  const setLambda = (patch: Partial<LambdaFields>) => update((current) => ({ ...current, lambda: { ...current.lambda, ...patch } }));
  const setSqs = (patch: Partial<SqsBatchFields>) => update((current) => ({ ...current, sqs: { ...current.sqs, ...patch } }));

  return (
    <form className="space-y-5" aria-label="Estimator inputs" onSubmit={(event) => event.preventDefault()}>
      <SegmentedChoice
        legend="What to estimate"
        name="mode"
        options={MODE_OPTIONS}
        value={state.mode}
        onChange={(mode) => update((current) => ({ ...current, mode }))}
      />

      <div className="space-y-4">
        {state.mode === 'lambda'
          ? LAMBDA_NUMBER_FIELDS.map((spec) => (
              <NumberSliderField
                key={spec.field}
                id={`cost-${spec.field}`}
                spec={spec}
                value={state.lambda[spec.field]}
                error={errors[spec.field]}
                onChange={(value) => setLambda({ [spec.field]: value })}
              />
            ))
          : SQS_NUMBER_FIELDS.map((spec) => (
              <NumberSliderField
                key={spec.field}
                id={`cost-${spec.field}`}
                spec={spec}
                value={state.sqs[spec.field]}
                error={errors[spec.field]}
                onChange={(value) => setSqs({ [spec.field]: value })}
              />
            ))}
        {state.mode === 'sqs-batch' && (
          <BatchSizesField id="cost-batchSizes" value={state.sqs.batchSizes} error={errors.batchSizes} onChange={(batchSizes) => setSqs({ batchSizes })} />
        )}
      </div>

      <div className="space-y-4 border-t border-slate-100 pt-4">
        <SegmentedChoice
          legend="Architecture"
          name="architecture"
          options={ARCHITECTURES.map((architecture) => ({ value: architecture, label: architecture }))}
          value={state.architecture}
          onChange={(architecture) => update((current) => ({ ...current, architecture }))}
        />
        <div className="space-y-1">
          <label htmlFor="cost-region" className="block text-sm font-medium text-slate-800">
            Pricing region
          </label>
          <Select
            id="cost-region"
            value={state.region}
            aria-invalid={Boolean(errors.region)}
            onChange={(event) => update((current) => ({ ...current, region: event.target.value }))}
          >
            {PRICED_REGIONS.map((region) => (
              <option key={region} value={region}>
                {region} · {PRICE_TABLE.regions[region]?.name}
              </option>
            ))}
          </Select>
          {errors.region && <p className="text-xs text-red-700">{errors.region}</p>}
        </div>
        <CheckboxField
          id="cost-includeFreeTier"
          label="Apply the monthly free tier"
          help="1 million requests and 400,000 GB-s, all given to this workload."
          checked={state.includeFreeTier}
          onChange={(includeFreeTier) => update((current) => ({ ...current, includeFreeTier }))}
        />
        {state.mode === 'lambda' ? (
          <CheckboxField
            id="cost-useTiers"
            label="Apply volume tiers"
            help="Compute above 6 billion GB-s a month (x86_64) is 10–20% cheaper."
            checked={state.lambda.useTiers}
            onChange={(useTiers) => setLambda({ useTiers })}
          />
        ) : (
          <CheckboxField
            id="cost-includeSqsRequests"
            label="Include SQS request charges"
            help="Sends, Lambda’s receives (empty long polls too) and deletes, per 64 KB chunk: usually most of the bill."
            checked={state.sqs.includeSqsRequests}
            onChange={(includeSqsRequests) => setSqs({ includeSqsRequests })}
          />
        )}
      </div>
    </form>
  );
}
