// POST /api/v1/abac/what-if — the matrix with edited tags or policies compared with the inventory; nothing is applied to AWS
import { apiRoute } from '@/server/http';
import { runAbacWhatIf } from '@/server/abac/views';
import { abacWhatIfSchema } from '@/lib/schemas/abac-views';

export const POST = apiRoute({ body: abacWhatIfSchema }, ({ actor, body }) => runAbacWhatIf(actor, body));
