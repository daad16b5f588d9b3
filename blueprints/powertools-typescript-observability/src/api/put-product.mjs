import { instrument, json, logger, metrics, MetricUnit, tracer } from './powertools.mjs';
import { putProduct } from './store.mjs';

export const handler = instrument('putProduct', async (event) => {
  const id = event.pathParameters?.id;
  let product;
  try {
    product = JSON.parse(event.body ?? '');
  } catch {
    return json(400, { message: 'The body must be JSON.' });
  }
  if (product?.id !== id || typeof product.name !== 'string' || typeof product.price !== 'number') {
    return json(400, { message: 'Send {"id": <same as the path>, "name": string, "price": number}.' });
  }
  tracer.putAnnotation('productId', id); // searchable in X-Ray
  try {
    await putProduct(product);
    logger.info('Product saved', { id });
    metrics.addMetric('productCreated', MetricUnit.Count, 1);
    return json(201, { message: `Product ${id} saved.` });
  } catch (error) {
    logger.error('Unexpected error occurred while trying to save a product', { id, error });
    return json(500, { message: 'Could not save the product.' });
  }
});
