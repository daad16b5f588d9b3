import { instrument, json, logger, metrics, MetricUnit, tracer } from './powertools.mjs';
import { deleteProduct } from './store.mjs';

export const handler = instrument('deleteProduct', async (event) => {
  const id = event.pathParameters?.id;
  tracer.putAnnotation('productId', id);
  try {
    await deleteProduct(id);
    logger.info('Product deleted', { id });
    metrics.addMetric('productDeleted', MetricUnit.Count, 1);
    return json(200, { message: `Product ${id} deleted.` });
  } catch (error) {
    logger.error('Unexpected error occurred while trying to delete a product', { id, error });
    return json(500, { message: 'Could not delete the product.' });
  }
});
