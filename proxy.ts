// Optimistic gate in front of every page: no session cookie means straight to /login (remembering where you were
// going). The real check (is the session valid, may this role do this?) stays in requireUser/defineAction/withRouteAuth.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie-name";

export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/login";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Route handlers answer 401 themselves (withRouteAuth); static assets and the login page need no session.
  matcher: ["/((?!login|api/|_next/|favicon.ico|robots.txt).*)"],
};
