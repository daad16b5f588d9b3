// Shared Powertools utilities and a small wrapper that does what the Middy middlewares would:
// Lambda context in every log line, a traced handler subsegment, a cold-start metric and metric flushing.
// The packages come from the Powertools layer (or node_modules when PowertoolsLayerVersion is 0).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// Service name, namespace, log level, sampling and event logging all come from POWERTOOLS_* variables.
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();
export { MetricUnit };

/** Wraps a handler with structured logging context, tracing and metrics. */
export function instrument(name, handler) {
  return async (event, context) => {
    logger.addContext(context);
    logger.logEventIfEnabled(event);
    logger.appendKeys({ resource_path: event?.requestContext?.resourcePath });
    metrics.captureColdStartMetric();

    const parent = tracer.getSegment();
    const segment = parent?.addNewSubsegment(`## ${name}`);
    if (segment) tracer.setSegment(segment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      const response = await handler(event, context);
      tracer.addResponseAsMetadata(response, name);
      return response;
    } catch (error) {
      tracer.addErrorAsMetadata(error);
      throw error;
    } finally {
      segment?.close();
      if (parent) tracer.setSegment(parent);
      metrics.publishStoredMetrics();
      logger.removeKeys(['resource_path']);
    }
  };
}

/** An API Gateway proxy response with a JSON body. */
export function json(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
