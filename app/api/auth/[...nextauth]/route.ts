// GET|POST /api/auth/* — next-auth's sign-in, callback, session and sign-out endpoints (sign-ins rate-limited)
import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { refuseExcessSignIn } from '@/server/auth/sign-in-limit';

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const refused = await refuseExcessSignIn(req, (await ctx.params).nextauth);
  return refused ?? NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
