import { instrument, json, logger, metrics, MetricUnit } from './powertools.mjs';
import { getProduct } from './store.mjs';

export const handler = instrument('getProduct', async (event) => {
  const id = event.pathParameters?.id;
  try {
    const product = await getProduct(id);
    if (!product) {
      logger.warn('Product not found', { id });
      return json(404, { message: `Product ${id} not found.` });
    }
    metrics.addMetric('productRetrieved', MetricUnit.Count, 1);
    return json(200, product);
  } catch (error) {
    logger.error('Unexpected error occurred while trying to retrieve a product', { id, error });
    return json(500, { message: 'Could not read the product.' });
  }
});
