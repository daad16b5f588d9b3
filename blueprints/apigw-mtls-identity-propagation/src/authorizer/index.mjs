// Lambda authorizer for an mTLS custom domain. API Gateway has already validated the client
// certificate against the truststore; this function reads its subject and hands it to the
// integration through the authorizer context (as context.authorizer.clientCertSub).
import { X509Certificate } from 'node:crypto';

export const handler = async (event) => {
  const pem = event.requestContext?.identity?.clientCert?.clientCertPem;
  if (!pem) {
    // Only reachable through the execute-api endpoint, which this API disables; deny to be safe.
    return policy('anonymous', 'Deny', event.methodArn, {});
  }
  const certificate = new X509Certificate(pem);
  // Node prints one attribute per line ("C=US\nO=Example\nCN=client-1"); a header needs a single line.
  const clientCertSub = certificate.subject.split('\n').join(',');
  // Add your own checks here, for example an allow list of subjects or organisation units.
  console.log(JSON.stringify({ message: 'client certificate accepted', subject: clientCertSub, serial: certificate.serialNumber }));
  return policy(clientCertSub, 'Allow', event.methodArn, { clientCertSub });
};

function policy(principalId, effect, resource, context) {
  return {
    principalId,
    context,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
  };
}
