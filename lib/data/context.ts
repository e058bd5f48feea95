// What every data-layer function receives: the database and the acting user, whose permission it checks.
import type { Db } from "../db";
import type { SessionUser } from "../auth/roles";

export type DataContext = { db: Db; user: SessionUser };
