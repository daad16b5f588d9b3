import { instrument, json, logger, metrics, MetricUnit } from './powertools.mjs';
import { listProducts } from './store.mjs';

export const handler = instrument('getProducts', async () => {
  try {
    const products = await listProducts();
    logger.info('Products retrieved', { details: { count: products.length } });
    metrics.addMetric('productsRetrieved', MetricUnit.Count, 1);
    return json(200, { products });
  } catch (error) {
    logger.error('Unexpected error occurred while trying to retrieve products', error);
    return json(500, { message: 'Could not list products.' });
  }
});
