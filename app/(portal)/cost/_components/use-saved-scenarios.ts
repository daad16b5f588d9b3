'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import type { CostScenarioDto } from '@/lib/schemas/cost-scenarios';

const SCENARIOS_KEY = ['cost-scenarios'] as const;
export const SCENARIOS_URL = '/api/v1/cost/scenarios';

/** The user's saved scenarios (seeded by the server render), and a way to refetch them after a change. */
export function useSavedScenarios(initial: CostScenarioDto[]) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SCENARIOS_KEY,
    queryFn: () => fetchJson<{ scenarios: CostScenarioDto[] }>(SCENARIOS_URL),
    initialData: { scenarios: initial },
  });
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: SCENARIOS_KEY }), [queryClient]);
  return { scenarios: query.data.scenarios, isFetching: query.isFetching, error: query.isError ? query.error : null, refresh };
}
