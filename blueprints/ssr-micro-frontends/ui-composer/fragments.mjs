// Renders one micro-frontend into an HTML fragment, according to how discovery says to reach it.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';

const lambda = new LambdaClient({});
const sfn = new SFNClient({});
const FRAGMENT_TIMEOUT_MS = 3000;

export async function renderFragment(entry, context) {
  switch (entry?.kind) {
    case 'lambda': {
      const response = await lambda.send(
        new InvokeCommand({ FunctionName: entry.target, Payload: JSON.stringify(context) }),
        { abortSignal: AbortSignal.timeout(FRAGMENT_TIMEOUT_MS) },
      );
      if (response.FunctionError) throw new Error(`micro-frontend failed: ${response.FunctionError}`);
      return JSON.parse(new TextDecoder().decode(response.Payload)).html;
    }
    case 'express-workflow': {
      const response = await sfn.send(
        new StartSyncExecutionCommand({ stateMachineArn: entry.target, input: JSON.stringify(context) }),
        { abortSignal: AbortSignal.timeout(FRAGMENT_TIMEOUT_MS) },
      );
      if (response.status !== 'SUCCEEDED') throw new Error(`workflow ended ${response.status}`);
      return JSON.parse(response.output).html;
    }
    case 'client-bundle':
      // Rendered in the browser: the page only needs to load the bundle.
      return `<div id="notifications"></div><script type="module" src="${entry.target}"></script>`;
    default:
      throw new Error(`unknown micro-frontend kind ${entry?.kind}`);
  }
}
