// The session cookie's name, on its own so the proxy can read it without pulling in node:crypto or the database.
export const SESSION_COOKIE = "gp_batch_session";
