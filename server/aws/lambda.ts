import 'server-only';
import { GetPolicyCommand, LambdaClient, ListTagsCommand, paginateListFunctions, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';

/** A Lambda function with its tags and resource-based policy (null when it has none). */
export type LambdaFunctionDto = { arn: string; name: string; tags: Record<string, string>; resourcePolicy: unknown };

const CONCURRENCY = 4;

// Text that is not JSON is kept as it is: the matrix reports it as not a policy instead of failing.
function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Every Lambda function of the target's region (all pages) with its tags and resource policy. */
export async function listLambdaFunctionsWithTags(target: AwsTargetRef): Promise<LambdaFunctionDto[]> {
  const client = createAwsClient(LambdaClient, target);
  const functions: { arn: string; name: string }[] = [];
  for await (const page of paginateListFunctions({ client, pageSize: 50 }, {})) {
    for (const f of page.Functions ?? []) if (f.FunctionArn && f.FunctionName) functions.push({ arn: f.FunctionArn, name: f.FunctionName });
  }
  const out: LambdaFunctionDto[] = new Array(functions.length);
  let next = 0;
  const worker = async () => {
    while (next < functions.length) {
      const i = next++;
      const fn = functions[i]!;
      const tags = await client.send(new ListTagsCommand({ Resource: fn.arn }));
      let resourcePolicy: unknown = null;
      try {
        const policy = await client.send(new GetPolicyCommand({ FunctionName: fn.arn }));
        resourcePolicy = policy.Policy ? parseOrKeep(policy.Policy) : null;
      } catch (err) {
        if (!(err instanceof ResourceNotFoundException)) throw err;
      }
      out[i] = { ...fn, tags: tags.Tags ?? {}, resourcePolicy };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, functions.length) }, worker));
  return out;
}
