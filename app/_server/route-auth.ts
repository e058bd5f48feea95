// The one guard for route handlers (streams, downloads): 401 when signed out, 403 when the role lacks the permission.
import "server-only";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db";
import { getCurrentUser } from "./current-user";

type Params = Record<string, string | string[] | undefined>;

export type RouteContext<P extends Params> = { user: SessionUser; db: Db; params: P };

export function withRouteAuth<P extends Params = Record<string, string>>(
  permission: Permission,
  handler: (req: Request, context: RouteContext<P>) => Promise<Response>,
): (req: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (req, context) => {
    const user = await getCurrentUser();
    if (!user) return Response.json({ ok: false, code: "unauthenticated", message: "Sign in first." }, { status: 401 });
    if (!can(user.role, permission)) {
      return Response.json(
        { ok: false, code: "forbidden", message: `Your role (${user.role}) does not allow this (needs ${permission}).` },
        { status: 403 },
      );
    }
    const params = ((await context?.params) ?? {}) as P;
    return handler(req, { user, db: getDb(), params });
  };
}
