// Reviews micro-frontend: returns the reviews of one product as an HTML fragment. It is rendered
// entirely on the server; the UI composer places it in the page template.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

const dynamodb = new DynamoDBClient({});
const TABLE_NAME = process.env.TABLE_NAME;
const MAX_REVIEWS = 20;

export const handler = async ({ productId }) => {
  if (typeof productId !== 'string' || productId.length === 0) {
    return { html: '<section class="reviews"><p>No product selected.</p></section>' };
  }
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'productId = :id',
      ExpressionAttributeValues: { ':id': { S: productId } },
      Limit: MAX_REVIEWS,
    }),
  );
  const reviews = (result.Items ?? []).map((item) => ({
    author: item.author?.S ?? 'Anonymous',
    rating: Number(item.rating?.N ?? 0),
    text: item.text?.S ?? '',
  }));
  return { html: renderReviews(reviews) };
};

function renderReviews(reviews) {
  if (reviews.length === 0) return '<section class="reviews"><h2>Reviews</h2><p>No reviews yet.</p></section>';
  const items = reviews
    .map((review) => {
      const stars = '★'.repeat(Math.max(0, Math.min(5, review.rating)));
      return `<li><strong>${escapeHtml(review.author)}</strong> <span aria-label="${review.rating} out of 5">${stars}</span><p>${escapeHtml(review.text)}</p></li>`;
    })
    .join('');
  return `<section class="reviews"><h2>Reviews</h2><ul>${items}</ul></section>`;
}

// Reviews are written by customers, so everything they typed is escaped before it becomes HTML.
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);
}
