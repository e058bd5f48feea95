// The real GenePattern files the tests run against: verbatim copies of shared/reference/fixtures (see fixtures-index.md there).
import path from "node:path";

export const FIXTURES_DIR = path.join(import.meta.dirname, "fixtures");
