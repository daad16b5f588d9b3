// Micro-frontend discovery and page templates, each cached briefly so a new deployment of a
// micro-frontend (a new Parameter Store value) is picked up within a minute without restarts.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';

const ssm = new SSMClient({});
const s3 = new S3Client({});
const CACHE_MS = 60_000;
const cache = new Map();

async function cached(key, load) {
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = await load();
  cache.set(key, { value, expires: Date.now() + CACHE_MS });
  return value;
}

/** name -> { kind, target } for every parameter under the discovery path. */
export function discoverMicroFrontends(path) {
  return cached(`discovery:${path}`, async () => {
    const entries = new Map();
    let NextToken;
    do {
      const page = await ssm.send(new GetParametersByPathCommand({ Path: path, NextToken }));
      for (const parameter of page.Parameters ?? []) {
        entries.set(parameter.Name.slice(path.length + 1), JSON.parse(parameter.Value));
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return entries;
  });
}

/** The HTML template of a page, from templates/<page>.html in the bucket. */
export function loadTemplate(bucket, page) {
  return cached(`template:${page}`, async () => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `templates/${page}.html` }));
    return object.Body.transformToString();
  });
}
